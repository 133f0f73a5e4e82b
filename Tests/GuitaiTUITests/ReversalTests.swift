import CellText
import GuitaiCore
import GuitaiDesk
import Testing
import TerminalKit
@testable import GuitaiTUI

/// Undoing a settlement at the counter: whether it can be undone is said first; then what it undoes, a reason, and
/// another operator's approval on the spot; a reversal receipt; the original marked 已冲正 wherever it is shown.
@Suite struct ReversalTests {
    /// 扎西·平措 enrolled in resident medical and settled an outpatient bill of 100.00; the day's list open on it.
    private func deskWithASettlement() throws -> (DeskHarness, String) {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        desk.keys(.function(2), .down, .down, .enter, .enter, .escape, .function(5))
        desk.type("药品 A 100"); desk.keys(.enter, .function(9), .enter)
        let serial = try #require(try desk.lastTransaction()?.serial)
        desk.keys(.function(8))
        return (desk, serial)
    }

    private func reversals(_ desk: DeskHarness) throws -> [String] {
        try desk.app.desk?.store.read { try $0.journal() }.filter { $0.kind == "settle.reverse" }.map(\.serial) ?? []
    }

    @Test func aReversalAsksWhyShowsWhatItUndoesAndNeedsAnotherOperatorsApproval() throws {
        let (desk, serial) = try deskWithASettlement()
        var screen = desk.keys(.character("R"))
        #expect(screen.contains("冲正结算 \(serial)：总额 100.00"), "\(screen)")
        // No reason, no reversal.
        #expect(desk.keys(.enter).contains("冲正原因：请写明冲正原因"))
        desk.type("金额录错"); desk.keys(.enter)
        // The clerk who asks cannot approve.
        desk.type("zhuoma"); desk.keys(.enter); desk.type("clerk-password")
        screen = desk.keys(.enter)
        #expect(screen.contains("冲正须由另一名复核员审批"), "\(screen)")
        #expect(try reversals(desk).isEmpty)
        // A wrong password changes nothing and is not kept.
        desk.keys(.up, .control("u")); desk.type("ciren"); desk.keys(.enter)
        #expect(!desk.screen.contains("*************"), "the refused password is still in its field")
        desk.type("wrong-password")
        #expect(desk.keys(.enter).contains("操作员编号或密码不正确"))
        #expect(try reversals(desk).isEmpty)
        desk.type("super-password")
        let receipt = desk.keys(.enter)
        let reversal = try #require(try reversals(desk).first)
        for expected in ["回执：结算冲正", reversal, serial, "100.00", "金额录错", "ciren"] {
            #expect(receipt.contains(expected), "\(expected) missing:\n\(receipt)")
        }
        let journal = try #require(try desk.lastTransaction())
        // The reversal is this counter's business, on the asking clerk's day, with the approver named in it.
        #expect(journal.kind == "settle.reverse" && journal.operatorID == "zhuoma" && journal.payload.contains("\"approvedBy\":\"ciren\""),
                "\(journal)")
        // The list marks the original; its reprint says it no longer stands.
        let list = desk.keys(.escape)
        let row = list.split(separator: "\n").first { $0.contains(serial) }
        #expect(row?.contains("已冲正") == true, "\(list)")
        let reprint = desk.keys(.enter)
        #expect(reprint.contains("本业务已冲正") && reprint.contains(reversal), "\(reprint)")
        // A second reversal is refused before any password is asked.
        desk.keys(.escape)
        screen = desk.keys(.character("R"))
        #expect(screen.contains("不能重复冲正") && !screen.contains("冲正原因"), "\(screen)")
    }

    @Test func whatTheCounterDoesNotReverseIsSaidAtOnce() throws {
        let (desk, _) = try deskWithASettlement()
        // 扎西·平措's registration, the first of the day: corrected by changing his details, never reversed.
        let list = try #require(try desk.app.desk?.todaysReceipts())
        let registration = try #require(list.firstIndex { $0.kind == "person.add" })
        for _ in registration..<(list.count - 1) { desk.keys(.up) }
        let screen = desk.keys(.character("R"))
        #expect(screen.contains("人员登记、待遇发放和系统业务不在柜台冲正"), "\(screen)")
        #expect(!screen.contains("冲正原因"))
    }

    /// A card reported lost by mistake, reversed from the day's list: the confirmation says what comes back, the
    /// receipt names the citizen and the state restored, in both languages.
    @Test(arguments: [Language.zh, .en]) func aCardStepIsReversedFromTheList(language: Language) throws {
        let desk = try DeskHarness.withTashi(language: language)
        let id = DeskHarness.tashi
        let d = try #require(desk.app.desk)
        _ = try d.registerCard(idNumber: id, number: "A12345678")
        let (_, lost) = try d.changeCard(idNumber: id, change: .reportTemporaryLoss, reason: nil)
        desk.keys(.function(8))
        var screen = desk.keys(.character("R"))
        // The sentence may wrap: the state it leaves and the state it restores.
        for expected in language == .zh ? ["由「临时挂失」恢复为「正常」"] : ["from temporarily reported lost", "back to normal"] {
            #expect(screen.contains(expected), "\(screen)")
        }
        desk.type(language == .zh ? "误挂失" : "wrong card"); desk.keys(.enter); desk.type("ciren"); desk.keys(.enter); desk.type("super-password")
        screen = desk.keys(.enter)
        for text in [lost, "A12345678", "扎西·平措", language == .zh ? "社保卡状态变更冲正" : "card step reversed"] {
            #expect(screen.contains(text), "\(text) missing:\n\(screen)")
        }
        #expect(try d.showPerson(id).card?.card.state == .normal)
        let row = desk.keys(.escape).split(separator: "\n").first { $0.contains(lost) }
        #expect(row?.contains(language == .zh ? "已冲正" : "reversed") == true)
    }

    @Test func anEnrolmentOfTheDayIsReversedWithApprovalAndTheStoreStaysWhole() throws {
        let (desk, _) = try deskWithASettlement()
        // 扎西·平措's resident-medical enrolment, just above the settlement.
        desk.keys(.up)
        let enrolment = try #require(try desk.app.desk?.todaysReceipts().last { $0.kind == "enrol" }?.serial)
        let settlement = try #require(try desk.app.desk?.todaysReceipts().last { $0.kind == "settle" }?.serial)
        // The bill was paid under this enrolment's cover: the settlement is reversed first, and the refusal names it.
        var screen = desk.keys(.character("R"))
        #expect(screen.contains(settlement) && screen.contains("不能冲正") && !screen.contains("冲正原因"), "\(screen)")
        _ = try #require(try desk.app.desk?.reverseWithApproval(settlement, supervisorID: "ciren", password: "super-password", reason: "先冲结算"))
        screen = desk.keys(.character("R"))
        #expect(screen.contains("冲正参保登记 \(enrolment)（城乡居民基本医疗保险）"), "\(screen)")
        desk.type("选错险种"); desk.keys(.enter); desk.type("ciren"); desk.keys(.enter); desk.type("super-password")
        screen = desk.keys(.enter)
        #expect(screen.contains("回执：参保登记冲正") && screen.contains(enrolment), "\(screen)")
        let schemes = try #require(try desk.app.desk?.showPerson(DeskHarness.tashi).enrolments.map(\.enrolment.scheme))
        #expect(!schemes.contains(.residentMedical), "\(schemes)")
        // The list now ends with the two reversals; the enrolment's row is marked.
        let list = desk.keys(.escape)
        let row = list.split(separator: "\n").first { $0.contains(enrolment) }
        #expect(row?.contains("已冲正") == true, "\(list)")
        // Nothing was lost from the journal's account of the tables.
        let supervisor = try Desk.open(storePath: desk.storePath, operatorID: "ciren", password: "super-password",
                                       clock: FixedClock(date: DeskHarness.today), resources: DeskHarness.resources)
        let report = try supervisor.verify()
        #expect(report.problems.isEmpty, "\(report.problems)")
        // Once is all: a second reversal is refused before any password.
        screen = desk.keys(.character("R"))
        #expect(screen.contains("不能重复冲正"), "\(screen)")
    }

    /// A row of the day's list is time (5), serial (20), masked ID (18) and kind, two cells apart; at 80 columns the frame
    /// leaves 76. A row marked reversed is always of a kind that can be reversed: each, with the mark, fits.
    @Test(arguments: [Language.zh, .en]) func everyReversibleKindFitsWithItsMarkAt80Columns(language: Language) throws {
        let c = try DeskHarness(language: language).app.catalogue
        for kind in ["settle", "enrol", "card.register", "card.change", "card.replace", "ecard.issue", "ecard.activate", "ecard.step",
                     "ecard.voucher", "certify", "benefit.add", "death"] {
            let width = 5 + 2 + 20 + 2 + 18 + 2 + DisplayWidth.of(c("receipts.kind." + kind)) + 2 + DisplayWidth.of(c("reverse.marked"))
            #expect(width <= 76, "\(kind) takes \(width) cells in \(language)")
        }
    }
}
