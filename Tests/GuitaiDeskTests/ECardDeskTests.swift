import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// The e-card and e-voucher at the counter, end to end on a store (domain.md §2, cli.md `card`, `ecard`).
@Suite struct ECardDeskTests {
    /// 达瓦·次仁, born 1958-11-02 (weak PINs: 581102, 110258, 1102xx).
    let dawa = DeskFixture.id(born: "1958-11-02", sequence: 246)
    /// 卓嘎, born 1962-04-18.
    let droga = DeskFixture.id(born: "1962-04-18", sequence: 122)
    let pin = "739146"
    let phone = "13912345678"

    private func registered(_ f: DeskFixture, card: String? = "A12345678") throws -> Desk {
        let desk = try f.desk()
        _ = try desk.addPerson(PersonForm(idNumber: dawa, name: "达瓦·次仁", phone: phone))
        if let card { _ = try desk.registerCard(idNumber: dawa, number: card) }
        return desk
    }

    private func issue(_ desk: Desk, id: String? = nil, voucher: Bool = false) throws -> ECardReceipt {
        try desk.issueECard(idNumber: id ?? dawa, phone: phone, identityCheck: "face", pin: pin, voucher: voucher)
    }

    /// A code that differs from `code` in every digit.
    private func wrong(_ code: String) -> String {
        String(code.map { Character(String(($0.wholeNumberValue! + 1) % 10)) })
    }

    private func status(_ desk: Desk, _ id: String? = nil) throws -> ECardStatus? {
        try desk.showPerson(id ?? dawa).ecard?.status
    }

    @Test func issueIsRefusedWithoutAPhysicalCard() throws {
        let f = try DeskFixture()
        let desk = try registered(f, card: nil)
        let journal = try desk.store.read { try $0.count("journal") }
        let error = DeskFixture.refusal { _ = try issue(desk) }
        #expect(error?.code == "no-physical-card")
        #expect(error?.kind == .refused)
        #expect(try status(desk) == nil)
        #expect(try desk.store.read { try $0.count("ecards") } == 0)
        #expect(try desk.store.read { try $0.count("journal") } == journal)
        // With the card registered, the same issue goes through.
        _ = try desk.registerCard(idNumber: dawa, number: "A12345678")
        #expect(try issue(desk).status == .issued)
    }

    @Test func aWeakPINIsRefusedAndLeavesNoECard() throws {
        let f = try DeskFixture()
        let desk = try registered(f)
        let journal = try desk.store.read { try $0.count("journal") }
        for weak in ["111111", "123456", "654321", "581102", "110258", "110288"] {
            let error = DeskFixture.refusal {
                _ = try desk.issueECard(idNumber: dawa, phone: phone, identityCheck: "document", pin: weak, voucher: true)
            }
            #expect(error?.code == "weak-pin", "\(weak) was not refused as weak")
        }
        #expect(try status(desk) == nil)
        #expect(try desk.store.read { try $0.count("ecards") } == 0)
        #expect(try desk.store.read { try $0.count("journal") } == journal)
    }

