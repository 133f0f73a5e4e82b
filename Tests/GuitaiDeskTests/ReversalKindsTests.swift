import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// Reversal (冲正) of every kind of business the counter records in error (issue 9, item 5): what it undoes, that the
/// approver is another supervisor, that the reversal is the asking counter's transaction, that later business on the
/// same records stops it, and that a refusal leaves the store as it was. After each reversal `verify` accounts for
/// every row.
@Suite struct ReversalKindsTests {
    /// 达瓦·次仁, born 1958-11-02.
    let dawa = DeskFixture.id(born: "1958-11-02", sequence: 246)
    /// 扎西·平措, born 1950-03-10: a pensioner.
    let tashi = DeskFixture.id(born: "1950-03-10", sequence: 123)
    let pin = "739146"

    /// Reverses with 次仁's approval at 卓玛's counter.
    private func reverse(_ desk: Desk, _ serial: String, reason: String = "录入错误") throws -> String {
        try desk.reverseWithApproval(serial, supervisorID: "ciren", password: "super-password", reason: reason)
    }

    private func expectWhole(_ f: DeskFixture) throws {
        let report = try f.desk("ciren").verify()
        #expect(report.problems.isEmpty, "\(report.problems)")
    }

    private func journalCount(_ desk: Desk) throws -> Int { try desk.store.read { try $0.count("journal") } }

    private func entry(_ desk: Desk, _ serial: String) throws -> JournalEntry? {
        try desk.store.read { try $0.journalEntry(serial: serial) }
    }

    private func payload(_ entry: JournalEntry?) -> [String: Any] {
        (entry.flatMap { try? JSONSerialization.jsonObject(with: Data($0.payload.utf8)) } as? [String: Any]) ?? [:]
    }

    @Test func aCardRegisteredInErrorGoesAndItsNumberIsFreeAgain() throws {
        let f = try DeskFixture()
        let (desk, registered) = try f.deskWithCard(dawa)
        let target = try desk.reversalTarget(registered)
        #expect(target.undoes.zh.contains("A12345678") && target.citizen?.name == "达瓦·次仁")
        let reversal = try reverse(desk, registered)
        #expect(try desk.showPerson(dawa).card == nil)
        // The reversal is on the asking clerk's day, the approver named in it.
        let written = try entry(desk, reversal)
        #expect(written?.kind == "card.register.reverse" && written?.operatorID == "zhuoma")
        #expect(payload(written)["approvedBy"] as? String == "ciren" && payload(written)["reversed"] as? String == registered)
        #expect(try desk.todaysReceipts().contains { $0.serial == reversal })
        #expect(try desk.reversal(of: registered) == reversal)
        // The right number is registered as if the wrong one never was; the wrong one is free for its owner.
        _ = try desk.registerCard(idNumber: dawa, number: "B87654321")
        try expectWhole(f)
    }

    @Test func aCardChangeAndAReplacementAreTakenBackToTheStateBefore() throws {
        let f = try DeskFixture()
        let (desk, _) = try f.deskWithCard(dawa, issuedOn: "2020-01-01")
        let (_, lost) = try desk.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: nil)
        #expect(try desk.showPerson(dawa).card?.card.state == .temporaryLoss)
        _ = try reverse(desk, lost)
        let card = try #require(try desk.showPerson(dawa).card)
        #expect(card.card.state == .normal && card.card.stateSince == DeskFixture.day("2020-01-01"))

