/// The rolling twelve-month certification cycle.
public enum CertificationCycle {
    public static let months = 12
    /// "Due soon" starts this many days before the due date.
    public static let dueSoonDays = 30

    /// The next due date: twelve months after the last certification, or after the benefit's first day when never certified.
    public static func nextDue(lastCertified: LocalDate?, benefitStart: YearMonth) -> LocalDate {
        (lastCertified ?? benefitStart.firstDay).adding(months: months)
    }

    /// Where a recipient stands on a date.
    public enum Standing: String, Sendable {
        case current
        case dueSoon = "due-soon"
        case overdue
    }

    public static func standing(on date: LocalDate, due: LocalDate) -> Standing {
        if date >= due { return .overdue }
        if date >= due.adding(days: -dueSoonDays) { return .dueSoon }
        return .current
    }

    /// A month is payable when the certification is still valid on its first day.
    public static func isValid(for month: YearMonth, due: LocalDate) -> Bool { month.firstDay < due }
}
