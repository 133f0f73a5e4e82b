/// The monthly payment run for one recipient: pay, suspend, or back-pay what was suspended.
public enum PaymentRun {
    /// Decides month `month` for a benefit.
    /// - dueAtMonthStart: the due date of the certification in force on the month's first day (the latest one made
    ///   on or before it, or the benefit start): the month is paid only if that day falls before it.
    /// - latestDue: the due date of the latest certification of all; a suspended month whose first day falls before
    ///   it is back-paid, since the person has since been confirmed entitled for it.
    /// - paidMonths: months with a payment (regular or back-pay); never paid twice.
    /// - suspendedMonths: months suspended and not yet back-paid.
    public static func decide(_ benefit: Benefit, month: YearMonth, dueAtMonthStart: LocalDate, latestDue: LocalDate,
                              paidMonths: Set<YearMonth>, suspendedMonths: Set<YearMonth>) -> PaymentDecision {
        var decision = PaymentDecision.nothing
        if benefit.covers(month), !paidMonths.contains(month), !suspendedMonths.contains(month) {
            if CertificationCycle.isValid(for: month, due: dueAtMonthStart) { decision.paid = benefit.monthly } else { decision.suspended = true }
        }
        let owed = suspendedMonths.filter {
            $0 != month && benefit.covers($0) && !paidMonths.contains($0) && CertificationCycle.isValid(for: $0, due: latestDue)
        }.sorted()
        decision.backPaidMonths = owed
        decision.backPaid = benefit.monthly.times(owed.count)
        return decision
    }

    /// Months paid after the month of death, to recover (多发待遇追回).
    public static func overpayment(_ benefit: Benefit, paidMonths: Set<YearMonth>) -> (months: [YearMonth], amount: Money) {
        guard let last = benefit.lastMonth else { return ([], .zero) }
        let months = paidMonths.filter { $0 > last }.sorted()
        return (months, benefit.monthly.times(months.count))
    }
}
