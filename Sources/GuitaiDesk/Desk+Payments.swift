import Foundation
import GuitaiCore
import GuitaiStore

extension Desk {
    /// How many payment lines one of a run's transactions writes: a few tens of milliseconds of holding the write
    /// lock (`make bench` measures the longest wait a counter sees during a 100,000-recipient run).
    public static let paymentLinesPerTransaction = 2_000

    /// The monthly payment run (supervisors): pay the certified, suspend the overdue, back-pay the re-certified.
    /// Running a month again pays nobody twice.
    ///
    /// A long job that leaves the counters working. One run at a time (`Store.exclusiveJob`). Every recipient is
    /// decided on a snapshot, without the write lock. The lines are then written in short transactions under one run
    /// (`payment_runs`), unseen by everything else while the run is writing; a last transaction re-decides only the
    /// recipients whose benefit, death, certifications or payments changed since the snapshot, replaces their lines,
    /// and marks the run done: all of it counts at once, or none (a run cut short is cleared by the next one).
    /// - Parameter auditList: the caller shows the full ID numbers: the run's journal entry records that list too.
    /// - Throws: `bad-month` (usage), `impossible-date` for a month after the business month, `job-busy` (75) while
    ///   another counter runs payments.
    public func paymentsRun(month text: String, auditList: Bool = false) throws -> PaymentRunReport {
        try store.withJobMemory {
            try paymentsRun(month: text, auditList: auditList, linesPerTransaction: Self.paymentLinesPerTransaction, afterDeciding: {})
        }
    }

    /// The run, with the size of its slices and a step between deciding and writing, for tests that change the store
    /// while a run is under way.
    func paymentsRun(month text: String, auditList: Bool, linesPerTransaction: Int,
                     afterDeciding: () throws -> Void) throws -> PaymentRunReport {
        try require(.supervision)
        try requireHall(Bilingual(zh: "待遇发放", en: "a payment run"))
        guard let month = YearMonth(iso: text) else {
            throw DomainError(.usage, code: "bad-month", zh: "月份「\(text)」应写作 YYYY-MM", en: "The month \"\(text)\" should be YYYY-MM")
        }
        if month > today.yearMonth {
            throw DomainError.refused("impossible-date", zh: "不能发放 \(month.iso) 的待遇：晚于业务月份 \(today.yearMonth.iso)",
                                      en: "The run for \(month.iso) cannot be made before that month: the business month is \(today.yearMonth.iso)")
        }
        if month < BusinessDateRange.first.yearMonth {
            throw DomainError.refused("impossible-date", zh: "\(month.iso) 早于 \(BusinessDateRange.first.yearMonth.iso)，不能发放",
                                      en: "No run for \(month.iso): it is before \(BusinessDateRange.first.yearMonth.iso)")
        }
        let job = try store.exclusiveJob("payments", label: Bilingual(zh: "待遇发放", en: "payment run"))
        defer { withExtendedLifetime(job) {} }
        try clearUnfinishedRuns()

        let (snapshot, head) = try store.read { tx in
            let (handled, owed) = try tx.paymentState(for: month)
            let decided = try tx.recipients(asOf: month.firstDay).map { r in
                PlannedPayment(recipient: r, decision: decide(r, month: month, handled: handled.contains(r.benefitUUID),
                                                              owed: owed[r.benefitUUID] ?? []))
            }
            return (decided, try tx.journalHead())
        }
        try afterDeciding()
        do {
            let (run, written) = try writeSlices(snapshot.flatMap { $0.lines(month: month) }, month: month, perTransaction: linesPerTransaction)
            let closing = try store.write(context, kind: "payments.run") { tx in
                let id = try run ?? tx.openPaymentRun(month: month)
                let changed = try tx.benefitsChanged(since: head, excluding: written)
                var plan = changed.isEmpty ? snapshot : snapshot.filter { !changed.contains($0.recipient.benefitUUID) }
                for r in try tx.recipients(benefitUUIDs: changed, asOf: month.firstDay) {
                    let state = try tx.paymentState(for: month, benefitUUID: r.benefitUUID)
                    let planned = PlannedPayment(recipient: r, decision: decide(r, month: month, handled: state.handled, owed: state.owed))
                    _ = try tx.deleteRunLines(id, benefitUUID: r.benefitUUID)
                    for line in planned.lines(month: month) {
                        try tx.insertPayment(benefitUUID: line.benefitUUID, month: line.month, kind: line.kind, amount: line.amount, run: id)
                    }
                    plan.append(planned)
                }
                // A benefit that changed and is no longer a recipient's (none today) keeps no line.
                for uuid in changed where !plan.contains(where: { $0.recipient.benefitUUID == uuid }) {
                    _ = try tx.deleteRunLines(id, benefitUUID: uuid)
                }
                try tx.finishPaymentRun(id)
                plan.sort { ($0.recipient.regionCode, $0.recipient.idNumber) < ($1.recipient.regionCode, $1.recipient.idNumber) }
                var report = PaymentRunReport(month: month, serial: tx.serial ?? "", paid: [], suspended: [], backPaid: [])
                for planned in plan { planned.report(into: &report, month: month) }
                let total = (report.paid + report.backPaid).map(\.amount).sum()
                var payload: [(String, JSONValue)] = [
                    ("month", .string(month.iso)), ("run", .string(id)), ("paid", .int(Int64(report.paid.count))),
                    ("suspended", .int(Int64(report.suspended.count))), ("backPaid", .int(Int64(report.backPaid.count))),
                    ("total", .money(total)), ("redecided", .int(Int64(changed.count))),
                ]
                if auditList {
                    let numbers = Set((report.paid + report.suspended + report.backPaid).map(\.idNumber)).count
                    payload.append(("audit", ["list": "payments run", "count": .int(Int64(numbers))]))
                }
                return (report, .object(payload))
            }
            var result = closing.value
            result.serial = closing.serial
            return result
        } catch {
            // Whatever went wrong, the lines written so far must not wait for the next run to be cleared: they would
            // block a death withdrawn meanwhile. The job lock is still held here.
            try? clearUnfinishedRuns()
            throw error
        }
    }

