/// A monthly benefit (pension) paid to a recipient from a start month until the month of death.
public struct Benefit: Hashable, Sendable {
    public var scheme: Scheme
    public var monthly: Money
    public var start: YearMonth
    /// The date of death once registered; the benefit ends with that month.
    public var deathDate: LocalDate?

    /// The largest monthly amount a benefit may have: 1,000,000.00 yuan (a typing error beyond it).
    public static let maximumMonthly = Money.yuan(1_000_000)

    public init(scheme: Scheme, monthly: Money, start: YearMonth, deathDate: LocalDate? = nil) {
        self.scheme = scheme
        self.monthly = monthly
        self.start = start
        self.deathDate = deathDate
    }

    /// The last month payable, when the recipient has died.
    public var lastMonth: YearMonth? { deathDate?.yearMonth }

    /// Whether a month falls inside the benefit's life.
    public func covers(_ month: YearMonth) -> Bool { month >= start && (lastMonth.map { month <= $0 } ?? true) }
}
