import GuitaiCore

/// A registered death, with what it changed that a withdrawal restores.
public struct DeathRecord: Hashable, Sendable {
    public var date: LocalDate
    /// The serial of the registration.
    public var serial: String
    /// The e-card the death suspended, and the status it had before.
    public var ecardUUID: String?
    public var ecardStatusBefore: ECardStatus?
}
