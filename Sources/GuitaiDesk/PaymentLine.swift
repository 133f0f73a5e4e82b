import GuitaiCore
import GuitaiStore

/// One line of a payment run: a person, an amount and the months it covers.
public struct PaymentLine: Sendable {
    public var idNumber: String
    public var name: String
    public var amount: Money
    public var months: [YearMonth]
}
