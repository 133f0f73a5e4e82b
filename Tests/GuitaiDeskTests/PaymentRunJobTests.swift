import Foundation
import GuitaiCore
@testable import GuitaiDesk
import GuitaiStore
import Testing

/// The payment run as a long job (issue on trust, §1): decided on a snapshot, written in slices under one run that
/// counts only when done, re-deciding whoever changed in between; a run cut short is cleared by the next.
@Suite struct PaymentRunJobTests {
    let tashi = DeskFixture.id(born: "1950-03-10", sequence: 123)
    let droga = DeskFixture.id(born: "1952-07-21", sequence: 246)
    let yangchen = DeskFixture.id(born: "1955-09-30", sequence: 248)

    /// Three recipients of 205.00 a month from 2022-01: 扎西 certified 2023-03-01, 卓嘎 certified 2022-03-01 (overdue
    /// since 2023-03-01), 央金 certified 2023-03-01.
    func recipients(_ f: DeskFixture) throws {
        for (id, name, certified) in [(tashi, "扎西·平措", "2023-03-01"), (droga, "卓嘎", "2022-03-01"), (yangchen, "央金", "2023-03-01")] {
            let clerk = try f.desk(on: DeskFixture.day(certified))
            _ = try clerk.addPerson(PersonForm(idNumber: id, name: name))
            _ = try clerk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-pension", from: "2010-01-01"))
            _ = try clerk.addBenefit(idNumber: id, monthly: "205", from: "2022-01")
            _ = try clerk.certify(idNumber: id, method: "counter", reference: nil)
        }
    }

    func lines(_ f: DeskFixture, _ id: String) throws -> [PaymentRecord] {
        let desk = try f.desk()
        guard let benefit = try desk.showPerson(id).recipient?.benefitUUID else { return [] }
        return try desk.store.read { try $0.payments(benefitUUID: benefit) }
    }

    @Test func whatChangesWhileTheRunWritesIsDecidedAgainBeforeItCounts() throws {
        let f = try DeskFixture()
        try recipients(f)
        let supervisor = try f.desk("ciren")
        let clerk = try f.desk()
        // Between the snapshot and the writing: 央金 is reported dead in May, 卓嘎 is certified at the counter today.
        let report = try supervisor.paymentsRun(month: "2023-06", auditList: false, linesPerTransaction: 1) {
            _ = try clerk.registerDeath(idNumber: yangchen, date: "2023-05-10")
            _ = try clerk.certify(idNumber: droga, method: "counter", reference: nil)
        }
        #expect(Set(report.paid.map(\.idNumber)) == [tashi, droga])
        #expect(report.suspended.isEmpty)
        #expect(try lines(f, yangchen).isEmpty, "June was paid after the death")
        #expect(try lines(f, droga).map(\.kind) == ["paid"])
        #expect(try f.desk("ciren").verify().ok)
        // The run wrote its slices, then one transaction made them count.
        let kinds = try supervisor.store.read { try $0.journal() }.map(\.kind)
        #expect(kinds.filter { $0 == "payments.run.part" }.count >= 2)
        #expect(kinds.last == "payments.run")
    }

    @Test func aRunCutShortCountsForNothingAndTheNextRunClearsIt() throws {
        let f = try DeskFixture()
        try recipients(f)
        let supervisor = try f.desk("ciren")
        // A run whose process died after writing one slice: a run still `writing`, with a line.
        let benefit = try #require(try supervisor.showPerson(tashi).recipient?.benefitUUID)
        _ = try supervisor.store.write(WriteContext(operatorID: "ciren", counter: "1", businessDate: f.clock.date, at: 0),
                                       kind: "payments.run.part") { tx in
            let run = try tx.openPaymentRun(month: YearMonth(iso: "2023-06") ?? .earliest)
            try tx.insertPayment(benefitUUID: benefit, month: YearMonth(iso: "2023-06") ?? .earliest, kind: "paid",
                                 amount: Money(fen: 20_500), run: run)
            return ((), [:])
        }
        // Its line counts for nothing: not paid, and the month is not handled.
        #expect(try lines(f, tashi).isEmpty)
        #expect(try supervisor.store.read { try $0.paymentState(for: YearMonth(iso: "2023-06") ?? .earliest).handled }.isEmpty)
        // The next run clears it and pays June once.
        let report = try supervisor.paymentsRun(month: "2023-06")
        #expect(report.paid.map(\.idNumber).contains(tashi))
        #expect(try lines(f, tashi).map(\.kind) == ["paid"])
        #expect(try supervisor.store.read { try $0.count("payments") } == 3)
        #expect(try supervisor.store.read { try $0.journal() }.contains { $0.kind == "payments.run.abandon" })
        #expect(try f.desk("ciren").verify().ok)
    }

