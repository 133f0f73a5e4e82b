/// A share as a percentage with one decimal, in integers: `"39.1"` for 289,500 of 740,500 (`cli.md`: rates are decimal
/// strings with one decimal). Rounded half up; `"0.0"` when there is nothing to count against.
public struct Rate: Sendable, Equatable {
    public var part: Int
    public var whole: Int

    public init(_ part: Int, of whole: Int) {
        self.part = part
        self.whole = whole
    }

    /// Tenths of a percent, 0 when the whole is 0.
    public var tenths: Int {
        guard whole > 0, part >= 0 else { return 0 }
        // 1000 × part fits easily in Int64 for any count a store can hold.
        return Int((Int64(part) * 1000 + Int64(whole) / 2) / Int64(whole))
    }

    /// `"39.1"`.
    public var text: String { String(tenths / 10) + "." + String(tenths % 10) }
}
