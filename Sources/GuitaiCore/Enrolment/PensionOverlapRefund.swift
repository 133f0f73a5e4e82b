/// Months paid to both pension schemes count for the employee scheme only; the resident contributions for them come back.
public struct PensionOverlapRefund: Hashable, Sendable {
    public var months: [YearMonth]
    public var amount: Money

    /// Resident contributions are paid a calendar year in advance at the grade, from the enrolment month on;
    /// every such month from the employee start is refunded at grade × months / 12, rounded half up once per year.
    public static func compute(residentFrom: LocalDate, grade: Money, paidThroughYear: Int,
                               employeeFrom: LocalDate) -> PensionOverlapRefund {
        var months: [YearMonth] = []
        var month = max(residentFrom.yearMonth, employeeFrom.yearMonth)
        let last = YearMonth(year: paidThroughYear, month: 12) ?? YearMonth.latest
        while month <= last {
            months.append(month)
            // At 9999-12 adding stops: so does the loop.
            guard month < YearMonth.latest else { break }
            month = month.adding(months: 1)
        }
        var amount = Money.zero
        for year in Set(months.map(\.year)) {
            let count = months.filter { $0.year == year }.count
            // Half up: floor((x + 6) / 12) for x / 12 with x ≥ 0.
            amount = amount + Money(fen: (grade.times(count).fen + 6) / 12)
        }
        return PensionOverlapRefund(months: months, amount: amount)
    }
}
