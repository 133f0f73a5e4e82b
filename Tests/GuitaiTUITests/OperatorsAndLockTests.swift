import GuitaiCore
import GuitaiDesk
import Testing
import TerminalKit
@testable import GuitaiTUI

/// The administrator manages operators on the desk as on the command line; a lock says how it came and hides the citizen.
@Suite struct OperatorsAndLockTests {
    private func canLogIn(_ desk: DeskHarness, _ id: String, _ password: String) -> Bool {
        (try? Desk.open(storePath: desk.storePath, operatorID: id, password: password, clock: FixedClock(date: DeskHarness.today),
                        resources: DeskHarness.resources)) != nil
    }

    /// The admin's desk on the operators' list, the selection moved to `id`.
    private func adminOn(_ id: String) throws -> DeskHarness {
        let desk = try DeskHarness()
        desk.type("admin"); desk.keys(.enter); desk.type("admin-password"); desk.keys(.enter)
        let screen = desk.keys(.function(7))
        #expect(screen.contains("操作员管理"), "\(screen)")
        let ids = try #require(try desk.app.desk?.listOperators().map(\.account.id))
        let index = try #require(ids.firstIndex(of: id))
        desk.send(Array(repeating: .key(.down), count: index))
        return desk
    }

    @Test func theAdministratorUnlocksDisablesAndResetsOnTheDesk() throws {
        let desk = try adminOn("zhuoma")
        // Five wrong passwords lock 卓玛 (the spec's lockout: five failures, fifteen minutes).
        for _ in 1...5 { #expect(!canLogIn(desk, "zhuoma", "not-her-password")) }
        #expect(!canLogIn(desk, "zhuoma", "clerk-password"))
        let list = desk.keys(.left)
        #expect(list.contains("锁定至"), "\(list)")
        desk.keys(.character("U"))
        let unlocked = desk.keys(.enter)
        #expect(unlocked.contains("回执：解除操作员锁定") && unlocked.contains("zhuoma"), "\(unlocked)")
        #expect(canLogIn(desk, "zhuoma", "clerk-password"))
        // A new password: a weak one is named at its field, two that differ are refused, then it works.
        desk.keys(.escape, .character("P"))
        desk.type("short")
        #expect(desk.keys(.enter).contains("新密码（至少 8 位）："))
        desk.keys(.control("u")); desk.type("counter-2023"); desk.keys(.enter); desk.type("counter-2024")
        #expect(desk.keys(.enter).contains("两次输入的新密码不一致"))
        desk.type("counter-2023")
        desk.keys(.enter)
        #expect(desk.keys(.enter).contains("回执：重置操作员密码"))
        #expect(canLogIn(desk, "zhuoma", "counter-2023") && !canLogIn(desk, "zhuoma", "clerk-password"))
        // Disabled, 卓玛 cannot log in; enabled again, she can.
        desk.keys(.escape, .character("D"))
        #expect(desk.keys(.enter).contains("回执：停用操作员"))
        #expect(!canLogIn(desk, "zhuoma", "counter-2023"))
        desk.keys(.escape, .character("E"), .enter)
        #expect(canLogIn(desk, "zhuoma", "counter-2023"))
    }

    @Test func aClerksF7IsOutreachNotTheOperatorsList() throws {
        let desk = try DeskHarness()
        desk.login()
        let screen = desk.keys(.function(7))
        #expect(screen.contains("外出服务（四进）"), "\(screen)")
        #expect(!screen.contains("ciren") && !screen.contains("操作员管理"))
    }

    @Test(arguments: [Language.zh, .en])
    func aManualLockSaysSoAndHidesTheCitizen(language: Language) throws {
        let desk = try DeskHarness(language: language)
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        let locked = desk.keys(.function(12))
        #expect(locked.contains(language == .zh ? "已手动锁屏" : "Locked with F12"), "\(locked)")
        #expect(!locked.contains("扎西") && !locked.contains("540102"), "the citizen shows behind the lock:\n\(locked)")
        desk.type("clerk-password")
        #expect(desk.keys(.enter).contains("扎西·平措"))
    }
}