    /// Writes a run's lines a slice at a time under one run that nothing else sees yet, pausing between slices so a
    /// counter waiting for the lock gets it (their busy handlers retry every 5 ms). Returns the run (nil when there was
    /// no line) and the serials of its slices.
    private func writeSlices(_ lines: [PlannedPayment.Line], month: YearMonth,
                             perTransaction: Int) throws -> (run: String?, serials: Set<String>) {
        var run: String?
        var serials: Set<String> = []
        var offset = 0
        let size = min(max(1, perTransaction), max(1, lines.count))
        while offset < lines.count {
            let slice = lines[offset..<min(offset + size, lines.count)]
            let (opened, serial) = try store.write(context, kind: "payments.run.part") { tx in
                if let run { try tx.requireWritingRun(run) }
                let id = try run ?? tx.openPaymentRun(month: month)
                for line in slice {
                    try tx.insertPayment(benefitUUID: line.benefitUUID, month: line.month, kind: line.kind, amount: line.amount, run: id)
                }
                return (id, ["month": .string(month.iso), "run": .string(id), "lines": .int(Int64(slice.count))])
            }
            run = opened
            serials.insert(serial)
            offset += slice.count
            if offset < lines.count { usleep(15_000) }
        }
        return (run, serials)
    }

    /// Clears what a run cut short left (its process died: the job lock was free): its lines go, a slice at a time,
    /// and the run is marked abandoned. None of those lines ever counted.
    func clearUnfinishedRuns() throws {
        for run in try store.read({ try $0.unfinishedPaymentRuns() }) {
            var left = true
            while left {
                left = try store.write(context, kind: "payments.run.abandon") { tx in
                    let deleted = try tx.deleteRunLines(run, limit: Self.paymentLinesPerTransaction)
                    if deleted < Self.paymentLinesPerTransaction { try tx.abandonPaymentRun(run) }
                    return (deleted == Self.paymentLinesPerTransaction, ["run": .string(run), "deleted": .int(Int64(deleted))])
                }.value
            }
        }
    }

    private func decide(_ r: RecipientRecord, month: YearMonth, handled: Bool, owed: Set<YearMonth>) -> PaymentDecision {
        // A month that already has a line counts as handled; only back-pay may still be due.
        PaymentRun.decide(r.benefit, month: month, dueAtMonthStart: r.dueAsOf, latestDue: r.due,
                          paidMonths: handled ? [month] : [], suspendedMonths: owed)
    }

