import GuitaiCore
import Testing
import TerminalKit
@testable import GuitaiTUI

/// Below 80x24 the desk shows only the window's size: keys may not act on screens the clerk cannot see.
@Suite struct SmallWindowTests {
    /// 扎西·平措 pinned, the settlement screen open with one item typed: the state a clerk leaves when the window shrinks.
    private func deskWithABill(language: Language = .zh) throws -> DeskHarness {
        let desk = try DeskHarness(language: language)
        desk.login()
        desk.type("zxpc"); desk.keys(.enter, .function(5))
        desk.type("药品 B 850.80"); desk.keys(.enter)
        return desk
    }

    @Test func keysTypedWhileTheWindowIsTooSmallChangeNothing() throws {
        let desk = try deskWithABill()
        let before = try desk.lastTransaction()
        desk.send([.resize(width: 60, height: 20)])
        // F9 then Enter would settle the bill on a visible screen; typed text would land in the item field.
        desk.keys(.function(9), .enter)
        desk.type("床位费 A 100")
        desk.keys(.enter, .function(2), .enter, .escape, .function(6))
        #expect(try desk.lastTransaction()?.serial == before?.serial, "a key acted on a hidden screen")
        let back = desk.send([.resize(width: 80, height: 24)])
        // The same screen as before the shrink: the settlement, one item, an empty entry field.
        #expect(back.contains("一站式结算"))
        #expect(back.contains("850.80"))
        #expect(!back.contains("床位费"))
        #expect(!back.contains("请确认"))
    }

    @Test func quittingStillWorksWhileTheWindowIsTooSmallAndAsksFirstOverABill() throws {
        let desk = try deskWithABill()
        desk.send([.resize(width: 40, height: 10)])
        desk.keys(.function(10))
        // The bill is not written: the first F10 asks, on the small screen itself.
        #expect(!desk.quit)
        #expect(desk.terminal.lastText.contains("再按 F10 退出"), "\(desk.terminal.lastText)")
        desk.keys(.function(10))
        #expect(desk.quit)

        let idle = try DeskHarness()
        idle.login()
        idle.send([.resize(width: 40, height: 10)])
        idle.keys(.function(10))
        #expect(idle.quit, "nothing typed: F10 quits at once")
    }

    /// Every size from 20x5 to just under 80x24, in both languages: the message names the size the window has and
    /// the size it needs, each whole on one row, and nothing is cut.
    @Test(arguments: [Language.zh, .en])
    func theTooSmallMessageFitsEveryWindowDownTo20x5(language: Language) throws {
        let desk = try DeskHarness(language: language)
        desk.login()
        for width in stride(from: 20, through: 79, by: 3) {
            for height in [5, 6, 9, 23] {
                desk.send([.resize(width: width, height: height)])
                let frame = try #require(desk.terminal.frames.last)
                #expect(frame.cuts.isEmpty, "\(width)x\(height): cut \(frame.cuts)")
                let rows = (0..<frame.height).map { frame.row($0) }
                #expect(rows.contains { $0.contains("\(width)x\(height)") }, "\(width)x\(height): \(rows)")
                #expect(rows.contains { $0.contains("80x24") }, "\(width)x\(height): \(rows)")
            }
        }
    }

    /// The lock stays a lock in a small window: F10 there asks without naming anyone, and growing the window back
    /// shows the lock, not what is behind it.
    @Test func aSmallWindowIsNoWayPastTheLock() throws {
        let desk = try deskWithABill()
        desk.keys(.function(12))
        desk.send([.resize(width: 40, height: 10)])
        desk.keys(.function(10))
        #expect(!desk.quit)
        desk.keys(.escape, .function(2), .function(6))
        let back = desk.send([.resize(width: 80, height: 24)])
        #expect(back.contains("屏幕已锁定") && !back.contains("扎西") && !back.contains("850.80"), "\(back)")
        desk.keys(.function(10))
        let asked = desk.screen
        #expect(asked.contains("共 1 项未保存") && !asked.contains("扎西"), "\(asked)")
    }

    @Test func aOneColumnWindowStillDrawsAndAnswers() throws {
        let desk = try DeskHarness()
        desk.login()
        for width in [1, 2, 3] { desk.send([.resize(width: width, height: 3)]) }
        desk.keys(.function(10))
        #expect(desk.quit)
    }
}

