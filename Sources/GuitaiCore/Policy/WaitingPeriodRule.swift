/// The resident medical waiting period (待遇等待期) for enrolment outside the collection window or after a break.
public struct WaitingPeriodRule: Sendable, Hashable {
    /// Enrolments from this date on are subject to it; nil means the policy has none.
    public var appliesFrom: Sourced<LocalDate?>
    /// The yearly collection window as month-day pairs, e.g. (9, 1)...(12, 31).
    public var windowStart: (month: Int, day: Int)
    public var windowEnd: (month: Int, day: Int)
    public var windowSource: String
    public var baseMonths: Sourced<Int>
    public var monthsPerBreakYear: Sourced<Int>
    public var exemptGroups: Sourced<Set<SpecialGroup>>

    public init(appliesFrom: Sourced<LocalDate?>, windowStart: (Int, Int), windowEnd: (Int, Int), windowSource: String,
                baseMonths: Sourced<Int>, monthsPerBreakYear: Sourced<Int>, exemptGroups: Sourced<Set<SpecialGroup>>) {
        self.appliesFrom = appliesFrom
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.windowSource = windowSource
        self.baseMonths = baseMonths
        self.monthsPerBreakYear = monthsPerBreakYear
        self.exemptGroups = exemptGroups
    }

    public static let none = WaitingPeriodRule(
        appliesFrom: Sourced(nil, source: "none"), windowStart: (1, 1), windowEnd: (12, 31), windowSource: "none",
        baseMonths: Sourced(0, source: "none"), monthsPerBreakYear: Sourced(0, source: "none"), exemptGroups: Sourced([], source: "none"))

    public func isInWindow(_ date: LocalDate) -> Bool {
        let key = (date.month, date.day)
        return key >= windowStart && key <= windowEnd
    }

    public static func == (a: WaitingPeriodRule, b: WaitingPeriodRule) -> Bool {
        a.appliesFrom == b.appliesFrom && a.windowStart == b.windowStart && a.windowEnd == b.windowEnd
            && a.baseMonths == b.baseMonths && a.monthsPerBreakYear == b.monthsPerBreakYear && a.exemptGroups == b.exemptGroups
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(appliesFrom)
        hasher.combine(baseMonths)
    }
}
