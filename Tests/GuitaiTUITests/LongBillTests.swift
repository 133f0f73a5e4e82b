import GuitaiCore
import Testing
import TerminalKit
@testable import GuitaiTUI

/// A discharge bill of forty lines keyed at the counter: every line reachable, any line edited or removed, the count
/// shown, and each mistake named by the part of the line that is wrong.
@Suite struct LongBillTests {
    private func settlementScreen() throws -> DeskHarness {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter, .function(5), .control("v"))
        return desk
    }

    @Test func fortyItemsAreAllReachableAndAnyOneIsEditedOrRemoved() throws {
        let desk = try settlementScreen()
        for n in 1...40 {
            desk.type("药品\(n) B 10"); desk.keys(.enter)
        }
        var screen = desk.screen
        #expect(screen.contains("共 40 项"))
        // Forty items of 10.00: 400.00 in all, by hand.
        #expect(screen.contains("合计 400.00"), "\(screen)")
        // Up forty times reaches the first item, which is then on screen and chosen.
        desk.send(Array(repeating: .key(.up), count: 40))
        screen = desk.screen
        #expect(screen.contains("选中第 1 项") && screen.contains("药品1 "), "\(screen)")
        // Enter brings it to the entry line; corrected to 100 and kept: 400 - 10 + 100 = 490.00.
        desk.keys(.enter, .control("u"))
        desk.type("药品1 B 100")
        screen = desk.keys(.enter)
        #expect(screen.contains("共 40 项") && screen.contains("合计 490.00"), "\(screen)")
        // The twentieth item removed from the middle: 490 - 10 = 480.00, thirty-nine left.
        desk.send(Array(repeating: .key(.up), count: 21))
        screen = desk.screen
        #expect(screen.contains("选中第 20 项"), "\(screen)")
        screen = desk.keys(.delete)
        #expect(screen.contains("共 39 项") && screen.contains("合计 480.00"), "\(screen)")
        // Settled, the stored bill is the one on screen.
        desk.keys(.escape, .function(9), .enter)
        let settled = try #require(try desk.app.desk?.showPerson(DeskHarness.tashi).settlements.last)
        #expect(settled.total == Money(fen: 48_000))
    }

    @Test func eachMistakeNamesThePartOfTheLineThatIsWrong() throws {
        let desk = try settlementScreen()
        desk.type("药品 B"); #expect(desk.keys(.enter).contains("三部分以空格分开"))
        desk.keys(.control("u")); desk.type("药品 D 12"); #expect(desk.keys(.enter).contains("类别「D」应为 A、B 或 C"))
        desk.keys(.control("u")); desk.type("药品 B 12.345"); #expect(desk.keys(.enter).contains("金额「12.345」应为元"))
        desk.keys(.control("u")); desk.type("药品 B 1,00"); #expect(desk.keys(.enter).contains("金额「1,00」应为元"))
        desk.keys(.control("u")); desk.type("药品 B 0"); #expect(desk.keys(.enter).contains("金额应大于 0"))
        // A grouped amount and a lower-case category are what bills print and clerks type: both taken.
        desk.keys(.control("u")); desk.type("床位费 a 1,000")
        var screen = desk.keys(.enter)
        #expect(screen.contains("共 1 项") && screen.contains("1,000.00"), "\(screen)")
        // What a Chinese input method types: full-width letters, digits and space, and 甲/乙/丙 for the category.
        desk.type("药品　Ｂ　１２０．５０"); screen = desk.keys(.enter)
        #expect(screen.contains("共 2 项") && screen.contains("120.50"), "\(screen)")
        desk.type("检查费 丙 80"); screen = desk.keys(.enter)
        #expect(screen.contains("共 3 项") && screen.contains("80.00"), "\(screen)")
    }

    @Test func removingTheItemBeingEditedTakesItsTextAwayAndATypedLineIsNeverOverwritten() throws {
        let desk = try settlementScreen()
        for n in 1...3 { desk.type("药品\(n) B 10"); desk.keys(.enter) }
        // Item 3 to the entry line, then removed while being edited: the entry line empties, nothing comes back.
        desk.keys(.up, .enter, .up)
        var screen = desk.keys(.delete)
        #expect(screen.contains("共 2 项") && screen.contains("合计 20.00"), "\(screen)")
        screen = desk.keys(.escape, .enter)
        #expect(screen.contains("共 2 项"), "the removed item came back:\n\(screen)")
        // A new line half typed stays when another item is chosen and Enter pressed.
        desk.type("床位费 A 50")
        desk.keys(.up)
        screen = desk.keys(.enter)
        #expect(screen.contains("新增行上已有内容"), "\(screen)")
        screen = desk.keys(.escape, .enter)
        #expect(screen.contains("共 3 项") && screen.contains("床位费"), "\(screen)")
    }
}

