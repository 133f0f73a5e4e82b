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

    public init(scheme: Scheme, status: EnrolmentStatus = .active, regionCode: String, from: LocalDate,
                to: LocalDate? = nil, coverFrom: LocalDate? = nil, employmentStatus: EmploymentStatus? = nil,
                employer: SocialCreditCode? = nil, grade: Money? = nil) {
        self.scheme = scheme
        self.status = status
        self.regionCode = regionCode
        self.from = from
        self.to = to
        self.coverFrom = coverFrom ?? from
        self.employmentStatus = employmentStatus
        self.employer = employer
        self.grade = grade
    }

    /// Enrolled on a date: inside the period, and either still active or ended later (a switch, termination or
    /// transfer closes the period but not the cover it gave). A suspended enrolment covers nothing while suspended.
    public func isActive(on date: LocalDate) -> Bool {
        guard from <= date, to.map({ date <= $0 }) ?? true else { return false }
        switch status {
        case .active: return true
        case .terminated, .transferred: return to != nil
        case .suspended: return false
        }
    }

    /// Whether benefits are payable on a date: active, and past any waiting period.
    public func covers(_ date: LocalDate) -> Bool { isActive(on: date) && coverFrom <= date }
}
