import GuitaiCore
import Testing
import TerminalKit
import TestSupport
@testable import GuitaiTUI

/// Every screen of the desk at 80x24 and 120x40, in Chinese and English: no value cut, no line run into the edge, and no
/// ambiguous-width character in the frame, hints or tables (they run double on terminals in CJK mode).
@Suite struct EveryScreenTests {
    /// The names in the harness's store: data, which keeps its `·`.
    private static let names = ["扎西·平措", "卓玛央金"]

    /// What is wrong with the frame now shown, in words a failure can print.
    private func problems(_ desk: DeskHarness, _ step: String) -> [String] {
        guard let frame = desk.frame else { return ["\(step): the window is below the desk's size"] }
        var found = frame.cuts.map { "\(step): cut at row \($0.y): \($0.text)" }
        let fullWidth = desk.app.stack.last?.usesFullWidth ?? false
        for y in 1..<(frame.height - 1) {
            let edge = frame[frame.width - 1, y].text
            // The frame's rule under the citizen line is meant to reach the edge.
            let isRule = !frame.row(y).isEmpty && frame.row(y).allSatisfy { $0 == "-" }
            if !fullWidth, !isRule, edge != " ", edge != "~" { found.append("\(step): row \(y) runs into the edge: \(frame.row(y))") }
            var row = frame.row(y)
            for name in Self.names { row = row.replacingOccurrences(of: name, with: "") }
            let ambiguous = AmbiguousWidth.characters(in: row)
            if !ambiguous.isEmpty { found.append("\(step): row \(y) holds ambiguous-width \(String(ambiguous)): \(row)") }
        }
        return found
    }

    /// Walks the desk through its screens, checking each.
    private func walk(width: Int, height: Int, language: Language) throws -> [String] {
        var found: [String] = []
        let first = try DeskHarness(width: width, height: height, language: language, createStore: false)
        first.send([.tick])
        found += problems(first, "first run")

        let desk = try DeskHarness(width: width, height: height, language: language)
        desk.send([.tick])
        found += problems(desk, "login")
        desk.login()
        found += problems(desk, "home")
        desk.keys(.function(1))
        found += problems(desk, "help")
        desk.keys(.escape)
        desk.type(GB11643.number(region: "540102", birth: "19800101", sequence: 555)); desk.keys(.enter, .enter)
        found += problems(desk, "register")
        desk.keys(.escape, .function(6))
        desk.type("zxpc"); desk.keys(.enter)
        found += problems(desk, "home, a citizen found")
        desk.keys(.function(2))
        for choice in 0..<7 {
            found += problems(desk, "enrolment, choice \(choice + 1)")
            desk.keys(.down)
        }
        desk.keys(.function(3))
        found += problems(desk, "card")
        desk.keys(.character("1")); desk.type("A12345678"); desk.keys(.enter)
        found += problems(desk, "card, confirmation")
        desk.keys(.enter)
        found += problems(desk, "card, receipt")
        desk.keys(.escape, .character("2"))
        found += problems(desk, "card, e-card issue form")
        desk.keys(.escape, .function(5))
        for n in 1...40 { desk.type("药品\(n) B 850.80"); desk.keys(.enter) }
        desk.keys(.control("v"), .control("l"), .control("l"), .control("o"))
        found += problems(desk, "settlement, 40 items")
        desk.send(Array(repeating: .key(.up), count: 20))
        found += problems(desk, "settlement, item 20 chosen")
        desk.keys(.escape, .function(10))
        found += problems(desk, "quit question")
        desk.keys(.escape)
        desk.keys(.function(9))
        found += problems(desk, "settlement, confirmation")
        desk.keys(.enter)
        found += problems(desk, "settlement slip")
        desk.keys(.function(8))
        found += problems(desk, "receipts")
        desk.keys(.character("R"))
        found += problems(desk, "reversal")
        desk.keys(.escape)
        desk.keys(.function(6))
        desk.type("zmyj"); desk.keys(.enter, .function(4))
        found += problems(desk, "certification")
        desk.keys(.character("3"))
        found += problems(desk, "certification, video form")
        desk.keys(.escape, .character("d"))
        found += problems(desk, "due list")
        desk.keys(.escape, .function(12))
        found += problems(desk, "lock")

        let admin = try DeskHarness(width: width, height: height, language: language)
        admin.type("admin"); admin.keys(.enter); admin.type("admin-password"); admin.keys(.enter, .function(7))
        found += problems(admin, "operators")
        admin.keys(.character("P"))
        found += problems(admin, "operators, new password")
        return found
    }

    @Test(arguments: [(80, 24, Language.zh), (80, 24, .en), (120, 40, .zh), (120, 40, .en)])
    func everyScreenShowsEveryValueWhole(size: (Int, Int, Language)) throws {
        let found = try walk(width: size.0, height: size.1, language: size.2)
        #expect(found.isEmpty, "\(size.0)x\(size.1) \(size.2):\n\(found.joined(separator: "\n"))")
    }

    /// A hall name of forty characters gives way in the header: the window, operator and business date always show.
    @Test(arguments: [Language.zh, .en])
    func aLongHallNameNeverPushesTheOperatorOrDateOffTheHeader(language: Language) throws {
        let desk = try DeskHarness(language: language, hallName: String(repeating: "西藏自治区", count: 8))
        desk.login()
        let header = try #require(desk.screen.split(separator: "\n").first)
        #expect(header.contains("卓玛"), "\(header)")
        #expect(header.contains("2023-06-01"), "\(header)")
        #expect(header.contains(desk.app.catalogue("top.window", "3")), "\(header)")
        #expect(header.contains("西藏自治区西藏自治区"))
        #expect(header.contains("~"), "the cut hall name is not marked: \(header)")
    }
}
