import Foundation
import GuitaiCore
import Testing
import TerminalKit
import TestSupport
@testable import GuitaiTUI

/// Check as you go, lose nothing: each field is checked as it is left and its refusal names it; Esc from a confirmation,
/// a trip to another citizen or a refused write leave the form as typed; quitting over typed work asks first.
@Suite struct CounterFormTests {
    private func deskWithTashi() throws -> DeskHarness { try DeskHarness.withTashi() }

    @Test func aWeakPINIsNamedAtItsFieldBeforeAnyConfirmation() throws {
        let desk = try deskWithTashi()
        desk.keys(.function(3), .character("1")); desk.type("A12345678"); desk.keys(.enter, .enter, .escape)
        desk.keys(.character("2"))
        desk.type("123456")
        let refused = desk.keys(.enter)
        #expect(refused.contains("6位密码（由本人输入）：密码不能是连续递增或递减的数字"), "\(refused)")
        #expect(!refused.contains("请确认"))
        // The PIN of the birth date (1955-03-10 gives 0310…) is refused the same way.
        desk.keys(.control("u")); desk.type("031099")
        #expect(desk.keys(.enter).contains("密码不能使用出生日期"))
        desk.keys(.control("u")); desk.type("802514")
        let confirm = desk.keys(.enter, .enter)
        #expect(confirm.contains("请确认"), "\(confirm)")
    }

    @Test func aMissingCardIsSaidWhenTheActionIsChosen() throws {
        let desk = try deskWithTashi()
        let screen = desk.keys(.function(3), .character("2"))
        #expect(screen.contains("没有在用的实体社保卡，请先登记社保卡"), "\(screen)")
        #expect(!screen.contains("6位密码"), "the PIN form opened for a citizen with no card")
    }

    @Test func aWrongCardNumberIsNamedAtOnceAndEscFromTheConfirmationKeepsItsText() throws {
        let desk = try deskWithTashi()
        desk.keys(.function(3), .character("1"))
        desk.type("12")
        #expect(desk.keys(.enter).contains("社保卡卡号：社保卡卡号应为9位字母或数字"))
        desk.keys(.backspace, .backspace); desk.type("A12345678")
        #expect(desk.keys(.enter).contains("请确认"))
        let back = desk.keys(.escape)
        #expect(back.contains("A12345678"), "Esc lost the typed card number:\n\(back)")
        #expect(try desk.lastTransaction()?.kind != "card.register")
    }

