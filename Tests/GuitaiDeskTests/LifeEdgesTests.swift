import Foundation
import GuitaiCore
import GuitaiDesk
import GRDB
import GuitaiStore
import Testing

/// "Edges every procedure checks" (domain.md): death ends everything from the day after, dates that cannot be true
/// are refused, benefits need a pension, and every refusal leaves the store exactly as it was.
@Suite struct LifeEdgesTests {
    let tashi = DeskFixture.id(born: "1955-03-10", sequence: 123)    // 扎西·平措, 68 on 2023-06-01
    let child = DeskFixture.id(born: "2020-03-10", sequence: 124)    // three years old

    /// The journal's length and `verify`'s verdict: a refusal must change neither.
    func state(_ f: DeskFixture) throws -> Int {
        let desk = try f.desk("ciren")
        #expect(try desk.verify().ok)
        return try desk.store.read { try $0.count("journal") }
    }

    func expectRefused(_ f: DeskFixture, code: String, mentioning needle: String? = nil, _ body: () throws -> Void) throws {
        let before = try state(f)
        let error = DeskFixture.refusal(body)
        #expect(error?.code == code, "expected \(code), got \(String(describing: error))")
        if let needle { #expect(error?.message.zh.contains(needle) == true && error?.message.en.contains(needle) == true, "\(String(describing: error))") }
        #expect(try state(f) == before, "a refusal changed the store")
    }

    /// 扎西·平措 with resident medical (dibao), resident pension, a card and an active e-card, on 2023-06-01.
    func insuredPensioner(_ f: DeskFixture) throws -> Desk {
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措", phone: "13812345678", groups: ["dibao:2020-01-01"]))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical", from: "2023-01-01"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-pension", from: "2010-01-01"))
        _ = try clerk.registerCard(idNumber: tashi, number: "A12345678")
        let issued = try clerk.issueECard(idNumber: tashi, phone: "13812345678", identityCheck: "document", pin: "582947", voucher: false)
        _ = try clerk.stepECard(idNumber: tashi, step: .activate, code: issued.activationCode)
        return clerk
    }

    /// The insured pensioner drawing 205.00 a month from 2023-01, certified on the fixture's date and paid for `month`.
    func paidPensioner(_ f: DeskFixture, month: String) throws -> Desk {
        let clerk = try insuredPensioner(f)
        _ = try clerk.addBenefit(idNumber: tashi, monthly: "205", from: "2023-01")
        _ = try clerk.certify(idNumber: tashi, method: "counter", reference: nil)
        _ = try f.desk("ciren").paymentsRun(month: month)
        return clerk
    }

    static let bill = DeskFixture.items([("住院费", "A", "40000")])

    @Test func deathEndsEveryEnrolmentSuspendsTheECardAndRefusesWhatFollows() throws {
        let f = try DeskFixture()
        let clerk = try insuredPensioner(f)
        _ = try clerk.registerDeath(idNumber: tashi, date: "2023-05-01")
        let person = try clerk.showPerson(tashi)
        // Every enrolment ended on the date of death, with death as its reason.
        #expect(person.enrolments.allSatisfy { $0.enrolment.status == .terminated && $0.enrolment.to == DeskFixture.day("2023-05-01") })
        #expect(person.enrolments.allSatisfy { $0.endedByDeath })
        #expect(person.ecard?.status == .suspended)

        // A visit after the death is not settled, and the refusal names the date of death; one before it is.
        try expectRefused(f, code: "person-deceased", mentioning: "2023-05-01") {
            _ = try clerk.settle(SettleForm(idNumber: tashi, date: "2023-05-20", visit: "inpatient", level: "2", itemsJSON: Self.bill))
        }
        let before = try clerk.settle(SettleForm(idNumber: tashi, date: "2023-04-20", visit: "inpatient", level: "2", itemsJSON: Self.bill))
        #expect(before.result.basicPaid > .zero)
        // The day of death itself is still the person's: a visit that day is settled.
        let sameDay = try clerk.settle(SettleForm(idNumber: tashi, date: "2023-05-01", visit: "outpatient", level: "1", itemsJSON: Self.bill))
        #expect(sameDay.serial != nil)

        // Nothing new starts: enrolment, benefit, card, e-card, certification; each names the date.
        let steps: [(String, () throws -> Void)] = [
            ("enrol", { _ = try clerk.enrol(EnrolmentForm(idNumber: self.tashi, scheme: "employee-pension", from: "2023-05-20",
                                                         employer: SocialCreditCode.compose("91540100MA6T00001").value)) }),
            ("benefit", { _ = try clerk.addBenefit(idNumber: self.tashi, monthly: "205", from: "2023-01") }),
            ("card", { _ = try clerk.replaceCard(idNumber: self.tashi, newNumber: "B12345678") }),
            ("card loss", { _ = try clerk.changeCard(idNumber: self.tashi, change: .reportTemporaryLoss, reason: nil) }),
            ("e-card", { _ = try clerk.stepECard(idNumber: self.tashi, step: .resume) }),
            ("e-voucher", { _ = try clerk.activateVoucher(idNumber: self.tashi) }),
            ("certify", { _ = try clerk.certify(idNumber: self.tashi, method: "counter", reference: nil) }),
            ("enrol change", { _ = try clerk.changeEnrolment(idNumber: self.tashi, scheme: "resident-medical", to: "active", date: nil) }),
            ("second death", { _ = try clerk.registerDeath(idNumber: self.tashi, date: "2023-05-02") }),
        ]
        for (what, step) in steps {
            let before = try state(f)
            let error = DeskFixture.refusal(step)
            #expect(error?.code == "person-deceased" && error?.message.en.contains("2023-05-01") == true, "\(what): \(String(describing: error))")
            #expect(try state(f) == before, "\(what) changed the store")
        }
        // Ending what is left is still allowed: the dead person's e-card and card are cancelled.
        #expect(try clerk.stepECard(idNumber: tashi, step: .cancel).status == .cancelled)
        #expect(try clerk.changeCard(idNumber: tashi, change: .cancel, reason: "本人死亡").card.state == .cancelled)
    }

    @Test func aDeathRegisteredInErrorIsWithdrawnByASupervisorAndEverythingComesBack() throws {
        let f = try DeskFixture(today: DeskFixture.day("2023-03-01"))
        let clerk = try paidPensioner(f, month: "2023-03")
        // Wrongly reported dead on 2023-03-10; April and May are run while the record says so: nothing is paid.
        _ = try f.desk(on: DeskFixture.day("2023-03-15")).registerDeath(idNumber: tashi, date: "2023-03-10")
        for month in ["2023-04", "2023-05"] {
            let run = try f.desk("ciren", on: DeskFixture.day(month + "-01")).paymentsRun(month: month)
            #expect(run.paid.isEmpty && run.suspended.isEmpty)
        }
        // A clerk may not withdraw it; a supervisor may.
        let later = DeskFixture.day("2023-05-20")
        #expect(DeskFixture.refusal { _ = try f.desk(on: later).reverseDeath(idNumber: tashi) }?.code == "permission-denied")
        let (reopened, _) = try f.desk("ciren", on: later).reverseDeath(idNumber: tashi)
        #expect(Set(reopened) == [.residentMedical, .residentPension])
        let person = try f.desk(on: later).showPerson(tashi)
        #expect(person.deathDate == nil)
        #expect(person.enrolments.allSatisfy { $0.enrolment.status == .active && $0.enrolment.to == nil })
        #expect(person.ecard?.status == .active)
        // The next run pays June and back-pays April and May in one line: 2 × 205.00.
        let june = try f.desk("ciren", on: DeskFixture.day("2023-06-01")).paymentsRun(month: "2023-06")
        #expect(june.paid.map(\.idNumber) == [tashi])
        #expect(june.backPaid.first?.months == [YearMonth(iso: "2023-04"), YearMonth(iso: "2023-05")].compactMap { $0 })
        #expect(june.backPaid.first?.amount == Money(fen: 41_000))
        // With no death on record, there is nothing to withdraw.
        try expectRefused(f, code: "no-death") { _ = try f.desk("ciren", on: later).reverseDeath(idNumber: tashi) }
        #expect(try f.desk("ciren").verify().ok)
    }

    @Test func aDeathWithdrawnDropsItsRecovery() throws {
        let f = try DeskFixture(today: DeskFixture.day("2023-05-01"))
        let clerk = try paidPensioner(f, month: "2023-05")
        let (overpaid, _) = try clerk.registerDeath(idNumber: tashi, date: "2023-03-10")
        #expect(overpaid.months == [YearMonth(iso: "2023-05")].compactMap { $0 })
        #expect(try clerk.store.read { try $0.count("recoveries") } == 1)
        _ = try f.desk("ciren").reverseDeath(idNumber: tashi)
        #expect(try clerk.store.read { try $0.count("recoveries") } == 0)
    }

    @Test func datesThatCannotBeTrueAreRefused() throws {
        let f = try DeskFixture()  // business date 2023-06-01
        let clerk = try insuredPensioner(f)
        try expectRefused(f, code: "impossible-date", mentioning: "2023-12-31") {
            _ = try clerk.settle(SettleForm(idNumber: tashi, date: "2023-12-31", visit: "outpatient", level: "1", itemsJSON: Self.bill))
        }
        try expectRefused(f, code: "impossible-date", mentioning: "1950-01-01") {
            _ = try clerk.settle(SettleForm(idNumber: tashi, date: "1950-01-01", visit: "outpatient", level: "1", itemsJSON: Self.bill))
        }
        try expectRefused(f, code: "impossible-date", mentioning: "2023-07-01") {
            _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "maternity", from: "2023-07-01"))
        }
        try expectRefused(f, code: "impossible-date", mentioning: "2099-01") {
            _ = try f.desk("ciren").paymentsRun(month: "2099-01")
        }
        try expectRefused(f, code: "impossible-date", mentioning: "2024-01") {
            _ = try clerk.addBenefit(idNumber: tashi, monthly: "205", from: "2024-01")
        }
        try expectRefused(f, code: "impossible-date") {
            _ = try clerk.addPerson(PersonForm(idNumber: child, name: "普布", groups: ["dibao:2019-01-01"]))
        }
        try expectRefused(f, code: "impossible-date", mentioning: "2023-06-02") {
            _ = try clerk.changeEnrolment(idNumber: tashi, scheme: "resident-medical", to: "suspended", date: "2023-06-02")
        }
        // A benefit may start in the business month itself.
        #expect(throws: Never.self) { _ = try clerk.addBenefit(idNumber: tashi, monthly: "205", from: "2023-06") }

