/// What a clerk chooses to enrol a registered person; dates default to the business date.
public struct EnrolmentForm: Sendable {
    public var idNumber: String
    public var scheme: String
    public var from: String?
    public var status: String?
    public var grade: String?
    public var employer: String?
    public var switchPair: Bool

    public init(idNumber: String, scheme: String, from: String? = nil, status: String? = nil, grade: String? = nil,
                employer: String? = nil, switchPair: Bool = false) {
        self.idNumber = idNumber
        self.scheme = scheme
        self.from = from
        self.status = status
        self.grade = grade
        self.employer = employer
        self.switchPair = switchPair
    }
}
