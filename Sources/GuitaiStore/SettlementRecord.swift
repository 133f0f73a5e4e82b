import GuitaiCore

/// A recorded settlement: the figures the accumulators are built from, and the slip as printed.
public struct SettlementRecord: Hashable, Sendable {
    public var serial: String
    public var personUUID: String
    public var date: LocalDate
    public var policyID: String
    public var total: Money
    public var basic: Money
    public var criticalIllness: Money
    public var assistance: Money
    public var personal: Money
    public var slip: String
    /// The reversal's serial, when the settlement has been reversed.
    public var reversedBy: String?
    /// The business date the settlement was recorded on (a reversal may not be dated before it).
    public var recordedOn: LocalDate
}
