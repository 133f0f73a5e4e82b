/// The monthly payment run for one recipient: pay, suspend, or back-pay what was suspended.
public enum PaymentRun {
    /// Decides month `month` for a benefit, given the months already paid or suspended.
    /// - paidMonths: months with a payment (regular or back-pay); never paid twice.
    /// - suspendedMonths: months suspended and not yet back-paid.
    public static func decide(_ benefit: Benefit, month: YearMonth, due: LocalDate,
                              paidMonths: Set<YearMonth>, suspendedMonths: Set<YearMonth>) -> PaymentDecision {
        var decision = PaymentDecision.nothing
        let valid = CertificationCycle.isValid(for: month, due: due)
        if benefit.covers(month), !paidMonths.contains(month), !suspendedMonths.contains(month) {
            if valid { decision.paid = benefit.monthly } else { decision.suspended = true }
        }
        // Back-pay needs a valid certification now, and covers only months the benefit lived through.
        if valid {
            let owed = suspendedMonths.filter { benefit.covers($0) && !paidMonths.contains($0) && $0 < month }.sorted()
            decision.backPaidMonths = owed
            decision.backPaid = Money(fen: benefit.monthly.fen * Int64(owed.count))
        }
        return decision
    }

    /// Months paid after the month of death, to recover (多发待遇追回).
    public static func overpayment(_ benefit: Benefit, paidMonths: Set<YearMonth>) -> (months: [YearMonth], amount: Money) {
        guard let last = benefit.lastMonth else { return ([], .zero) }
        let months = paidMonths.filter { $0 > last }.sorted()
        return (months, Money(fen: benefit.monthly.fen * Int64(months.count)))
    }
}
