import GuitaiCore
import GuitaiStore

/// One recipient's decision in a payment run, made on a snapshot before the run's transactions.
struct PlannedPayment {
    var recipient: RecipientRecord
    var decision: PaymentDecision

    /// One line to write.
    struct Line {
        var benefitUUID: String
        var month: YearMonth
        var kind: String
        var amount: Money
    }

    /// The lines the decision writes for a run of `month`: paid or suspended for the month, and one per back-paid month.
    func lines(month: YearMonth) -> [Line] {
        var lines: [Line] = []
        if let amount = decision.paid { lines.append(Line(benefitUUID: recipient.benefitUUID, month: month, kind: "paid", amount: amount)) }
        if decision.suspended { lines.append(Line(benefitUUID: recipient.benefitUUID, month: month, kind: "suspended", amount: .zero)) }
        for owed in decision.backPaidMonths {
            lines.append(Line(benefitUUID: recipient.benefitUUID, month: owed, kind: "back-paid", amount: recipient.benefit.monthly))
        }
        return lines
    }

    /// Adds the decision to the run's report: one line each for paid, suspended, and back-paid (listing its months).
    func report(into report: inout PaymentRunReport, month: YearMonth) {
        let r = recipient
        if let amount = decision.paid { report.paid.append(PaymentLine(idNumber: r.idNumber, name: r.name, amount: amount, months: [month])) }
        if decision.suspended {
            report.suspended.append(PaymentLine(idNumber: r.idNumber, name: r.name, amount: r.benefit.monthly, months: [month]))
        }
        if !decision.backPaidMonths.isEmpty {
            report.backPaid.append(PaymentLine(idNumber: r.idNumber, name: r.name, amount: decision.backPaid, months: decision.backPaidMonths))
        }
    }
}
