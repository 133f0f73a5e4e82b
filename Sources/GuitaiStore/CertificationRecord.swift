import GuitaiCore

/// One certification as stored.
public struct CertificationRecord: Hashable, Sendable {
    public var date: LocalDate
    public var method: CertificationMethod
    public var reference: String?
    public var serial: String
}
