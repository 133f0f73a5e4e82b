import Foundation
import GuitaiCore
import Testing
import TestSupport
@testable import GuitaiTUI

/// Counts the keys a clerk presses to complete each procedure for a citizen already registered and found, so
/// docs/keystrokes.md can say it: no field asks for what the ID number or the record already knows.
@Suite struct KeystrokeTests {
    private func foundCitizen() throws -> DeskHarness {
        let desk = try DeskHarness.withTashi()
        desk.resetCount()
        return desk
    }

    @Test func enrolmentInResidentMedicalTakesFourKeys() throws {
        let desk = try foundCitizen()
        desk.keys(.function(2), .down, .down, .enter)
        let receipt = desk.keys(.enter)
        #expect(desk.keystrokes == 5)
        // What the five keys did: an enrolment in resident medical, journaled, and its receipt on screen.
        let entry = try desk.lastTransaction()
        #expect(entry?.kind == "enrol")
        #expect(desk.isReceipt(receipt, of: entry))
        let enrolled = try desk.app.desk?.showPerson(DeskHarness.tashi).enrolments.map(\.enrolment.scheme)
        #expect(enrolled == [.residentMedical])
    }

    @Test func anOutpatientBillOfOneItemTakesTheItemAndThreeKeys() throws {
        let desk = try foundCitizen()
        desk.keys(.function(2), .down, .down, .enter, .enter, .escape)
        desk.resetCount()
        desk.keys(.function(5))
        let item = "药品 A 120"
        desk.type(item)
        desk.keys(.enter, .function(9))
        let slip = desk.keys(.enter)
        #expect(slip.contains("医疗费用一站式结算单"))
        #expect(desk.keystrokes == item.count + 4)
        // A settlement of 120.00 was recorded, and the slip on screen is its own.
        let entry = try desk.lastTransaction()
        #expect(entry?.kind == "settle")
        #expect(slip.contains(entry?.serial ?? "-"))
        let settled = try desk.app.desk?.showPerson(DeskHarness.tashi).settlements
        #expect(settled?.map(\.total) == [Money.yuan(120)])
    }
}

@Suite struct CardAndCertificationKeystrokeTests {
    @Test func issuingTheECardWithTheVoucherTakesElevenKeysWhenTheCardAndPhoneAreOnRecord() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        desk.keys(.function(3), .character("1")); desk.type("A12345678"); desk.keys(.enter, .enter, .escape)
        desk.resetCount()
        desk.keys(.function(3), .character("2"))
        // The phone on record is filled in; the citizen types the PIN; the voucher defaults to yes.
        desk.type("135790")
        desk.keys(.enter, .enter)
        let receipt = desk.keys(.enter)
        #expect(receipt.contains("激活码") && receipt.contains("医保电子凭证") && receipt.contains("已激活"))
        #expect(desk.keystrokes == 11)
        let entry = try desk.lastTransaction()
        #expect(entry?.kind == "ecard.issue" && desk.isReceipt(receipt, of: entry))
        let ecard = try desk.app.desk?.showPerson(DeskHarness.tashi).ecard
        #expect(ecard?.status == .issued && ecard?.voucherOn != nil)
        let card = desk.keys(.escape, .function(3))
        #expect(card.contains("已签发待激活") && card.contains("医保电子凭证已激活"))
    }

    @Test func aCounterCertificationTakesThreeKeys() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zmyj"); desk.keys(.enter)
        desk.resetCount()
        let overdue = desk.keys(.function(4))
        #expect(overdue.contains("下次认证 2023-06-01  已逾期"))
        desk.keys(.character("1"))
        let receipt = desk.keys(.enter)
        #expect(receipt.contains("请在 2024-06-01 前再次认证"))
        #expect(desk.keystrokes == 3)
        let entry = try desk.lastTransaction()
        #expect(entry?.kind == "certify" && desk.isReceipt(receipt, of: entry))
        let pensioner = GB11643.number(region: "540102", birth: "19610815", sequence: 246)
        let certified = try desk.app.desk?.showPerson(pensioner).certifications
        #expect(certified?.map(\.method) == [.counter] && certified?.first?.date == DeskHarness.today)
        // Someone without a benefit is told so in plain words.
        desk.keys(.escape, .function(6)); desk.type("zxpc"); desk.keys(.enter, .function(4))
        #expect(desk.screen.contains("此人没有月待遇记录"))
    }
}