        // A reversal dated before the settlement it reverses.
        let settled = try f.desk(on: DeskFixture.day("2023-06-01")).settle(SettleForm(idNumber: tashi, visit: "outpatient", level: "1",
                                                                                       itemsJSON: DeskFixture.items([("挂号", "A", "20")])))
        try expectRefused(f, code: "impossible-date", mentioning: "2023-05-01") {
            _ = try f.desk("ciren", on: DeskFixture.day("2023-05-01")).reverseSettlement(settled.serial ?? "")
        }
    }

    @Test func aBusinessDateOutsideTheCenturiesOfServiceIsAUsageError() throws {
        let f = try DeskFixture()
        for day in ["9999-01-01", "1989-12-31", "2100-01-01", "0001-01-01"] {
            let error = DeskFixture.refusal { _ = try f.desk(on: DeskFixture.day(day)) }
            #expect(error?.kind == .usage && error?.code == "bad-business-date", "\(day): \(String(describing: error))")
        }
        #expect(throws: Never.self) { _ = try f.desk(on: DeskFixture.day("2099-12-31")) }
    }

    @Test func aBenefitNeedsAPensionEnrolmentAndThePensionAge() throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: child, name: "普布"))
        // A three-year-old with no enrolment gets no pension, and no scheme is filled in silently.
        try expectRefused(f, code: "not-eligible") { _ = try clerk.addBenefit(idNumber: child, monthly: "205", from: "2023-01") }
        // Month 9999-12 is after the business month.
        try expectRefused(f, code: "impossible-date") { _ = try clerk.addBenefit(idNumber: child, monthly: "205", from: "9999-12") }

        // 58 years old and enrolled: not yet 60.
        let younger = DeskFixture.id(born: "1965-02-01", sequence: 131)
        _ = try clerk.addPerson(PersonForm(idNumber: younger, name: "卓玛"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: younger, scheme: "resident-pension", from: "2010-01-01"))
        try expectRefused(f, code: "not-eligible", mentioning: "60") { _ = try clerk.addBenefit(idNumber: younger, monthly: "205", from: "2023-05") }

        // 60 during the first month paid is enough: born 1963-05-20, first month 2023-05.
        let sixty = DeskFixture.id(born: "1963-05-20", sequence: 133)
        _ = try clerk.addPerson(PersonForm(idNumber: sixty, name: "次仁"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: sixty, scheme: "resident-pension", from: "2010-01-01"))
        try expectRefused(f, code: "not-eligible") { _ = try clerk.addBenefit(idNumber: sixty, monthly: "205", from: "2023-04") }
        _ = try clerk.addBenefit(idNumber: sixty, monthly: "205", from: "2023-05")
        #expect(try clerk.showPerson(sixty).recipient?.benefit.scheme == .residentPension)

        // An employee pension asked for without ever being enrolled in it.
        let other = DeskFixture.id(born: "1950-01-01", sequence: 135)
        _ = try clerk.addPerson(PersonForm(idNumber: other, name: "格桑"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: other, scheme: "resident-pension", from: "2010-01-01"))
        try expectRefused(f, code: "not-eligible") {
            _ = try clerk.addBenefit(idNumber: other, monthly: "3000", from: "2023-01", scheme: "employee-pension")
        }
    }

    @Test func whileAPensionIsDrawnItsSchemeTakesNoNewContributions() throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-pension", from: "2010-01-01"))
        _ = try clerk.addBenefit(idNumber: tashi, monthly: "205", from: "2023-01")
        _ = try clerk.changeEnrolment(idNumber: tashi, scheme: "resident-pension", to: "terminated", date: "2023-01-01")
        try expectRefused(f, code: "drawing-pension") {
            _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-pension", from: "2023-06-01"))
        }
    }

    @Test func aHallPolicyMayLimitBackDating() throws {
        let f = try DeskFixture()
        let policy = """
            [policy]
            id = lhasa-2023
            regions = 5401
            year = 2023
            extends = xizang-2023

            [enrolment]
            backdate-limit-days = 90 | hall rule 2023-01
            """
        _ = try f.desk("admin").loadPolicy(text: policy, file: "lhasa.policy")
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        try expectRefused(f, code: "backdated-too-far", mentioning: "90") {
            _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical", from: "2023-01-01"))
        }
        // Within 90 days: 2023-03-03 is 90 days before 2023-06-01.
        #expect(throws: Never.self) { _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical", from: "2023-03-03")) }
        // The presets set no limit: a pensioner's record entered years after the fact.
        let other = DeskFixture.id(born: "1950-01-01", sequence: 135, region: "540622")
        _ = try clerk.addPerson(PersonForm(idNumber: other, name: "格桑"))
        #expect(throws: Never.self) { _ = try clerk.enrol(EnrolmentForm(idNumber: other, scheme: "resident-pension", from: "2005-01-01")) }
    }
}

