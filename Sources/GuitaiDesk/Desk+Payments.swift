import GuitaiCore
import GuitaiStore

extension Desk {
    /// The monthly payment run (supervisors): pay the certified, suspend the overdue, back-pay the re-certified.
    /// Running a month again pays nobody twice.
    public func paymentsRun(month text: String) throws -> PaymentRunReport {
        try require(.supervision)
        guard let month = YearMonth(iso: text) else {
            throw DomainError(.usage, code: "bad-month", zh: "月份“\(text)”应写作 YYYY-MM", en: "The month \"\(text)\" should be YYYY-MM")
        }
        let (report, serial) = try store.write(context, kind: "payments.run") { tx in
            let (handled, owed) = try tx.paymentState(for: month)
            var report = PaymentRunReport(month: month, serial: tx.serial!, paid: [], suspended: [], backPaid: [])
            for r in try tx.recipients(asOf: month.firstDay) {
                let suspended = owed[r.benefitUUID] ?? []
                // A month that already has a line counts as handled; only back-pay may still be due.
                let already: Set<YearMonth> = handled.contains(r.benefitUUID) ? [month] : []
                let decision = PaymentRun.decide(r.benefit, month: month, dueAtMonthStart: r.dueAsOf, latestDue: r.due,
                                                 paidMonths: already, suspendedMonths: suspended)
                if let amount = decision.paid {
                    try tx.insertPayment(benefitUUID: r.benefitUUID, month: month, kind: "paid", amount: amount)
                    report.paid.append(PaymentLine(idNumber: r.idNumber, name: r.name, amount: amount, months: [month]))
                }
                if decision.suspended {
                    try tx.insertPayment(benefitUUID: r.benefitUUID, month: month, kind: "suspended", amount: .zero)
                    report.suspended.append(PaymentLine(idNumber: r.idNumber, name: r.name, amount: r.benefit.monthly, months: [month]))
                }
                if !decision.backPaidMonths.isEmpty {
                    for owedMonth in decision.backPaidMonths {
                        try tx.insertPayment(benefitUUID: r.benefitUUID, month: owedMonth, kind: "back-paid", amount: r.benefit.monthly)
                    }
                    report.backPaid.append(PaymentLine(idNumber: r.idNumber, name: r.name, amount: decision.backPaid,
                                                       months: decision.backPaidMonths))
                }
            }
            let total = (report.paid + report.backPaid).map(\.amount).sum()
            return (report, ["month": .string(month.iso), "paid": .int(Int64(report.paid.count)),
                             "suspended": .int(Int64(report.suspended.count)), "backPaid": .int(Int64(report.backPaid.count)),
                             "total": .money(total)])
        }
        var result = report
        result.serial = serial
        return result
    }

    /// Registers a death: the benefit ends with the month of death, and every month paid after it is to be recovered.
    public func registerDeath(idNumber: String, date text: String) throws -> (overpaid: PaymentLine, serial: String) {
        try require(.counter)
        let date = try DateInput.date(text, field: Bilingual(zh: "死亡日期", en: "the date of death"))
        if date > today {
            throw DomainError.refused("bad-date", zh: "死亡日期晚于今天", en: "The date of death is after today")
        }
        let (line, serial) = try store.write(context, kind: "death") { tx in
            let person = try requirePerson(idNumber, in: tx)
            if let died = try tx.deathDate(personUUID: person.uuid) {
                throw DomainError.refused("person-deceased", zh: "\(person.person.name)已于 \(died.iso) 死亡登记", en: "\(person.person.name)'s death on \(died.iso) is already recorded")
            }
            if date < person.person.id.birthDate {
                throw DomainError.refused("bad-date", zh: "死亡日期早于出生日期", en: "The date of death is before the birth date")
            }
            try tx.insertDeath(personUUID: person.uuid, on: date)
            var line = PaymentLine(idNumber: person.person.id.value, name: person.person.name, amount: .zero, months: [])
            if var recipient = try tx.recipient(personUUID: person.uuid) {
                recipient.benefit.deathDate = date
                let paid = Set(try tx.payments(benefitUUID: recipient.benefitUUID).filter { $0.kind != "suspended" }.map(\.month))
                let (months, amount) = PaymentRun.overpayment(recipient.benefit, paidMonths: paid)
                if amount > .zero { try tx.insertRecovery(benefitUUID: recipient.benefitUUID, months: months, amount: amount) }
                line.amount = amount
                line.months = months
            }
            return (line, ["id": .string(person.person.id.value), "date": .string(date.iso), "overpaid": .money(line.amount),
                           "months": .array(line.months.map { .string($0.iso) })])
        }
        return (line, serial)
    }
}
