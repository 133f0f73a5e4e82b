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
        #expect(screen.contains("将冲正结算 \(serial)：合计 100.00"), "\(screen)")
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
        #expect(journal.kind == "settle.reverse" && journal.operatorID == "ciren")
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
        // The benefit started for the pensioner, two above the settlement.
        desk.keys(.up, .up)
        let screen = desk.keys(.character("R"))
        #expect(screen.contains("柜台冲正适用于结算和当日的参保登记"), "\(screen)")
        #expect(!screen.contains("冲正原因"))
    }

    @Test func anEnrolmentOfTheDayIsReversedWithApprovalAndTheStoreStaysWhole() throws {
        let (desk, _) = try deskWithASettlement()
        // 扎西·平措's resident-medical enrolment, just above the settlement.
        desk.keys(.up)
        let enrolment = try #require(try desk.app.desk?.todaysReceipts().last { $0.kind == "enrol" }?.serial)
        var screen = desk.keys(.character("R"))
        #expect(screen.contains("将冲正参保登记 \(enrolment)（城乡居民基本医疗保险）"), "\(screen)")
        desk.type("选错险种"); desk.keys(.enter); desk.type("ciren"); desk.keys(.enter); desk.type("super-password")
        screen = desk.keys(.enter)
        #expect(screen.contains("回执：参保登记冲正") && screen.contains(enrolment), "\(screen)")
        let schemes = try #require(try desk.app.desk?.showPerson(DeskHarness.tashi).enrolments.map(\.enrolment.scheme))
        #expect(!schemes.contains(.residentMedical), "\(schemes)")
        let row = desk.keys(.escape).split(separator: "\n").first { $0.contains(enrolment) }
        #expect(row?.contains("已冲正") == true)
        // Nothing was lost from the journal's account of the tables.
        let supervisor = try Desk.open(storePath: desk.storePath, operatorID: "ciren", password: "super-password",
                                       clock: FixedClock(date: DeskHarness.today), resources: DeskHarness.resources)
        let report = try supervisor.verify()
        #expect(report.problems.isEmpty, "\(report.problems)")
        // Once is all: a second reversal is refused before any password.
        screen = desk.keys(.character("R"))
        #expect(screen.contains("不能重复冲正"), "\(screen)")
    }
}
