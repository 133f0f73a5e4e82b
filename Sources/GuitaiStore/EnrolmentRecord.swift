import GuitaiCore

/// An enrolment as stored, with the record's UUID and the transaction that made it.
public struct EnrolmentRecord: Hashable, Sendable {
    public var uuid: String
    public var enrolment: Enrolment
    public var createdSerial: String
    /// Ended by the registration of the person's death (reopened if the death is withdrawn).
    public var endedByDeath: Bool = false
}
