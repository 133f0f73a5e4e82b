import Foundation
import Testing
@testable import GuitaiTUI

/// Whole screens compared as text with the files in `Screens/` (the way tig tests), at 80x24 and 120x40.
/// `GUITAI_RECORD_SCREENS=1 swift test --filter WholeScreenTests` rewrites the files; look at them before committing.
@Suite struct WholeScreenTests {
    private func compare(_ screen: String, with name: String) throws {
        let url = DeskHarness.root.appendingPathComponent("Tests/GuitaiTUITests/Screens/\(name).txt")
        if ProcessInfo.processInfo.environment["GUITAI_RECORD_SCREENS"] == "1" {
            try (screen + "\n").write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(name).txt: check it and run again without GUITAI_RECORD_SCREENS")
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(screen + "\n" == expected, "\(name) differs:\n\(screen)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theDeskWithACitizenFound(size: (Int, Int)) throws {
        let desk = try DeskHarness(width: size.0, height: size.1)
        desk.login()
        desk.type("zxpc")
        try compare(desk.keys(.enter), with: "home-\(size.0)x\(size.1)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func theEnrolmentScreen(size: (Int, Int)) throws {
        let desk = try DeskHarness(width: size.0, height: size.1)
        desk.login()
        desk.type("zxpc")
        desk.keys(.enter)
        try compare(desk.keys(.function(2)), with: "enrol-\(size.0)x\(size.1)")
    }

    @Test func theSettlementSlipAt80x24() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter, .function(2), .down, .down, .enter, .enter, .escape)
        desk.keys(.function(5), .control("v"), .control("l"), .control("l"))
        desk.type("床位费 A 3000"); desk.keys(.enter)
        desk.type("药品 B 50000"); desk.keys(.enter)
        try compare(desk.screen, with: "settle-80x24")
    }
}
