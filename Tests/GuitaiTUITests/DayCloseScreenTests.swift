import Foundation
import GuitaiCore
import GuitaiDesk
import Testing
import TerminalKit
import TestSupport
@testable import GuitaiTUI

/// Closing the day from the desk: the clerk is told who closes, the supervisor closes, and the counter then says the
/// day is closed instead of recording anything.
@Suite struct DayCloseScreenTests {
    @Test(arguments: [Language.zh, .en])
    func aSupervisorClosesTheDayAndTheCounterStops(language: Language) throws {
        let clerk = try DeskHarness(language: language)
        clerk.login()
        let own = clerk.keys(.function(8), .character("D"))
        // A clerk sees their own day: the three registrations and the enrolment of the harness.
        #expect(own.contains(language == .zh ? "操作员：卓玛 (zhuoma)" : "Operator: 卓玛 (zhuoma)"))
        let refused = clerk.keys(.character("C"))
        #expect(refused.contains(language == .zh ? "日结须由复核员登录后办理" : "A supervisor closes the day"))
        #expect(try clerk.app.desk?.dayReport().close == nil)

        let supervisor = try DeskHarness(language: language, existingStore: clerk.storePath)
        supervisor.type("ciren"); supervisor.keys(.enter); supervisor.type("super-password"); supervisor.keys(.enter)
        supervisor.keys(.function(8), .character("D"), .character("C"))
        let closed = supervisor.keys(.enter)
        let close = try #require(try supervisor.app.desk?.dayReport().close)
        #expect(closed.contains(close.serial))
        #expect(try supervisor.lastTransaction()?.kind == "day.close")

        // Back at the counter, registering someone is refused in plain words, and nothing is written.
        let before = try clerk.app.desk?.store.contentDigest()
        clerk.keys(.escape, .escape)
        clerk.type(GB11643.number(region: "540102", birth: "19800101", sequence: 555)); clerk.keys(.enter, .enter)
        clerk.type("次仁多吉")
        let refusal = clerk.keys(.enter, .enter, .enter, .enter, .enter)
        #expect(refusal.contains(language == .zh ? "2023-06-01 已日结" : "2023-06-01 is closed"), "\(refusal)")
        #expect(try clerk.app.desk?.store.contentDigest() == before)
    }
}