    @Test func oneRunAtATime() throws {
        let f = try DeskFixture()
        try recipients(f)
        let supervisor = try f.desk("ciren")
        let held = try supervisor.store.exclusiveJob("payments", label: Bilingual(zh: "待遇发放", en: "payment run"))
        // Another process holds it (flock locks belong to open files): a second descriptor is refused.
        let error = DeskFixture.refusal {
            _ = try Store.open(at: f.path).exclusiveJob("payments", label: Bilingual(zh: "待遇发放", en: "payment run"))
        }
        withExtendedLifetime(held) {}
        #expect(error?.code == "job-busy" && error?.kind == .busy)
    }

    @Test func aDeathWithdrawnWhileARunWasCutShortClearsTheRunFirst() throws {
        let f = try DeskFixture()
        try recipients(f)
        let supervisor = try f.desk("ciren")
        // Reported dead in April: the May run pays 扎西 nothing.
        _ = try f.desk().registerDeath(idNumber: tashi, date: "2023-04-10")
        _ = try supervisor.paymentsRun(month: "2023-05")
        #expect(try lines(f, tashi).filter { $0.month == YearMonth(iso: "2023-05") }.isEmpty)
        // A run for May again was cut short after writing a suspended line for 扎西 for May.
        let benefit = try #require(try supervisor.showPerson(tashi).recipient?.benefitUUID)
        _ = try supervisor.store.write(WriteContext(operatorID: "ciren", counter: "1", businessDate: f.clock.date, at: 0),
                                       kind: "payments.run.part") { tx in
            let run = try tx.openPaymentRun(month: YearMonth(iso: "2023-05") ?? .earliest)
            try tx.insertPayment(benefitUUID: benefit, month: YearMonth(iso: "2023-05") ?? .earliest, kind: "suspended", amount: .zero, run: run)
            return ((), [:])
        }
        // The withdrawal marks May suspended (skipped while dead): it clears the cut run first instead of colliding.
        _ = try supervisor.reverseDeath(idNumber: tashi)
        #expect(try lines(f, tashi).filter { $0.month == YearMonth(iso: "2023-05") }.map(\.kind) == ["suspended"])
        #expect(try f.desk("ciren").verify().ok)
    }

    @Test func aRunThatIsNoLongerWritingCannotBeFinished() throws {
        let f = try DeskFixture()
        let supervisor = try f.desk("ciren")
        let context = WriteContext(operatorID: "ciren", counter: "1", businessDate: f.clock.date, at: 0)
        let run = try supervisor.store.write(context, kind: "payments.run.part") { tx in
            (try tx.openPaymentRun(month: YearMonth(iso: "2023-05") ?? .earliest), [:])
        }.value
        _ = try supervisor.store.write(context, kind: "payments.run.abandon") { tx in ((try tx.abandonPaymentRun(run)), [:]) }
        let error = DeskFixture.refusal {
            _ = try supervisor.store.write(context, kind: "payments.run") { tx in ((try tx.finishPaymentRun(run)), [:]) }
        }
        #expect(error?.code == "run-lost")
        let slice = DeskFixture.refusal {
            _ = try supervisor.store.write(context, kind: "payments.run.part") { tx in ((try tx.requireWritingRun(run)), [:]) }
        }
        #expect(slice?.code == "run-lost")
    }
}