        let (_, replaced) = try desk.replaceCard(idNumber: dawa, newNumber: "C11223344")
        #expect(try desk.showPerson(dawa).card?.card.number.value == "C11223344")
        _ = try reverse(desk, replaced)
        let back = try #require(try desk.showPerson(dawa).card)
        #expect(back.card.number.value == "A12345678" && back.card.state == .normal && back.replacedBy == nil)
        // The new number was never issued: another person may have it.
        _ = try desk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try desk.registerCard(idNumber: tashi, number: "C11223344")
        try expectWhole(f)
    }

    @Test func laterBusinessOnTheSameRecordsIsReversedFirst() throws {
        let f = try DeskFixture()
        let (desk, registered) = try f.deskWithCard(dawa)
        let (_, lost) = try desk.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: nil)
        let before = try journalCount(desk)
        // Said before any password is asked, naming the later transaction.
        let error = DeskFixture.refusal { _ = try desk.reversalTarget(registered) }
        #expect(error?.code == "changed-since" && error?.message.zh.contains(lost) == true, "\(String(describing: error))")
        #expect(DeskFixture.refusal { _ = try reverse(desk, registered) }?.code == "changed-since")
        #expect(try journalCount(desk) == before && desk.showPerson(dawa).card?.card.state == .temporaryLoss)
        // Newest first, then the registration.
        _ = try reverse(desk, lost)
        _ = try reverse(desk, registered)
        #expect(try desk.showPerson(dawa).card == nil)
        try expectWhole(f)
    }

    @Test func anECardIssueAnActivationAndAVoucherAreEachTakenBack() throws {
        let f = try DeskFixture()
        let (desk, _) = try f.deskWithCard(dawa)
        // An issue reversed: no e-card, and it can be issued again.
        let first = try desk.issueECard(idNumber: dawa, phone: "13912345678", identityCheck: "face", pin: pin, voucher: false)
        _ = try reverse(desk, first.transaction)
        #expect(try desk.showPerson(dawa).ecard == nil)
        let issued = try desk.issueECard(idNumber: dawa, phone: "13912345678", identityCheck: "face", pin: pin, voucher: false)
        let code = try #require(issued.activationCode)
        // An activation reversed: issued again, and the code on the issue receipt activates it again.
        let activated = try desk.stepECard(idNumber: dawa, step: .activate, code: code)
        _ = try reverse(desk, activated.transaction)
        #expect(try desk.showPerson(dawa).ecard?.status == .issued)
        _ = try desk.stepECard(idNumber: dawa, step: .activate, code: code)
        #expect(try desk.showPerson(dawa).ecard?.status == .active)
        // The e-voucher activated later, and taken back.
        let voucher = try desk.activateVoucher(idNumber: dawa)
        #expect(try desk.showPerson(dawa).ecard?.voucherOn == DeskFixture.clockDay)
        _ = try reverse(desk, voucher)
        #expect(try desk.showPerson(dawa).ecard?.voucherOn == nil)
        try expectWhole(f)
    }

    @Test func aCertificationTakenBackLeavesTheDueDateAsBeforeUntilARunPaidOnIt() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try f.deskWithPensionEnrolment(tashi)
        _ = try desk.addBenefit(idNumber: tashi, monthly: "1856.30", from: "2023-01")
        // Never certified: due 2023-01-01 + 12 months.
        #expect(try desk.showPerson(tashi).recipient?.due == DeskFixture.day("2024-01-01"))
        let (due, certified) = try desk.certify(idNumber: tashi, method: "counter", reference: nil)
        #expect(due == DeskFixture.day("2024-06-01"))
        _ = try reverse(desk, certified)
        #expect(try desk.showPerson(tashi).recipient?.due == DeskFixture.day("2024-01-01"))
        #expect(try desk.showPerson(tashi).certifications.isEmpty)
        // Certified again, and a payment run paid June on it: the certification is history now.
        let (_, again) = try f.desk(on: DeskFixture.day("2023-06-02")).certify(idNumber: tashi, method: "home", reference: nil)
        _ = try f.desk("ciren", on: DeskFixture.day("2023-06-02")).paymentsRun(month: "2023-06")
        let later = try f.desk(on: DeskFixture.day("2023-06-02"))
        #expect(DeskFixture.refusal { _ = try later.reversalTarget(again) }?.code == "changed-since")
        try expectWhole(f)
    }

    @Test func aBenefitStartedInErrorGoesUntilItHasPaidOrBeenCertified() throws {
        let f = try DeskFixture()
        let desk = try f.deskWithPensionEnrolment(tashi)
        let wrong = try desk.addBenefit(idNumber: tashi, monthly: "18563.00", from: "2023-01")
        let target = try desk.reversalTarget(wrong)
        #expect(target.fields.contains { $0.value.zh == "18563.00" })
        _ = try reverse(desk, wrong)
        #expect(try desk.showPerson(tashi).recipient == nil)
        let right = try desk.addBenefit(idNumber: tashi, monthly: "1856.30", from: "2023-01")
        _ = try desk.certify(idNumber: tashi, method: "counter", reference: nil)
        #expect(DeskFixture.refusal { _ = try desk.reversalTarget(right) }?.code == "changed-since")
        try expectWhole(f)
    }

    @Test func aDeathRegisteredInErrorIsReversedFromItsSerialAndMarked() throws {
        let f = try DeskFixture()
        let desk = try f.desk()
        _ = try desk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try desk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical"))
        let (_, died) = try desk.registerDeath(idNumber: tashi, date: "2023-05-20")
        #expect(try desk.showPerson(tashi).deathDate != nil)
        let reversal = try reverse(desk, died, reason: "身份证号录错")
        #expect(try desk.showPerson(tashi).deathDate == nil)
        #expect(try desk.showPerson(tashi).enrolments.contains { $0.enrolment.scheme == .residentMedical && $0.enrolment.to == nil })
        #expect(try entry(desk, reversal)?.kind == "death.reverse")
        #expect(try desk.reversal(of: died) == reversal)
        #expect(DeskFixture.refusal { _ = try desk.reversalTarget(died) }?.code == "already-reversed")
        try expectWhole(f)
    }

    @Test func theApproverIsAnotherSupervisorAndRefusalsChangeNothing() throws {
        let f = try DeskFixture()
        let desk = try f.desk()
        let (_, registered) = try desk.addPerson(PersonForm(idNumber: dawa, name: "达瓦·次仁"))
        // A registration is corrected by changing the person's details, not reversed.
        #expect(DeskFixture.refusal { _ = try desk.reversalTarget(registered) }?.code == "not-reversible")
        let (_, card) = try desk.registerCard(idNumber: dawa, number: "A12345678")
        let admin = try f.desk("admin")
        _ = try admin.addOperator(id: "lhamo", name: "拉姆", role: .clerk, password: "lhamo-password")
        let before = try journalCount(desk)
        #expect(DeskFixture.refusal {
            _ = try desk.reverseWithApproval(card, supervisorID: "zhuoma", password: "clerk-password", reason: "x")
        }?.code == "self-approval")
        // Another clerk's password approves nothing: a clerk is not a supervisor.
        #expect(DeskFixture.refusal {
            _ = try desk.reverseWithApproval(card, supervisorID: "lhamo", password: "lhamo-password", reason: "x")
        }?.code == "permission-denied")
        #expect(DeskFixture.refusal { _ = try desk.reversalTarget("54010220230601999999") }?.code == "transaction-not-found")
        #expect(try journalCount(desk) == before && desk.showPerson(dawa).card != nil)
        try expectWhole(f)
    }
}

