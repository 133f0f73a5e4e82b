import GuitaiCore

/// One row of a settlements export: a settlement as recorded, or a reversal as the same figures negated. Amounts in
/// fen-exact `Money`; the fields map one to one onto the national platform's settlement names (`domain.md` §4).
public struct SettlementExportRow: Hashable, Sendable {
    /// The settlement's serial, or the reversal's (`setl_id`).
    public var serial: String
    /// For a reversal, the serial of the settlement it undid.
    public var reverses: String?
    public var idNumber: String
    public var name: String
    /// The visit's date.
    public var visitDate: LocalDate
    /// When the transaction was recorded, seconds since 1970 (`setl_time`).
    public var at: Int64
    public var visit: String
    public var level: Int
    public var total: Money
    public var outOfScope: Money
    public var bPrepay: Money
    public var inScope: Money
    public var deductible: Money
    public var basic: Money
    public var criticalIllness: Money
    public var assistance: Money
    public var personal: Money
}
