import GuitaiCore
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
        #expect(list.contains("已冲正（\(reversal)）"), "\(list)")
        let reprint = desk.keys(.enter)
        #expect(reprint.contains("本结算已冲正") && reprint.contains(reversal), "\(reprint)")
        // A second reversal is refused before any password is asked.
        desk.keys(.escape)
        screen = desk.keys(.character("R"))
        #expect(screen.contains("不能重复冲正") && !screen.contains("冲正原因"), "\(screen)")
    }

    @Test func onlySettlementsAreReversedAtTheCounterAndTheDeskSaysSo() throws {
        let (desk, _) = try deskWithASettlement()
        // The enrolment, one above the settlement.
        desk.keys(.up, .up)
        let screen = desk.keys(.character("R"))
        #expect(screen.contains("柜台冲正目前只适用于结算"), "\(screen)")
        #expect(!screen.contains("冲正原因"))
    }
}
