import GuitaiCore

/// One scheme as the enrolment screen shows it: open with its quote, or closed with the rule that closes it.
public struct EnrolmentOption: Sendable {
    public var scheme: Scheme
    public var plan: EnrolmentPlan?
    public var closedBecause: DomainError?
}
