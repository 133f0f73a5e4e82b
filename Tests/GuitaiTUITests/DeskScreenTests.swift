import CellText
import Foundation
import GuitaiCore
import GuitaiDesk
import TerminalKit
import Testing
import TestSupport
@testable import GuitaiTUI

@Suite struct DeskScreenTests {
    @Test func loginShowsTheHallOperatorAndDateAndRefusesAWrongPassword() throws {
        let desk = try DeskHarness()
        #expect(desk.screen.contains("操作员登录"))
        desk.type("zhuoma"); desk.keys(.enter); desk.type("wrong-password")
        let refused = desk.keys(.enter)
        #expect(refused.contains("操作员编号或密码不正确"))
        desk.type("clerk-password")
        let home = desk.keys(.enter)
        let top = home.split(separator: "\n")[0]
        #expect(top.contains("拉萨市城关区社保经办大厅") && top.contains("3号窗口") && top.contains("经办员 卓玛") && top.contains("2023-06-01"))
        #expect(home.contains("F1帮助") && home.contains("F10退出"))
    }

    @Test func searchingByPinyinInitialsPinsTheCitizen() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc")
        let screen = desk.keys(.enter)
        let citizenLine = String(screen.split(separator: "\n")[1])
        #expect(citizenLine.contains("扎西·平措") && citizenLine.contains("540102********"))
        #expect(citizenLine.contains("68岁") && citizenLine.contains("城关区"))
        // The full number never shows on the desk.
        #expect(!screen.contains(DeskHarness.tashi))
    }

    @Test func aBadCheckCharacterIsExplainedAndAValidNumberFillsInWhatItImplies() throws {
        let desk = try DeskHarness()
        desk.login()
        let newcomer = GB11643.number(region: "540102", birth: "19900606", sequence: 357)
        var wrong = Array(newcomer)
        wrong[17] = wrong[17] == "1" ? "2" : "1"
        desk.type(String(wrong)); desk.keys(.enter)
        var screen = desk.keys(.enter)
        #expect(screen.contains("人员登记"))
        #expect(screen.contains("校验位应为 \(newcomer.last!)"))
        // Correct the last character: the derived line appears at once.
        desk.keys(.up, .end, .backspace); desk.type(String(newcomer.last!))
        screen = desk.screen
        #expect(screen.contains("1990-06-06") && screen.contains("男") && screen.contains("32岁") && screen.contains("西藏自治区拉萨市城关区"))
        desk.keys(.down); desk.type("央金")
        desk.keys(.enter, .enter, .enter)
        screen = desk.keys(.enter)
        #expect(screen.contains("请确认") && screen.contains("央金"))
        screen = desk.keys(.enter)
        let registered = try desk.lastTransaction()
        #expect(registered?.kind == "person.add" && desk.isReceipt(screen, of: registered))
        #expect(screen.split(separator: "\n")[1].contains("央金"))
    }

    @Test func enrolmentShowsOpenAndClosedSchemesWithTheirReasons() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        var screen = desk.keys(.function(2))
        #expect(screen.contains("城乡居民基本医疗保险") && screen.contains("可参加"))
        #expect(screen.contains("低保对象：个人缴费190.00元"))
        #expect(screen.contains("失业保险只能通过用人单位参加"))
        // Resident pension is second in the list; resident medical third.
        desk.keys(.down, .down)
        screen = desk.keys(.enter)
        #expect(screen.contains("请确认"))
        screen = desk.keys(.enter)
        let enrolled = try desk.lastTransaction()
        #expect(enrolled?.kind == "enrol" && desk.isReceipt(screen, of: enrolled))
        // Now the same scheme is closed as a duplicate, with the existing enrolment named.
        screen = desk.keys(.escape, .function(2))
        #expect(screen.contains("不能重复参保"))
    }

    @Test func settlementShowsLiveTotalsAndPrintsTheThreeLayerSlip() throws {
        let desk = try DeskHarness()
        _ = try desk.app.resources
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        desk.keys(.function(2), .down, .down, .enter, .enter, .escape)
        desk.keys(.function(5), .control("v"), .control("l"), .control("l"))
        desk.type("床位费 A 3000"); desk.keys(.enter)
        desk.type("药品 B 50000"); desk.keys(.enter)
        desk.type("自费药 C 2000.50")
        var screen = desk.keys(.enter)
        // Hand-computed in docs/settlement-walkthrough.md: funds 45,468.90, patient 9,531.60.
        #expect(screen.contains("合计 55,000.50  基金支付 45,468.90  个人支付 9,531.60"))
        screen = desk.keys(.function(9))
        #expect(screen.contains("请确认") && screen.contains("9,531.60"))
        screen = desk.keys(.enter)
        #expect(screen.contains("医疗费用一站式结算单"))
        // The slip is 80 columns: nothing of it is cut at 80x24.
        for line in screen.split(separator: "\n") { #expect(DisplayWidth.of(String(line)) <= 80) }
        #expect(screen.contains("55,000.50"))
    }

    @Test func aBillItemTypedWrongIsExplained() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter, .function(5))
        desk.type("药品 D 12")
        #expect(desk.keys(.enter).contains("类别「D」应为 A、B 或 C"))
    }

    @Test func belowEightyByTwentyFourAMessageStandsInForTheDeskUntilItGrowsBack() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        let small = desk.send([.resize(width: 60, height: 20), .tick])
        #expect(small.contains("窗口 60x20 太小"))
        let back = desk.send([.resize(width: 120, height: 40), .tick])
        #expect(back.contains("扎西·平措"))
        // The whole desk again, at the new size: forty rows, the key bar on the last.
        let rows = back.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.count == 40 && rows.last?.contains("F10退出") == true)
    }

    @Test func theScreenLocksAfterIdleMinutesAndOnlyThePasswordUnlocksIt() throws {
        let desk = try DeskHarness(lockMinutes: 1)
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        // One minute of ticks at 250 ms.
        let locked = desk.send(Array(repeating: .tick, count: 240))
        #expect(locked.contains("屏幕已锁定"))
        desk.keys(.function(5))
        #expect(desk.screen.contains("屏幕已锁定"))
        desk.type("wrong-one")
        #expect(desk.keys(.enter).contains("操作员编号或密码不正确"))
        desk.type("clerk-password")
        let unlocked = desk.keys(.enter)
        #expect(!unlocked.contains("屏幕已锁定"))
        #expect(unlocked.contains("扎西·平措"))
    }

    @Test func aHalfFilledFormSurvivesATripToAnotherScreen() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter, .function(5))
        desk.type("挂号费 A 12")
        desk.keys(.escape, .function(1), .escape, .function(5))
        #expect(desk.screen.contains("挂号费 A 12"))
    }

    @Test func englishIsCompleteAndTheDeskReflowsAt120x40() throws {
        let desk = try DeskHarness(width: 120, height: 40, language: .en)
        desk.login()
        desk.type("zxpc")
        let screen = desk.keys(.enter)
        #expect(screen.contains("F1 Help") && screen.contains("Citizen: 扎西·平措"))
        #expect(!screen.contains("查询"))
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false).count == 40)
    }

    @Test func theFirstRunOffersTheTrainingStoreAndItsTrainerSetsThePassword() throws {
        let desk = try DeskHarness(createStore: false)
        #expect(desk.screen.contains("首次使用"))
        // No training store yet: the trainer's password, typed twice, makes it.
        var screen = desk.keys(.function(9))
        #expect(screen.contains("[培训模式]") && screen.contains("建立培训库"), "\(screen)")
        desk.type("trainer-password"); desk.keys(.enter); desk.type("another-password")
        screen = desk.keys(.enter)
        #expect(!FileManager.default.fileExists(atPath: TrainingStore.path(besides: desk.storePath)))
        // Once made, F9 leads to its login: the trainer with the password set, on the classroom date.
        _ = try TrainingStore.reset(at: TrainingStore.path(besides: desk.storePath), password: "trainer-password",
                                    resources: DeskHarness.resources, population: 5)
        let again = try DeskHarness(createStore: false, existingStore: nil)
        try FileManager.default.copyItem(atPath: TrainingStore.path(besides: desk.storePath), toPath: TrainingStore.path(besides: again.storePath))
        again.keys(.function(9))
        again.type("trainer"); again.keys(.enter); again.type("trainer-password")
        screen = again.keys(.enter)
        #expect(screen.contains("[培训模式]") && screen.contains(TrainingStore.classroomDate.iso), "\(screen)")
        again.type("卓嘎")
        screen = again.keys(.enter)
        #expect(screen.split(separator: "\n")[1].contains("卓嘎") && screen.split(separator: "\n")[1].contains("女"), "\(screen)")
    }

    @Test func anEmployerCodeOpensTheSchemesJoinedThroughAnEmployer() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zmyj"); desk.keys(.enter, .function(2))
        desk.keys(.down, .down, .down, .down)
        #expect(desk.screen.contains("失业保险只能通过用人单位参加"))
        desk.keys(.character("e"))
        desk.type(SocialCreditCode.compose("91540100MA6T00001").value)
        var screen = desk.keys(.enter)
        #expect(screen.contains("失业保险              可参加"))
        screen = desk.keys(.enter)
        #expect(screen.contains("请确认"))
        let receipt = desk.keys(.enter)
        let joined = try desk.lastTransaction()
        #expect(joined?.kind == "enrol" && desk.isReceipt(receipt, of: joined) && joined?.payload.contains("unemployment") == true)
    }

    @Test func anIllegalECardStepNamesTheCurrentState() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter, .function(3))
        // Activating an e-card that was never issued.
        desk.keys(.character("3")); desk.type("12345678"); desk.keys(.enter)
        let screen = desk.keys(.enter)
        #expect(screen.contains("电子社保卡当前状态为「未签发」，不能激活"))
    }

    @Test func aBillOverTheOutpatientCapIsPaidUpToTheCapAndTheSlipSaysSo() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zmyj"); desk.keys(.enter, .function(2), .down, .down, .enter, .enter, .escape, .function(5))
        // Resident outpatient at level 1: 2,000 x 60% = 1,200, capped at 500 a year.
        desk.type("门诊 A 2000")
        var screen = desk.keys(.enter)
        #expect(screen.contains("合计 2,000.00  基金支付 500.00  个人支付 1,500.00"))
        desk.keys(.function(9))
        screen = desk.keys(.enter)
        #expect(screen.contains("医疗费用一站式结算单"))
        let slip = try #require(try desk.app.desk!.todaysReceipts().last.flatMap { try desk.app.desk!.storedSlip(serial: $0.serial) })
        #expect(slip.contains("超出限额不予支付") && slip.contains("700.00"))
    }

    @Test func theDueListShowsWhoIsOverdueByRegion() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.keys(.function(4))
        var screen = desk.keys(.character("d"))
        #expect(screen.contains("认证到期名单"))
        #expect(screen.contains("卓玛央金") && screen.contains("2023-06-01  已逾期"))
        desk.type("5402")
        screen = desk.screen
        #expect(!screen.contains("卓玛央金") && screen.contains("共 0 人"))
    }

    @Test func aLostCardStopsTheECardAndTheScreenSaysWhy() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter, .function(3), .character("1"))
        desk.type("A12345678"); desk.keys(.enter, .enter, .escape, .function(3), .character("2"))
        desk.type("135790"); desk.keys(.enter, .enter, .enter, .escape)
        desk.keys(.function(3), .character("7"))
        var screen = desk.keys(.enter)
        #expect(screen.contains("临时挂失"))
        screen = desk.keys(.escape, .function(3))
        #expect(screen.contains("电子社保卡 已签发待激活（实体社保卡临时挂失（自 2023-06-01 起））"))
    }

    @Test func theDueListCertifiesByDataComparisonForARegion() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.keys(.function(4), .character("d"))
        desk.type("540102")
        var screen = desk.keys(.character("B"))
        #expect(screen.contains("对地区 540102 的待遇人员进行信息比对认证"))
        screen = desk.keys(.enter)
        // 卓玛央金 was registered at this counter today: in-person evidence, certified with today's date.
        #expect(screen.contains("信息比对认证 1 人") && screen.contains("540102********2462"))
    }

    @Test func aFormHalfFilledForOneCitizenNeverCarriesOverToTheNext() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter, .function(5))
        desk.type("挂号费 A 12"); desk.keys(.enter)
        // Another procedure and back: the bill is still there for the same citizen.
        desk.keys(.function(3), .function(5))
        #expect(desk.screen.contains("挂号费"))
        // A new citizen: the bill is gone.
        desk.keys(.function(6)); desk.type("zmyj"); desk.keys(.enter, .function(5))
        #expect(!desk.screen.contains("挂号费"))
    }

    @Test func escClosesTheSupervisorsPromptAndForgetsWhatWasTyped() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter, .function(2), .down, .down, .enter, .enter, .escape, .function(5))
        desk.type("药品 A 100"); desk.keys(.enter, .function(9), .enter, .escape, .function(8), .character("R"))
        desk.type("录错"); desk.keys(.enter); desk.type("ciren"); desk.keys(.enter); desk.type("super-pass")
        desk.keys(.escape)
        // The prompt is closed and empty; Enter now shows the slip instead of reversing in the supervisor's name.
        let screen = desk.keys(.enter)
        #expect(screen.contains("医疗费用一站式结算单"))
        let journal = try desk.app.desk!.store.read { try $0.journal() }
        #expect(!journal.contains { $0.kind == "settle.reverse" })
    }

    @Test func theLockScreenCanQuitOrHandTheWindowToAnotherOperator() throws {
        let desk = try DeskHarness(lockMinutes: 1)
        desk.login()
        desk.send(Array(repeating: .tick, count: 240))
        var screen = desk.keys(.function(9))
        #expect(screen.contains("操作员登录"))
        #expect(!screen.contains("扎西"))
        desk.login()
        desk.send(Array(repeating: .tick, count: 240))
        desk.keys(.function(10))
        #expect(desk.quit)
        screen = desk.screen
        #expect(screen.contains("屏幕已锁定"))
    }
}
