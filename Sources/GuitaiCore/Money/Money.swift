/// An amount of money in whole fen (分). Never floating point.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible, AdditiveArithmetic {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    /// Whole yuan; policy files and tests speak in yuan.
    public static func yuan(_ whole: Int64) -> Money { Money(fen: whole * 100) }

    public static let zero = Money(fen: 0)

    /// Parses yuan written with up to two decimals (`"1234.5"`, `"1234.50"`, `"300"`).
    /// Thousands separators (`"300,000"`) are accepted only when `allowingSeparators` is set.
    public init?(yuan text: String, allowingSeparators: Bool = false) {
        var body = Substring(text)
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        if allowingSeparators { body = Substring(body.filter { $0 != "," }) }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 15,
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
              let whole = Int64(parts[0]) else { return nil }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int64(f) else { return nil }
            fraction = f.count == 1 ? v * 10 : v
        }
        let total = whole * 100 + fraction
        self.fen = negative ? -total : total
    }

    /// `"1234.50"`: the contract's form, for JSON and scripts.
    public var plain: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        return sign + String(magnitude / 100) + "." + String(twoDigits: Int(magnitude % 100))
    }

    /// `"12,345.60"`: the form on screens and slips.
    public var grouped: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        var digits = String(magnitude / 100)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(Substring(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(Substring(digits), at: 0)
        return sign + groups.joined(separator: ",") + "." + String(twoDigits: Int(magnitude % 100))
    }

    public var description: String { plain }

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }
    public static func + (a: Money, b: Money) -> Money { Money(fen: a.fen + b.fen) }
    public static func - (a: Money, b: Money) -> Money { Money(fen: a.fen - b.fen) }

    /// `max(0, self)`: what is left of a cap can never be negative.
    public var clampedAtZero: Money { fen < 0 ? .zero : self }

    /// This amount split by a ratio, rounded half up once (see `Ratio`).
    public func applying(_ ratio: Ratio) -> Money { ratio.apply(to: self) }
}

extension Money {
    public static func min(_ a: Money, _ b: Money) -> Money { a < b ? a : b }
    public static func max(_ a: Money, _ b: Money) -> Money { a < b ? b : a }
}

extension Sequence where Element == Money {
    public func sum() -> Money { reduce(.zero, +) }
}
