/// One enrolment of a person in a scheme, with its period and what was quoted at enrolment.
public struct Enrolment: Hashable, Sendable {
    public var scheme: Scheme
    public var status: EnrolmentStatus
    /// The insured region (division code), which picks the policy.
    public var regionCode: String
    public var from: LocalDate
    public var to: LocalDate?
    /// First day the benefits cover (after a medical waiting period); equals `from` when there is none.
    public var coverFrom: LocalDate
    public var employmentStatus: EmploymentStatus?
    public var employer: SocialCreditCode?
    /// Resident pension contribution grade a year.
    public var grade: Money?
    /// What the person pays of the grade a year (less than the grade when the government pays on their behalf).
    public var personalContribution: Money?
    /// Periods without cover while payment was suspended; the last one is open while suspended.
    public var suspensions: [Suspension]

    public init(scheme: Scheme, status: EnrolmentStatus = .active, regionCode: String, from: LocalDate,
                to: LocalDate? = nil, coverFrom: LocalDate? = nil, employmentStatus: EmploymentStatus? = nil,
                employer: SocialCreditCode? = nil, grade: Money? = nil, personalContribution: Money? = nil,
                suspensions: [Suspension] = []) {
        self.scheme = scheme
        self.status = status
        self.regionCode = regionCode
        self.from = from
        self.to = to
        self.coverFrom = coverFrom ?? from
        self.employmentStatus = employmentStatus
        self.employer = employer
        self.grade = grade
        self.personalContribution = personalContribution
        self.suspensions = suspensions
    }

    /// Enrolled on a date: inside the period and outside every suspension. A switch, termination or transfer
    /// closes the period but not the cover it gave before.
    public func isActive(on date: LocalDate) -> Bool {
        guard from <= date, to.map({ date <= $0 }) ?? true else { return false }
        if (status == .terminated || status == .transferred) && to == nil { return false }
        return !suspensions.contains { $0.contains(date) }
    }

    /// Whether benefits are payable on a date: active, and past any waiting period.
    public func covers(_ date: LocalDate) -> Bool { isActive(on: date) && coverFrom <= date }
}
