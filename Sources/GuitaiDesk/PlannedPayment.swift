import GuitaiCore
import GuitaiStore

/// One recipient's decision in a payment run, made on a snapshot before the run's transaction.
struct PlannedPayment {
    var recipient: RecipientRecord
    var decision: PaymentDecision
}
