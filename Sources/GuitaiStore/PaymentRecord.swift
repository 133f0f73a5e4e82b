import GuitaiCore

/// A payment-run line as stored.
public struct PaymentRecord: Hashable, Sendable {
    public var month: YearMonth
    public var kind: String
    public var amount: Money
    public var runSerial: String
}