extension DeskFixture {
    /// The fixture's business date.
    static let clockDay = DeskFixture.day("2023-06-01")

    /// 卓玛's desk with 扎西·平措 registered and in the resident pension since 2010, ready for a benefit.
    func deskWithPensionEnrolment(_ id: String) throws -> Desk {
        let desk = try desk()
        _ = try desk.addPerson(PersonForm(idNumber: id, name: "扎西·平措"))
        _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-pension", from: "2010-01-01"))
        return desk
    }

    /// 卓玛's desk with 达瓦·次仁 registered and card A12345678 recorded for him; the card's serial.
    func deskWithCard(_ id: String, issuedOn: String? = nil) throws -> (Desk, String) {
        let desk = try desk()
        _ = try desk.addPerson(PersonForm(idNumber: id, name: "达瓦·次仁"))
        let (_, serial) = try desk.registerCard(idNumber: id, number: "A12345678", issuedOn: issuedOn)
        return (desk, serial)
    }
}

/// What later business stops, case by case, and what a reversal of it frees again (the review's cases).
@Suite struct ReversalDependencyTests {
    let dawa = DeskFixture.id(born: "1958-11-02", sequence: 246)
    let tashi = DeskFixture.id(born: "1950-03-10", sequence: 123)

    private func reverse(_ desk: Desk, _ serial: String) throws -> String {
        try desk.reverseWithApproval(serial, supervisorID: "ciren", password: "super-password", reason: "录入错误")
    }

