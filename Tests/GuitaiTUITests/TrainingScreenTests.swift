import CellText
import Foundation
import GuitaiCore
import GuitaiDesk
import TerminalKit
import Testing
@testable import GuitaiTUI

/// Issue 11: the scenario panel on the desk, beside the procedure at 120x40 and on one line at 80x24, in both languages.
@Suite struct TrainingScreenTests {
    /// 卓嘎, the dibao inpatient of scenario 7.
    let drolkar = "990102196207079065"

    func trainer(width: Int, height: Int, language: Language) throws -> DeskHarness {
        let desk = try DeskHarness.training(width: width, height: height, language: language)
        desk.type("trainer"); desk.keys(.enter); desk.type("trainer-password"); desk.keys(.enter)
        return desk
    }

    /// Settles scenario 7's bill of 80,000 at the keys, as a trainee would.
    func settleTheInpatientBill(_ desk: DeskHarness) {
        desk.keys(.function(6)); desk.type(drolkar); desk.keys(.enter, .function(5), .control("v"), .control("l"))
        for item in ["住院费用 A 60000", "乙类药品 B 15000", "自费项目 C 5000"] { desk.type(item); desk.keys(.enter) }
        desk.keys(.function(9), .enter)
    }

    @Test(arguments: [Language.zh, .en])
    func atEightyByTwentyFourTheScenarioIsOneLineThatTicksWhenTheStoreSaysDone(language: Language) throws {
        let desk = try trainer(width: 80, height: 24, language: language)
        desk.keys(.function(11))
        #expect(desk.screen.contains(language == .zh ? "7. 低保对象住院 8 万元" : "7. A dibao inpatient bill of 80,000"), "\(desk.screen)")
        desk.type("7")
        desk.keys(.escape)
        var rows = desk.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count == 24)
        #expect(rows[2].hasPrefix(language == .zh ? "[情景7 步骤1/1 待做]" : "[Scenario 7 step 1/1 to do]"), "\(rows[2])")
        settleTheInpatientBill(desk)
        rows = desk.screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows[2].hasPrefix(language == .zh ? "[情景7 步骤1/1 完成]" : "[Scenario 7 step 1/1 done]"), "\(desk.screen)")
        // The slip itself still shows whole under the line: its title, with the training mark.
        #expect(desk.screen.contains(language == .zh ? "医疗费用一站式结算单 [培训模式]" : "[TRAINING]"), "\(desk.screen)")
        // Only the scenario's line may be cut to fit; nothing else on the frame is.
        let frame = desk.app.frame(width: 80, height: 24)
        #expect(frame.cuts.allSatisfy { $0.y == 2 }, "\(frame.cuts)")
    }

    @Test(arguments: [Language.zh, .en])
    func atOneHundredTwentyByFortyTheScenarioStandsBesideTheProcedure(language: Language) throws {
        let desk = try trainer(width: 120, height: 40, language: language)
        desk.keys(.function(11)); desk.type("7"); desk.keys(.escape)
        settleTheInpatientBill(desk)
        let rows = desk.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows.count == 40)
        // The slip keeps its 80 columns at the left; the scenario's column starts after them.
        let slipRow = try #require(rows.firstIndex { $0.contains(language == .zh ? "费用总额" : "Total") })
        #expect(DisplayWidth.of(String(rows[slipRow].prefix { $0 != "|" })) >= 80, "\(rows[slipRow])")
        let side = rows.compactMap { row -> String? in
            guard let bar = row.firstIndex(of: "|") else { return nil }
            return String(row[row.index(after: bar)...])
        }.joined(separator: "\n")
        #expect(side.contains(language == .zh ? "[完成] 1." : "[done] 1."), "\(desk.screen)")
        #expect(side.contains("F11"), "\(side)")
    }

    @Test func theAnswerIsTheTrainersToShowAndStepsMoveBackAndForth() throws {
        let desk = try trainer(width: 80, height: 24, language: .zh)
        desk.keys(.function(11)); desk.type("4")
        var screen = desk.screen
        #expect(screen.contains("[待做] 1.") && screen.contains("[待做] 3."), "\(screen)")
        desk.keys(.right)
        screen = desk.keys(.character("a"))
        #expect(screen.contains("答案：激活码正确后状态变为「已激活」"), "\(screen)")
        desk.keys(.left, .escape)
        // A trainee the trainer added at F7 may step but not see the answer.
        desk.keys(.function(7), .character("a"))
        for (text, enter) in [("xueyuan1", true), ("学员一", true), ("clerk", true), ("trainee-pass", true), ("trainee-pass", true)] {
            desk.type(text); if enter { desk.keys(.enter) }
        }
        let receipt = desk.keys(.enter)
        #expect(receipt.contains("回执：添加操作员 [培训模式]") && receipt.contains("xueyuan1"), "\(receipt)")
        desk.keys(.function(12), .function(9))
        desk.type("xueyuan1"); desk.keys(.enter); desk.type("trainee-pass"); desk.keys(.enter)
        desk.keys(.function(11)); desk.type("4")
        screen = desk.keys(.character("a"))
        #expect(screen.contains("只有培训员可以显示答案") && !screen.contains("答案：激活码"), "\(screen)")
    }

    @Test func aRealStoreHasNoScenarios() throws {
        let desk = try DeskHarness()
        desk.login()
        let screen = desk.keys(.function(11))
        #expect(screen.contains("本库不是培训库"), "\(screen)")
        #expect(!screen.contains("[培训模式]") && !screen.contains("F11"))
    }
}
