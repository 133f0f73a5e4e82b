import GuitaiCore
import GuitaiStore

/// What a monthly run did.
public struct PaymentRunReport: Sendable {
    public var month: YearMonth
    public var serial: String
    public var paid: [PaymentLine]
    public var suspended: [PaymentLine]
    public var backPaid: [PaymentLine]
}
