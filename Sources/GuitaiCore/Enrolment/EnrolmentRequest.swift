/// What the clerk asks for: enrol this person in this scheme from this date.
public struct EnrolmentRequest: Hashable, Sendable {
    public var scheme: Scheme
    public var from: LocalDate
    public var employmentStatus: EmploymentStatus?
    public var grade: Money?
    public var employer: SocialCreditCode?
    /// The clerk's explicit choice to end the active scheme of an exclusive pair (a resident who takes a job).
    public var switchPair: Bool
    /// The insured region when it differs from the person's.
    public var regionCode: String?

    public init(scheme: Scheme, from: LocalDate, employmentStatus: EmploymentStatus? = nil, grade: Money? = nil,
                employer: SocialCreditCode? = nil, switchPair: Bool = false, regionCode: String? = nil) {
        self.scheme = scheme
        self.from = from
        self.employmentStatus = employmentStatus
        self.grade = grade
        self.employer = employer
        self.switchPair = switchPair
        self.regionCode = regionCode
    }
}