    @Test func issueGivesAnEightDigitCodeAndOnlyThatCodeActivates() throws {
        let f = try DeskFixture()
        let desk = try registered(f)
        let receipt = try issue(desk)
        #expect(receipt.status == .issued)
        let code = try #require(receipt.activationCode)
        #expect(code.count == 8)
        #expect(code.allSatisfy { $0.isASCII && $0.isNumber })
        #expect(receipt.unusableReason == nil)
        #expect(try status(desk) == .issued)

        let wrongCode = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: .activate, code: wrong(code)) }
        #expect(wrongCode?.code == "wrong-activation-code")
        let noCode = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: .activate, code: nil) }
        #expect(noCode?.code == "wrong-activation-code")
        #expect(try status(desk) == .issued)

        let activated = try desk.stepECard(idNumber: dawa, step: .activate, code: code)
        #expect(activated.status == .active)
        #expect(activated.ecardSerial == receipt.ecardSerial)
        #expect(activated.activationCode == nil)
        #expect(try status(desk) == .active)
        // Activating twice: refused, naming the current state.
        let again = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: .activate, code: code) }
        #expect(again?.code == "illegal-transition")
        #expect(again?.message.zh.contains("已激活") == true)
    }

    @Test func activationIsRefusedWhileThePhysicalCardIsReportedLost() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try registered(f)
        let code = try #require(try issue(desk).activationCode)
        _ = try desk.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: "本人电话挂失")
        let error = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: .activate, code: code) }
        #expect(error?.code == "card-unusable")
        #expect(error?.kind == .refused)
        #expect(error?.message.zh.contains("临时挂失") == true, "\(String(describing: error?.message.zh)) does not say why")
        #expect(try status(desk) == .issued)
        // The person's screen says why the e-card cannot be used.
        #expect(try desk.showPerson(dawa).ecardUnusable?.zh.contains("临时挂失") == true)

        // A formal loss stops it the same way, and says so.
        _ = try desk.changeCard(idNumber: dawa, change: .reportFormalLoss, reason: nil)
        let formal = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: .activate, code: code) }
        #expect(formal?.code == "card-unusable")
        #expect(formal?.message.zh.contains("正式挂失") == true)
        #expect(try status(desk) == .issued)
    }

    @Test func aTemporaryLossLapsesAndActivationGoesThroughAfterIt() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try registered(f)
        let code = try #require(try issue(desk).activationCode)
        _ = try desk.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: nil)
        // Reported 2023-06-01, in force five days: lapsed on 2023-06-07.
        let later = try f.desk(on: DeskFixture.day("2023-06-07"))
        #expect(try later.showPerson(dawa).ecardUnusable == nil)
        #expect(try later.stepECard(idNumber: dawa, step: .activate, code: code).status == .active)
    }

    @Test func aLockedCardStopsResumingTheECard() throws {
        let f = try DeskFixture()
        let desk = try registered(f)
        let code = try #require(try issue(desk).activationCode)
        _ = try desk.stepECard(idNumber: dawa, step: .activate, code: code)
        _ = try desk.stepECard(idNumber: dawa, step: .suspend, reason: "本人申请暂停")
        _ = try desk.changeCard(idNumber: dawa, change: .lock, reason: "密码错误次数过多")
        let error = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: .resume) }
        #expect(error?.code == "card-unusable")
        #expect(error?.message.zh.contains("锁定") == true)
        #expect(try status(desk) == .suspended)
        _ = try desk.changeCard(idNumber: dawa, change: .unlock, reason: nil)
        #expect(try desk.stepECard(idNumber: dawa, step: .resume).status == .active)
    }

    @Test func suspendResumeCancelAndReissueWithANewSerial() throws {
        let f = try DeskFixture()
        let desk = try registered(f)
        let first = try issue(desk)
        _ = try desk.stepECard(idNumber: dawa, step: .activate, code: try #require(first.activationCode))

        #expect(try desk.stepECard(idNumber: dawa, step: .suspend, reason: "手机遗失").status == .suspended)
        #expect(try status(desk) == .suspended)
        let twice = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: .suspend) }
        #expect(twice?.code == "illegal-transition")
        #expect(twice?.message.zh.contains("已暂停") == true)

        #expect(try desk.stepECard(idNumber: dawa, step: .resume).status == .active)
        #expect(try desk.stepECard(idNumber: dawa, step: .cancel, reason: "本人申请注销").status == .cancelled)
        #expect(try status(desk) == .cancelled)
        for step in [ECardStep.resume, .activate, .suspend, .cancel] {
            let error = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: step, code: first.activationCode) }
            #expect(error?.code == "illegal-transition", "\(step) after cancellation")
            #expect(error?.message.zh.contains("已注销") == true)
        }
        // Every step is in the journal with its reason.
        let steps = try desk.store.read { try $0.journal() }.filter { $0.kind == "ecard.step" }
        #expect(steps.count == 3)
        #expect(steps.contains { $0.payload.contains("手机遗失") })
        #expect(steps.contains { $0.payload.contains("本人申请注销") })

        // Re-issue after cancellation: a new e-card with a new serial, waiting for its own code.
        let second = try issue(desk)
        #expect(second.status == .issued)
        #expect(second.ecardSerial != first.ecardSerial)
        #expect(try desk.showPerson(dawa).ecard?.serial == second.ecardSerial)
        #expect(try status(desk) == .issued)
        let secondCode = try #require(second.activationCode)
        if secondCode != first.activationCode {
            let old = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: .activate, code: first.activationCode) }
            #expect(old?.code == "wrong-activation-code")
        }
        #expect(try desk.stepECard(idNumber: dawa, step: .activate, code: secondCode).status == .active)
        #expect(try desk.store.read { try $0.count("ecards") } == 2)
        // A live e-card cannot be issued again.
        let live = DeskFixture.refusal { _ = try issue(desk) }
        #expect(live?.code == "illegal-transition")
        #expect(live?.message.zh.contains("已激活") == true)
    }

    @Test func thePINAndTheActivationCodeNeverReachTheJournal() throws {
        let f = try DeskFixture()
        let desk = try registered(f)
        try #require(!dawa.contains(pin))
        let first = try issue(desk, voucher: true)
        let firstCode = try #require(first.activationCode)
        _ = try desk.stepECard(idNumber: dawa, step: .activate, code: firstCode)
        _ = try desk.stepECard(idNumber: dawa, step: .cancel)
        let second = try issue(desk)
        let secondCode = try #require(second.activationCode)
        _ = try desk.stepECard(idNumber: dawa, step: .activate, code: secondCode)

        let journal = try desk.store.read { try $0.journal() }
        let ecardEntries = journal.filter { $0.kind.hasPrefix("ecard.") }
        #expect(ecardEntries.count == 5)  // issue, activate, cancel, issue, activate
        for entry in journal {
            #expect(!entry.payload.contains(pin), "the PIN is in \(entry.kind) \(entry.serial)")
            #expect(!entry.payload.contains(firstCode), "an activation code is in \(entry.kind) \(entry.serial)")
            #expect(!entry.payload.contains(secondCode), "an activation code is in \(entry.kind) \(entry.serial)")
        }
        #expect(try f.desk("ciren").verify().ok)
    }

    @Test func theEVoucherIsActivatedAtIssueOrLater() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try registered(f)
        // At issue, in the same step.
        let receipt = try issue(desk, voucher: true)
        #expect(receipt.voucherActive)
        #expect(try desk.showPerson(dawa).ecard?.voucherOn == DeskFixture.day("2023-06-01"))
        let twice = DeskFixture.refusal { _ = try desk.activateVoucher(idNumber: dawa) }
        #expect(twice?.code == "voucher-active")

        // Later, on another day, for someone who did not want it at issue.
        _ = try desk.addPerson(PersonForm(idNumber: droga, name: "卓嘎"))
        let none = DeskFixture.refusal { _ = try desk.activateVoucher(idNumber: droga) }
        #expect(none?.code == "no-ecard")
        _ = try desk.registerCard(idNumber: droga, number: "B22223333")
        let plain = try issue(desk, id: droga, voucher: false)
        #expect(!plain.voucherActive)
        #expect(try desk.showPerson(droga).ecard?.voucherOn == nil)
        let later = try f.desk(on: DeskFixture.day("2023-06-20"))
        let serial = try later.activateVoucher(idNumber: droga)
        #expect(serial.hasPrefix("54010220230620"))
        #expect(try later.showPerson(droga).ecard?.voucherOn == DeskFixture.day("2023-06-20"))
        // The e-card's own state is untouched.
        #expect(try status(later, droga) == .issued)
    }

    @Test func replacingTheCardKeepsThePersonAndCancelsTheOldNumber() throws {
        let f = try DeskFixture()
        let desk = try registered(f)
        let code = try #require(try issue(desk).activationCode)
        _ = try desk.stepECard(idNumber: dawa, step: .activate, code: code)
        _ = try desk.changeCard(idNumber: dawa, change: .reportFormalLoss, reason: "卡片遗失")
        #expect(try desk.showPerson(dawa).ecardUnusable != nil)
        let persons = try desk.store.read { try $0.count("persons") }

        let (card, _) = try desk.replaceCard(idNumber: dawa, newNumber: "b87654321")
        #expect(card.number.value == "B87654321")
        #expect(card.state == .normal)
        #expect(card.issuedOn == DeskFixture.day("2023-06-01"))
        let details = try desk.showPerson(dawa)
        #expect(details.person.id.value == dawa)
        #expect(details.person.name == "达瓦·次仁")
        #expect(details.card?.card.number.value == "B87654321")
        #expect(try desk.store.read { try $0.count("persons") } == persons)
        // The old number is cancelled and points to the new one.
        let old = try #require(try desk.store.read { try $0.card(number: "A12345678") })
        #expect(old.card.state == .cancelled)
        #expect(old.replacedBy == "B87654321")
        // The e-card goes on with the new card.
        #expect(details.ecard?.status == .active)
        #expect(details.ecardUnusable == nil)
        // The old number can never be given to anyone again.
        _ = try desk.addPerson(PersonForm(idNumber: droga, name: "卓嘎"))
        let reuse = DeskFixture.refusal { _ = try desk.registerCard(idNumber: droga, number: "A12345678") }
        #expect(reuse?.code == "duplicate-card")
    }

    @Test func anExpiredCardStopsActivationAndSaysSo() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try f.desk()
        _ = try desk.addPerson(PersonForm(idNumber: dawa, name: "达瓦·次仁"))
        // Issued 2013-05-20: valid through 2023-05-19 (ten years less a day), so expired on 2023-06-01.
        let (card, _) = try desk.registerCard(idNumber: dawa, number: "A12345678", issuedOn: "2013-05-20")
        #expect(card.validUntil == DeskFixture.day("2023-05-19"))
        let receipt = try issue(desk)
        #expect(receipt.unusableReason?.zh.contains("过期") == true)
        let error = DeskFixture.refusal { _ = try desk.stepECard(idNumber: dawa, step: .activate, code: receipt.activationCode) }
        #expect(error?.code == "card-unusable")
        #expect(error?.message.zh.contains("2023-05-19") == true)
        // A replacement card brings it back.
        _ = try desk.replaceCard(idNumber: dawa, newNumber: "B87654321")
        #expect(try desk.stepECard(idNumber: dawa, step: .activate, code: receipt.activationCode).status == .active)
    }

    @Test func anUnknownIdentityCheckIsRefused() throws {
        let f = try DeskFixture()
        let desk = try registered(f)
        let error = DeskFixture.refusal {
            _ = try desk.issueECard(idNumber: dawa, phone: phone, identityCheck: "phone-call", pin: pin, voucher: false)
        }
        #expect(error?.kind == .usage)
        let badPhone = DeskFixture.refusal {
            _ = try desk.issueECard(idNumber: dawa, phone: "12912345678", identityCheck: "document", pin: pin, voucher: false)
        }
        #expect(badPhone?.code == "bad-phone")
        #expect(try status(desk) == nil)
        // The way identity was checked is kept with the e-card.
        _ = try issue(desk)
        #expect(try desk.showPerson(dawa).ecard?.identityCheck == "face")
    }

    /// domain.md §2: "Every transition is a business transaction with operator and reason";
    /// cli.md: `--reason` is optional on every e-card step, issue included, "default the step's name".
    @Test func everyECardTransitionIsJournalledWithOperatorAndReason() throws {
        let f = try DeskFixture()
        let desk = try registered(f)
        let code = try #require(try issue(desk).activationCode)
        _ = try desk.stepECard(idNumber: dawa, step: .activate, code: code)
        _ = try desk.stepECard(idNumber: dawa, step: .suspend, reason: "手机遗失")
        _ = try desk.stepECard(idNumber: dawa, step: .resume)
        _ = try desk.stepECard(idNumber: dawa, step: .cancel)
        let entries = try desk.store.read { try $0.journal() }.filter { $0.kind.hasPrefix("ecard.") }
        #expect(entries.map(\.kind) == ["ecard.issue", "ecard.activate", "ecard.step", "ecard.step", "ecard.step"])
        let expectedReasons = ["签发", "激活", "手机遗失", "恢复", "注销"]
        for (entry, reason) in zip(entries, expectedReasons) {
            #expect(entry.operatorID == "zhuoma")
            let payload = try #require(try JSONSerialization.jsonObject(with: Data(entry.payload.utf8)) as? [String: Any])
            #expect(payload["reason"] as? String == reason, "\(entry.kind) records reason \(String(describing: payload["reason"]))")
        }
    }
}
