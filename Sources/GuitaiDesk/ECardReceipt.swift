import GuitaiCore

/// What an e-card step produced: the status, the serial, and for an issue the one-time activation code.
public struct ECardReceipt: Sendable {
    public var transaction: String
    public var ecardSerial: String
    public var status: ECardStatus
    /// Printed once on the issue receipt; never stored in clear.
    public var activationCode: String?
    public var voucherActive: Bool
    /// Why the e-card cannot be used right now (the physical card's state), when it cannot.
    public var unusableReason: Bilingual?
}
