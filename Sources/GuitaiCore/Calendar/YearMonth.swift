/// A calendar month (`YYYY-MM`): benefit months, payment runs.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    private init(index: Int) {
        let clamped = Swift.min(Swift.max(index, 12), 10_000 * 12 - 1)
        year = clamped / 12
        month = clamped % 12 + 1
    }

    public static let earliest = YearMonth(index: 12)
    public static let latest = YearMonth(index: 10_000 * 12 - 1)

    /// Parses `YYYY-MM` strictly.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }

    private var index: Int { year * 12 + month - 1 }

    /// Adds months; stops at 0001-01 or 9999-12 rather than trapping.
    public func adding(months: Int) -> YearMonth {
        YearMonth(index: index + Swift.min(Swift.max(months, -120_000), 120_000))
    }

    /// Months from `self` to `other`, counting neither end twice (2023-01 → 2023-03 is 2).
    public func months(until other: YearMonth) -> Int { other.index - index }

    public var firstDay: LocalDate { LocalDate(year: year, month: month, day: 1) ?? .latest }
    public var lastDay: LocalDate { LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year)) ?? .latest }

    public var iso: String { String(format4: year) + "-" + String(twoDigits: month) }
    public var description: String { iso }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }
}