    /// Registers a death: every open enrolment ends on the date of death, the e-card is suspended, the benefit ends
    /// with the month of death, and every month paid after it is to be recovered.
    /// - Throws: `impossible-date` for a date after the business date or before birth; `person-deceased` when a death
    ///   is already registered (correcting it is `reverseDeath`).
    public func registerDeath(idNumber: String, date text: String) throws -> (overpaid: PaymentLine, serial: String) {
        try require(.counter)
        let date = try DateInput.date(text, field: Bilingual(zh: "死亡日期", en: "the date of death"))
        let (line, serial) = try store.write(context, kind: "death") { tx in
            let person = try requirePerson(idNumber, in: tx)
            if let died = try tx.deathDate(personUUID: person.uuid) {
                throw DomainError.refused("person-deceased", zh: "\(person.person.name)已于 \(died.iso) 死亡登记，不能重复登记；如有误请复核员撤销",
                                          en: "\(person.person.name)'s death on \(died.iso) is already recorded; a supervisor can withdraw it if wrong")
            }
            try LifeRules.checkDate(date, of: Bilingual(zh: "死亡日期", en: "the date of death"), birth: person.person.id.birthDate,
                                    businessDate: today)
            let ecard = try tx.latestECard(personUUID: person.uuid).flatMap { [.issued, .active].contains($0.status) ? $0 : nil }
            try tx.insertDeath(personUUID: person.uuid, on: date, ecardUUID: ecard?.uuid, ecardStatusBefore: ecard?.status)
            let ended = try tx.enrolments(personUUID: person.uuid).filter { $0.enrolment.status.isOpen }.map(\.enrolment.scheme)
            try tx.endEnrolmentsForDeath(personUUID: person.uuid, on: date)
            if let ecard { try tx.updateECard(uuid: ecard.uuid, status: .suspended, since: today) }
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
                           "months": .array(line.months.map { .string($0.iso) }),
                           "endedEnrolments": .array(ended.map { .string($0.rawValue) }), "ecardSuspended": .bool(ecard != nil)])
        }
        return (line, serial)
    }

    /// Withdraws a death registered in error (supervisors): the enrolments it ended reopen, the e-card returns to the
    /// state it had, the recovery is dropped, and the months the runs skipped since the death are marked suspended so
    /// the next run back-pays them once the certification is valid.
    /// - Throws: `no-death` (not found) when no death is registered; `impossible-date` when the business date is
    ///   before the day the death was registered.
    public func reverseDeath(idNumber: String) throws -> (restored: [Scheme], serial: String) {
        try require(.supervision)
        try requireHall(Bilingual(zh: "撤销死亡登记", en: "withdrawing a death"))
        // The death's own registration is reversed, by the one path every reversal takes.
        let registration = try store.read { tx -> String in
            let person = try requirePerson(idNumber, in: tx)
            guard let death = try tx.death(personUUID: person.uuid) else {
                throw DomainError.notFound("no-death", zh: "\(person.person.name)没有死亡登记", en: "No death is registered for \(person.person.name)")
            }
            return death.serial
        }
        let (serial, payload) = try performReversal(registration, reason: "撤销死亡登记", approvedBy: account.id)
        var restored: [Scheme] = []
        if case .array(let schemes)? = payload.first(where: { $0.0 == "reopened" })?.1 {
            restored = schemes.compactMap { if case .string(let raw) = $0 { Scheme(rawValue: raw) } else { nil } }
        }
        return (restored, serial)
    }

    /// The writes that withdraw a death registered in error, inside the withdrawal's transaction: the enrolments it
    /// ended reopen, the e-card it suspended returns to its state before, the recovery goes, and the months payment runs
    /// skipped since the death are lined as suspended for the next run to back-pay once the person is certified.
    /// - Returns: what the withdrawal's journal entry records.
    func withdrawDeath(_ person: PersonRecord, _ death: DeathRecord, _ tx: StoreTransaction) throws -> [(String, JSONValue)] {
        let restored = try tx.enrolments(personUUID: person.uuid).filter(\.endedByDeath).map(\.enrolment.scheme)
        try tx.reopenEnrolmentsEndedByDeath(personUUID: person.uuid)
        if let uuid = death.ecardUUID, let before = death.ecardStatusBefore,
           let current = try tx.latestECard(personUUID: person.uuid), current.uuid == uuid, current.status == .suspended {
            try tx.updateECard(uuid: uuid, status: before, since: today)
        }
        try tx.deleteDeath(personUUID: person.uuid, registeredBy: death.serial)
        var skipped: [YearMonth] = []
        if let recipient = try tx.recipient(personUUID: person.uuid), let last = try tx.latestRunMonth() {
            let lined = Set(try tx.payments(benefitUUID: recipient.benefitUUID).map(\.month))
            var month = max(death.date.yearMonth.adding(months: 1), recipient.benefit.start)
            while month <= last {
                if !lined.contains(month) {
                    try tx.insertPayment(benefitUUID: recipient.benefitUUID, month: month, kind: "suspended", amount: .zero)
                    skipped.append(month)
                }
                guard month < YearMonth.latest else { break }
                month = month.adding(months: 1)
            }
        }
        return [("date", .string(death.date.iso)), ("reopened", .array(restored.map { .string($0.rawValue) })),
                ("suspendedMonths", .array(skipped.map { .string($0.iso) }))]
    }
}
