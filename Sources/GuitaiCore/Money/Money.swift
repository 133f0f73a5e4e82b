/// An amount of money in whole fen (分). Never floating point.
///
/// Arithmetic never traps: amounts are bounded where they enter (a bill item or a policy amount at most
/// `Money.maximumEntered`, at most 1,000 items a bill), which keeps every sum and every fen × basis-point product far
/// inside 64 bits; should a damaged store still push a sum past the bounds, it saturates at the limit of `Int64`
/// rather than trapping, and the settlement engine refuses any figure beyond `Money.maximumComputed`.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible, AdditiveArithmetic {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    /// Whole yuan; policy files and tests speak in yuan.
    public static func yuan(_ whole: Int64) -> Money { Money(fen: saturating(whole.multipliedReportingOverflow(by: 100), sign: whole)) }

    /// The largest amount a bill item or a policy parameter may hold: 10,000,000.00 yuan (`domain.md`, "Amounts are
    /// bounded"). Beyond it a figure is a typing error.
    public static let maximumEntered = Money(fen: 1_000_000_000)

    /// The largest amount any computed figure (a bill's total, a year's accumulated payments) may reach:
    /// 100,000,000,000.00 yuan, ten thousand maximal bills. The engine refuses beyond it.
    public static let maximumComputed = Money(fen: 10_000_000_000_000)

    public static let zero = Money(fen: 0)

    /// Parses yuan written with up to two decimals (`"1234.5"`, `"1234.50"`, `"300"`).
    /// Thousands separators are accepted only when `allowingSeparators` is set, and only between groups of three
    /// digits before the point, as on a printed bill (`"300,000"`, `"12,345.60"`; not `"1,0,0"`).
    public init?(yuan text: String, allowingSeparators: Bool = false) {
        var body = Substring(text)
        var negative = false
        if body.first == "-" { negative = true; body = body.dropFirst() }
        if allowingSeparators && body.contains(",") {
            let whole = body.prefix { $0 != "." }
            guard !body.dropFirst(whole.count).contains(",") else { return nil }
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard let head = groups.first, (1...3).contains(head.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            body = Substring(body.filter { $0 != "," })
        }
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
    public static func + (a: Money, b: Money) -> Money {
        Money(fen: saturating(a.fen.addingReportingOverflow(b.fen), sign: b.fen))
    }

    public static func - (a: Money, b: Money) -> Money {
        Money(fen: saturating(a.fen.subtractingReportingOverflow(b.fen), sign: b.fen == .min ? 1 : -b.fen))
    }

    /// This amount `count` times (a monthly benefit over several months).
    public func times(_ count: Int) -> Money {
        let factor = Int64(clamping: count)
        return Money(fen: Money.saturating(fen.multipliedReportingOverflow(by: factor), sign: fen.signum() * factor.signum()))
    }

    /// The result, or the limit of `Int64` on the side `sign` points to when it overflowed.
    static func saturating(_ result: (partialValue: Int64, overflow: Bool), sign: Int64) -> Int64 {
        guard result.overflow else { return result.partialValue }
        return sign < 0 ? .min : .max
    }

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
