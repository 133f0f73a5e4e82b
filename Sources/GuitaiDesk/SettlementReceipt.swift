import GuitaiCore

/// A settlement as computed (and recorded, unless it was a preview), with its slip.
public struct SettlementReceipt: Sendable {
    /// nil for a preview.
    public var serial: String?
    public var person: Person
    public var result: SettlementResult
    public var slip: String
}
