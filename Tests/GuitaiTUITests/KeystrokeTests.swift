import Foundation
import Testing
@testable import GuitaiTUI

/// Counts the keys a clerk presses to complete each procedure for a citizen already registered and found, so
/// docs/keystrokes.md can say it: no field asks for what the ID number or the record already knows.
@Suite struct KeystrokeTests {
    private func foundCitizen() throws -> DeskHarness {
        let desk = try DeskHarness()
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        desk.resetCount()
        return desk
    }

    @Test func enrolmentInResidentMedicalTakesFourKeys() throws {
        let desk = try foundCitizen()
        desk.keys(.function(2), .down, .down, .enter)
        let receipt = desk.keys(.enter)
        #expect(receipt.contains("回执"))
        #expect(desk.keystrokes == 5)
    }

    @Test func anOutpatientBillOfOneItemTakesTheItemAndThreeKeys() throws {
        let desk = try foundCitizen()
        desk.keys(.function(2), .down, .down, .enter, .enter, .escape)
        desk.resetCount()
        desk.keys(.function(5))
        let item = "药品 A 120"
        desk.type(item)
        desk.keys(.enter, .function(9))
        let slip = desk.keys(.enter)
        #expect(slip.contains("医疗费用一站式结算单"))
        #expect(desk.keystrokes == item.count + 4)
    }
}