    private func code(_ body: () throws -> Void) -> String? { DeskFixture.refusal(body)?.code }

    private func withCard(_ f: DeskFixture) throws -> (Desk, String) { try f.deskWithCard(dawa, issuedOn: "2020-01-01") }

    @Test func aCardStepFollowedByAnotherIsReversedNewestFirst() throws {
        let f = try DeskFixture()
        let (desk, _) = try withCard(f)
        let (_, lost) = try desk.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: nil)
        let (_, found) = try desk.changeCard(idNumber: dawa, change: .found, reason: nil)
        #expect(DeskFixture.refusal { _ = try desk.reversalTarget(lost) }?.message.en.contains(found) == true)
        _ = try reverse(desk, found)
        #expect(try desk.showPerson(dawa).card?.card.state == .temporaryLoss)
        _ = try reverse(desk, lost)
        #expect(try desk.showPerson(dawa).card?.card.state == .normal)
    }

    @Test func aCardWithAnECardIssuedOnItStaysUntilTheIssueIsReversed() throws {
        let f = try DeskFixture()
        let (desk, registered) = try withCard(f)
        let issue = try desk.issueECard(idNumber: dawa, phone: "13912345678", identityCheck: "face", pin: "739146", voucher: false)
        #expect(code { _ = try desk.reversalTarget(registered) } == "changed-since")
        _ = try reverse(desk, issue.transaction)
        // The issue reversed no longer counts: the card registration can go now.
        _ = try reverse(desk, registered)
        #expect(try desk.showPerson(dawa).card == nil)
    }

    @Test func anECardStepIsUndoneToItsStateAndDateBefore() throws {
        let f = try DeskFixture()
        let (desk, _) = try withCard(f)
        let issue = try f.desk(on: DeskFixture.day("2023-05-10")).issueECard(idNumber: dawa, phone: "13912345678", identityCheck: "face",
                                                                             pin: "739146", voucher: false)
        let activated = try desk.stepECard(idNumber: dawa, step: .activate, code: issue.activationCode)
        let suspended = try desk.stepECard(idNumber: dawa, step: .suspend)
        #expect(code { _ = try desk.reversalTarget(activated.transaction) } == "changed-since")
        _ = try reverse(desk, suspended.transaction)
        _ = try reverse(desk, activated.transaction)
        let ecard = try #require(try desk.showPerson(dawa).ecard)
        #expect(ecard.status == .issued && ecard.statusSince == DeskFixture.day("2023-05-10"))
    }

    @Test func aCancellationIsNotTakenBackOverANewCardOrAfterADeath() throws {
        let f = try DeskFixture()
        let (desk, _) = try withCard(f)
        let (_, cancelled) = try desk.changeCard(idNumber: dawa, change: .cancel, reason: nil)
        let (_, newer) = try desk.registerCard(idNumber: dawa, number: "B87654321")
        // Two cards in use would break the one-card rule: refused before any password, naming the card in use.
        let refusal = DeskFixture.refusal { _ = try desk.reversalTarget(cancelled) }
        #expect(refusal?.code == "changed-since" && refusal?.message.zh.contains("B87654321") == true, "\(String(describing: refusal))")
        _ = try reverse(desk, newer)
        // With the newer card gone the cancellation could come back, but not once the holder has died.
        _ = try desk.registerDeath(idNumber: dawa, date: "2023-05-30")
        #expect(code { _ = try desk.reversalTarget(cancelled) } == "person-deceased")
        #expect(try desk.showPerson(dawa).card == nil)
    }

    @Test func aBenefitCertifiedOrEndedByDeathIsHistory() throws {
        let f = try DeskFixture()
        let desk = try f.deskWithPensionEnrolment(tashi)
        let started = try desk.addBenefit(idNumber: tashi, monthly: "1856.30", from: "2023-01")
        let (_, died) = try desk.registerDeath(idNumber: tashi, date: "2023-05-30")
        #expect(DeskFixture.refusal { _ = try desk.reversalTarget(started) }?.message.en.contains(died) == true)
        _ = try reverse(desk, died)
        // The death withdrawn, the benefit's start can be taken back.
        _ = try reverse(desk, started)
        #expect(try desk.showPerson(tashi).recipient == nil)
    }
}
