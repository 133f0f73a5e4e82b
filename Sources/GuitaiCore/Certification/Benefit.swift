/// A monthly benefit (pension) paid to a recipient from a start month until the month of death.
public struct Benefit: Hashable, Sendable {
    public var scheme: Scheme
    public var monthly: Money
    public var start: YearMonth
    /// The date of death once registered; the benefit ends with that month.
    public var deathDate: LocalDate?

    /// The largest monthly amount a benefit may have: 1,000,000.00 yuan (a typing error beyond it).
    public static let maximumMonthly = Money.yuan(1_000_000)

    /// A monthly amount as typed: yuan above zero, at most two decimals, thousands grouped or not (`3,150.50`), at
    /// most `maximumMonthly`; spaces around it ignored.
    /// - Returns: the amount, or `bad-amount` (usage) saying what it should be.
    public static func monthly(typed text: String) -> Result<Money, DomainError> {
        guard let monthly = Money(yuan: text.trimmingSpaces, allowingSeparators: true), monthly.fen > 0, monthly <= maximumMonthly else {
            return .failure(DomainError(.usage, code: "bad-amount", zh: "月待遇「\(text)」应为大于0、不超过1,000,000元的金额，最多两位小数，如 205 或 3,150.50",
                                        en: "The monthly amount \"\(text)\" should be yuan above zero, at most 1,000,000, with at most two decimals, e.g. 205 or 3,150.50"))
        }
        return .success(monthly)
    }

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