    @Test func anEmptyVideoReferenceIsNamedInTheClerksWordsNotAsACommandLineFlag() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zmyj"); desk.keys(.enter, .function(4), .character("3"))
        let refused = desk.keys(.enter)
        #expect(refused.contains("视频通话编号：请填写视频通话的编号"), "\(refused)")
        #expect(!refused.contains("--ref") && !refused.contains("请确认"))
        desk.type("VC-20230601-7")
        desk.keys(.enter)
        let back = desk.keys(.escape)
        #expect(back.contains("VC-20230601-7"))
    }

    @Test func aRegistrationLeftHalfTypedComesBackAsItWas() throws {
        let desk = try DeskHarness()
        desk.login()
        let id = GB11643.number(region: "540102", birth: "19800101", sequence: 555)
        desk.type(id); desk.keys(.enter, .enter)
        desk.type("次仁多吉")
        desk.keys(.escape)
        let again = desk.keys(.enter)
        #expect(again.contains("次仁多吉"), "the typed name was lost:\n\(again)")
        // The household is chosen from its list by number (or typed in Chinese); a wrong one is named at its field.
        desk.keys(.enter)
        var screen = desk.keys(.enter)
        #expect(screen.contains("1 城镇  2 农村"), "\(screen)")
        desk.type("乡下")
        #expect(desk.keys(.enter).contains("户籍：请填 1 城镇 或 2 农村"))
        desk.keys(.backspace, .backspace); desk.type("2")
        screen = desk.keys(.enter)
        // The groups' list, numbered; a number with its start date after a colon.
        #expect(screen.contains("2 低保") && screen.contains("6 僧尼"), "\(screen)")
        desk.type("2:2020-01-01 6")
        // The confirmation reads the choices by name.
        screen = desk.keys(.enter)
        #expect(screen.contains("户籍 农村") && screen.contains("特殊群体 低保:2020-01-01 僧尼"), "\(screen)")
        let receipt = desk.keys(.enter)
        #expect(desk.isReceipt(receipt, of: try desk.lastTransaction()))
        // Leaving the receipt goes back to the desk with the new person pinned, not to an empty registration form.
        let after = desk.keys(.escape)
        #expect(!after.contains("人员登记") && after.split(separator: "\n")[1].contains("次仁多吉"), "\(after)")
        let person = try desk.app.desk?.showPerson(id).person
        #expect(person?.name == "次仁多吉" && person?.household == .rural)
        #expect(person?.groups.map(\.group) == [.dibao, .monastic] && person?.groups.first?.from == LocalDate(iso: "2020-01-01"),
                "\(String(describing: person?.groups))")
    }

    @Test func aHalfFilledBillWaitsForItsCitizenWhileAnotherIsServed() throws {
        let desk = try deskWithTashi()
        desk.keys(.function(5)); desk.type("药品 B 850.80"); desk.keys(.enter)
        desk.keys(.function(6)); desk.type("zmyj"); desk.keys(.enter)
        let other = desk.keys(.function(5))
        #expect(other.contains("卓玛央金") && !other.contains("850.80"), "the bill followed the next citizen:\n\(other)")
        desk.keys(.function(6)); desk.type("zxpc"); desk.keys(.enter)
        let back = desk.keys(.function(5))
        #expect(back.contains("850.80"), "the bill was lost:\n\(back)")
    }

    @Test func quittingOverAnUnsavedBillAsksAndEscKeepsIt() throws {
        let desk = try deskWithTashi()
        desk.keys(.function(5)); desk.type("药品 B 850.80"); desk.keys(.enter)
        let question = desk.keys(.function(10))
        #expect(!desk.quit)
        #expect(question.contains("一站式结算（扎西·平措）"), "\(question)")
        let back = desk.keys(.escape)
        #expect(back.contains("850.80") && !desk.quit)
        desk.keys(.function(10), .enter)
        #expect(desk.quit)
    }

    @Test func afterASettlementTheNextBillStartsEmpty() throws {
        let desk = try deskWithTashi()
        desk.keys(.function(5)); desk.type("药品 B 850.80"); desk.keys(.enter, .function(9), .enter)
        #expect(try desk.lastTransaction()?.kind == "settle")
        let next = desk.keys(.escape)
        #expect(next.contains("一站式结算") && !next.contains("850.80"), "\(next)")
        desk.keys(.function(10))
        #expect(desk.quit, "nothing typed, yet F10 asked")
    }

    @Test func aRegistrationWrittenWhileAnotherCitizenIsPinnedLeavesNothingUnsaved() throws {
        let desk = try deskWithTashi()
        desk.keys(.function(6))
        desk.type(GB11643.number(region: "540102", birth: "19800101", sequence: 555)); desk.keys(.enter, .enter)
        desk.type("次仁多吉"); desk.keys(.enter, .enter, .enter, .enter, .enter)
        #expect(desk.app.citizen?.person.name == "次仁多吉")
        desk.keys(.function(10))
        #expect(desk.quit, "F10 asked about a registration already written")
    }

    @Test func aCardNumberTypedWaitsThroughATripToAnotherScreenButAPINDoesNot() throws {
        let desk = try deskWithTashi()
        desk.keys(.function(3), .character("1")); desk.type("A1234")
        desk.keys(.function(5))
        let back = desk.keys(.function(3))
        #expect(back.contains("A1234"), "\(back)")
        desk.keys(.control("u")); desk.type("A12345678"); desk.keys(.enter, .enter, .escape)
        desk.keys(.character("2")); desk.type("8025")
        desk.keys(.function(5))
        let again = desk.keys(.function(3))
        let pinRow = again.split(separator: "\n").first { $0.contains("6位密码") }
        #expect(pinRow != nil && pinRow?.contains("*") == false, "the PIN waited in a parked form:\n\(again)")
    }
}


