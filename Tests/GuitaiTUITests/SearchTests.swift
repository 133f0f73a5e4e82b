import GuitaiCore
import GuitaiDesk
import Testing
import TerminalKit
@testable import GuitaiTUI

/// Finding people as clerks type: pinyin-initial prefixes, names with or without their dot, a mistyped ID number
/// explained at once; and what another counter wrote on the next screen.
@Suite struct SearchTests {
    private func found(_ query: String) throws -> String? {
        let desk = try DeskHarness()
        desk.login()
        desk.type(query); desk.keys(.enter)
        return desk.app.citizen?.person.name
    }

    @Test func initialsTypedSoFarFindTheNamesThatBeginWithThem() throws {
        #expect(try found("zx") == "扎西·平措")
        #expect(try found("zxp") == "扎西·平措")
        #expect(try found("zmy") == "卓玛央金")
        #expect(try found("zxpc") == "扎西·平措")
        // Initials that no name begins with find no one (xp is inside 扎西·平措, not at its start).
        #expect(try found("xp") == nil)
    }

    @Test func aNameIsFoundWithoutItsDotOrWithAnyDotClerksType() throws {
        for query in ["扎西平措", "扎西.平措", "扎西•平措", "扎西・平措", "扎西·平措", "平措"] {
            #expect(try found(query) == "扎西·平措", "\(query)")
        }
    }

    @Test func aMistypedFullIDNumberSaysWhatIsWrongAtOnce() throws {
        let desk = try DeskHarness()
        desk.login()
        var wrong = Array(DeskHarness.tashi)
        wrong[17] = wrong[17] == "1" ? "2" : "1"
        desk.type(String(wrong))
        let screen = desk.keys(.enter)
        #expect(screen.contains("校验位应为 \(DeskHarness.tashi.last.map(String.init) ?? "")"), "\(screen)")
        #expect(!screen.contains("没有找到"))
    }

    @Test func whatAnotherCounterWroteShowsOnTheNextScreen() throws {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        #expect(desk.keys(.function(3)).contains("社保卡：未登记"))
        // Another counter registers the card.
        let other = try Desk.open(storePath: desk.storePath, operatorID: "ciren", password: "super-password",
                                  clock: FixedClock(date: DeskHarness.today), counter: "4", resources: DeskHarness.resources)
        _ = try other.registerCard(idNumber: DeskHarness.tashi, number: "B98765432")
        let next = desk.keys(.escape, .function(3))
        #expect(next.contains("B98765432"), "\(next)")
    }
}
