/// A ratio in basis points (1% = 100 bp), applied to money with one half-up rounding.
public struct Ratio: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var basisPoints: Int64

    public init(basisPoints: Int64) { self.basisPoints = basisPoints }

    public static func percent(_ value: Int64) -> Ratio { Ratio(basisPoints: value * 100) }

    public static let zero = Ratio(basisPoints: 0)
    public static let whole = Ratio(basisPoints: 10_000)

    /// Parses `"80%"`, `"62.5%"` or `"62.55%"` (whole basis points only).
    public init?(percentText text: String) {
        guard text.hasSuffix("%") else { return nil }
        let number = String(text.dropLast()).trimmingSpaces
        guard let asMoney = Money(yuan: number), asMoney.fen >= 0 else { return nil }
        // "62.5" parsed as yuan is 6250 fen: the same digits as basis points.
        self.basisPoints = asMoney.fen
    }

    /// `round_half_up(amount × bp / 10000)`, exact over the whole range of `Int64` (the product is taken at
    /// 128 bits); a result beyond `Int64` saturates.
    public func apply(to amount: Money) -> Money {
        let (product, overflow) = amount.fen.multipliedReportingOverflow(by: basisPoints)
        if !overflow { return Money(fen: Ratio.roundHalfUp(fenBasisPoints: product)) }
        let negative = (amount.fen < 0) != (basisPoints < 0)
        let (high, low) = amount.fen.magnitude.multipliedFullWidth(by: basisPoints.magnitude)
        guard high < 10_000 else { return Money(fen: negative ? .min : .max) }
        let (quotient, remainder) = UInt64(10_000).dividingFullWidth((high, low))
        let (rounded, carried) = quotient.addingReportingOverflow(remainder >= 5_000 ? 1 : 0)
        guard !carried, rounded <= UInt64(Int64.max) else { return Money(fen: negative ? .min : .max) }
        return Money(fen: negative ? -Int64(rounded) : Int64(rounded))
    }

    /// The exact product in fen·bp; saturates rather than trapping (bounded inputs never reach the limit).
    public static func product(_ amount: Money, _ ratio: Ratio) -> Int64 {
        Money.saturating(amount.fen.multipliedReportingOverflow(by: ratio.basisPoints),
                         sign: amount.fen.signum() * ratio.basisPoints.signum())
    }

    /// Rounds an exact product in fen·bp to whole fen, half away from zero, without overflowing near the limits.
    public static func roundHalfUp(fenBasisPoints value: Int64) -> Int64 {
        let whole = value / 10_000, rest = value % 10_000
        if rest >= 5_000 { return whole + 1 }
        if rest <= -5_000 { return whole - 1 }
        return whole
    }

    /// `"62.5%"`, trailing zeros dropped.
    public var percentText: String {
        let whole = basisPoints / 100, part = basisPoints % 100
        if part == 0 { return "\(whole)%" }
        if part % 10 == 0 { return "\(whole).\(part / 10)%" }
        return "\(whole).\(String(twoDigits: Int(part)))%"
    }

    public var description: String { percentText }

    public static func < (a: Ratio, b: Ratio) -> Bool { a.basisPoints < b.basisPoints }
    public static func + (a: Ratio, b: Ratio) -> Ratio { Ratio(basisPoints: a.basisPoints + b.basisPoints) }
}

extension String {
    /// The string without leading and trailing spaces and tabs (Core avoids Foundation's trimming).
    public var trimmingSpaces: String {
        var slice = Substring(self)
        while let f = slice.first, f == " " || f == "\t" || f == "\r" { slice.removeFirst() }
        while let l = slice.last, l == " " || l == "\t" || l == "\r" { slice.removeLast() }
        return String(slice)
    }
}