extension CounterFormTests {
    /// The confirmation says before the write that no fund will pay for someone not insured.
    @Test func theConfirmationWarnsWhenNoFundWillPay() throws {
        let desk = try DeskHarness()
        desk.login()
        // 扎西·平措 is registered but not enrolled in any medical scheme in the harness.
        desk.type("zxpc"); desk.keys(.enter, .function(5))
        desk.type("药品 B 100"); desk.keys(.enter)
        let confirm = desk.keys(.function(9))
        #expect(confirm.contains("请确认") && confirm.contains("未参保，各项基金不支付"), "\(confirm)")
    }
}

extension CounterFormTests {
    /// The first run checks each field as it is left and wants the administrator's password twice.
    @Test func theFirstRunChecksEachFieldAndThePasswordTwice() throws {
        let desk = try DeskHarness(createStore: false)
        desk.type("540102"); desk.keys(.enter)
        desk.type("拉萨市城关区社保经办大厅"); desk.keys(.enter)
        desk.type("大厅")
        #expect(desk.keys(.enter).contains("行政区划代码：行政区划代码应为代码表中的6位数字"))
        desk.keys(.control("u")); desk.type("540102"); desk.keys(.enter)
        desk.type("admin"); desk.keys(.enter)
        desk.type("管理员"); desk.keys(.enter)
        desk.type("short")
        #expect(desk.keys(.enter).contains("管理员密码："))
        desk.keys(.control("u")); desk.type("admin-password"); desk.keys(.enter)
        desk.type("admin-passw0rd")
        #expect(desk.keys(.enter).contains("两次输入的新密码不一致"))
        #expect(!FileManager.default.fileExists(atPath: desk.storePath))
        desk.type("admin-password")
        let home = desk.keys(.enter)
        #expect(FileManager.default.fileExists(atPath: desk.storePath), "\(home)")
        #expect(home.contains("管理员 管理员"), "\(home)")
    }
}

extension CounterFormTests {
    /// Groups are typed by their Chinese names, short or whole, with a full-width colon as an IME types it.
    @Test func specialGroupsAreTypedInChinese() throws {
        let desk = try DeskHarness()
        desk.login()
        let id = GB11643.number(region: "540102", birth: "19800101", sequence: 555)
        desk.type(id); desk.keys(.enter, .enter)
        desk.type("次仁多吉"); desk.keys(.enter, .enter, .enter)
        desk.type("贫困户")
        let refused = desk.keys(.enter)
        #expect(refused.contains("没有「贫困户」这个群体") && refused.contains("可选：特困、低保"), "\(refused)")
        desk.keys(.control("u")); desk.type("特困 低保：2021-03-01 灵活就业人员")
        #expect(desk.keys(.enter).contains("请确认"))
        desk.keys(.enter)
        let person = try #require(try desk.app.desk?.showPerson(id).person)
        #expect(Set(person.groups.map(\.group)) == [.tekun, .dibao, .flexible], "\(person.groups)")
        #expect(person.groups.first { $0.group == .dibao }?.from == LocalDate(year: 2021, month: 3, day: 1))
    }
}

extension CounterFormTests {
    /// F3 inside a card form goes back to the card screen's actions, so a digit chooses an action again.
    @Test func theProceduresKeyInsideAFormReturnsToItsActions() throws {
        let desk = try deskWithTashi()
        desk.keys(.function(3), .character("1")); desk.type("12")
        desk.keys(.function(3), .character("1"))
        desk.type("A12345678")
        let screen = desk.keys(.enter)
        #expect(screen.contains("请确认") && screen.contains("A12345678") && !screen.contains("12A12345678"), "\(screen)")
    }

    @Test func aChoiceNumberIsSmallAndPlain() {
        let choices = ["urban", "rural"]
        #expect(RegisterPanel.chosen("2", from: choices) == "rural")
        #expect(RegisterPanel.chosen("2:2020-01-01 1", from: choices) == "rural:2020-01-01 urban")
        // Never a crash, never a surprise: signs, leading zeros, huge numbers and words stay as typed.
        for typed in ["-9223372036854775808", "9223372036854775807", "+1", "01", "3", "0", "乡下", ":", ""] {
            #expect(RegisterPanel.chosen(typed, from: choices) == typed, "\(typed) was taken as a choice")
        }
    }
}
