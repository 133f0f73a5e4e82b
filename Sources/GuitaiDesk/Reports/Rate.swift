/// A share as a percentage with one decimal, in integers: `"39.1"` for 289,500 of 740,500 (`cli.md`: rates are decimal
/// strings with one decimal). Rounded half up; `"0.0"` when there is nothing to count against.
public struct Rate: Sendable, Equatable {
    public var part: Int
    public var whole: Int

    public init(_ part: Int, of whole: Int) {
        self.part = part
        self.whole = whole
    }

    /// Tenths of a percent, 0 when the whole is 0, at most 10,000 (1000.0%) however the counts run.
    public var tenths: Int {
        guard whole > 0, part >= 0 else { return 0 }
        let part = Int64(part), whole = Int64(whole)
        if part / whole >= 10 { return 10_000 }
        // (1000 × part + whole / 2) / whole in 128 bits, so no count can overflow; the quotient is below 10,000.
        let product = Int64(1000).multipliedFullWidth(by: part)
        let (low, carry) = product.low.addingReportingOverflow(UInt64(whole / 2))
        return Int(whole.dividingFullWidth((product.high + (carry ? 1 : 0), low)).quotient)
    }

    /// `"39.1"`.
    public var text: String { String(tenths / 10) + "." + String(tenths % 10) }
}
