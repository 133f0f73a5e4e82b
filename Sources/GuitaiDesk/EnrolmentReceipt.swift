import GuitaiCore

/// The receipt (回执) of an enrolment.
public struct EnrolmentReceipt: Sendable {
    public var serial: String
    public var person: Person
    public var plan: EnrolmentPlan
    public var policyID: String
}