extension LifeEdgesTests {
    @Test func aGroupCannotStartAfterTheBusinessDateNorBeGivenTwice() throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        try expectRefused(f, code: "impossible-date") {
            _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措", groups: ["tekun:9999-12-31"]))
        }
        try expectRefused(f, code: "bad-group") {
            _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措", groups: ["tekun:2020-01-01", "tekun:2021-01-01"]))
        }
        // The same group in two periods that do not meet is two memberships.
        let person = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措",
                                                    groups: ["dibao:2019-01-01:2019-12-31", "dibao:2021-01-01"])).details
        #expect(person.person.groups.count == 2)
    }

    @Test func aLookupGivesEveryMembershipInDateOrderAndNamesADamagedOne() throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措",
                                           groups: ["tekun:2021-01-01", "dibao:2021-01-01", "dibao:2019-01-01:2019-12-31"]))
        let groups = try clerk.store.read { try $0.person(idNumber: tashi) }?.person.groups ?? []
        #expect(groups.map { "\($0.group.rawValue) \($0.from.iso) \($0.to?.iso ?? "-")" }
                == ["dibao 2019-01-01 2019-12-31", "dibao 2021-01-01 -", "tekun 2021-01-01 -"])
        try GRDB.DatabaseQueue(path: f.path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE person_groups SET group_code = 'te,kun' WHERE group_code = 'tekun'")
        }
        let shown = DeskFixture.refusal { _ = try clerk.showPerson(tashi) }
        #expect(shown?.code == "store-damaged" && shown?.message.en.contains("person_groups") == true, "\(String(describing: shown))")
        try GRDB.DatabaseQueue(path: f.path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE person_groups SET group_code = 'nonsense' WHERE group_code = 'te,kun'")
        }
        let named = DeskFixture.refusal { _ = try clerk.showPerson(tashi) }
        #expect(named?.code == "store-damaged" && named?.message.en.contains("person_groups") == true
                && named?.message.en.contains("group_code") == true, "\(String(describing: named))")
        // An end date that reads as more memberships in a list joined by separators (it passes the table's text check
        // `to_date >= from_date`): still one damaged row, never a second membership.
        try GRDB.DatabaseQueue(path: f.path).writeWithoutTransaction { db in
            try db.execute(sql: "UPDATE person_groups SET group_code = 'tekun' WHERE group_code = 'nonsense'")
            try db.execute(sql: "UPDATE person_groups SET to_date = '2022-01-01;g2,dibao,2019-01-01,' WHERE group_code = 'tekun'")
        }
        let smuggled = DeskFixture.refusal { _ = try clerk.showPerson(tashi) }
        #expect(smuggled?.code == "store-damaged" && smuggled?.message.en.contains("to_date") == true, "\(String(describing: smuggled))")
    }

    @Test func aStoredAmountTheProductNeverWritesIsDamageNotAPayment() throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-pension", from: "2010-01-01"))
        _ = try clerk.addBenefit(idNumber: tashi, monthly: "205", from: "2023-01")
        try GRDB.DatabaseQueue(path: f.path).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE benefits SET monthly_fen = 9223372036854775807")
        }
        let run = DeskFixture.refusal { _ = try f.desk("ciren").paymentsRun(month: "2023-06") }
        #expect(run?.code == "store-damaged" && run?.message.en.contains("benefits") == true && run?.message.en.contains("monthly_fen") == true)
        // A damaged death date is named in its own table, not the benefit's.
        try GRDB.DatabaseQueue(path: f.path).writeWithoutTransaction { db in
            try db.execute(sql: "UPDATE benefits SET monthly_fen = 20500")
            try db.execute(sql: "INSERT INTO deaths(person_uuid, died_on, device, created_serial) SELECT uuid, 'bad', device, created_serial FROM persons")
        }
        // Within a year the pension (never certified, due 2024-01-01) is on the list, so its death date is read.
        let due = DeskFixture.refusal { _ = try clerk.dueList(within: 366, regionPrefix: "") }
        #expect(due?.code == "store-damaged" && due?.message.en.contains("table deaths") == true, "\(String(describing: due))")
    }
}
