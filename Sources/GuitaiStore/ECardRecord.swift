import GuitaiCore

/// An e-card as stored; the PIN and activation code only as hashes, never readable.
public struct ECardRecord: Hashable, Sendable {
    public var uuid: String
    public var serial: String
    public var status: ECardStatus
    public var statusSince: LocalDate
    public var phone: String
    public var identityCheck: String
    public var voucherOn: LocalDate?
    public var issuedSerial: String
}
