import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit
import TestSupport
import Testing
@testable import GuitaiTUI

/// Issue 10, item 6: checkout, receive and the review queue at the hall, the trip and its register on the laptop, all
/// on F7, at 80x24 in both languages.
@Suite struct OutreachScreenTests {
    static let passphrase = "雪域高原 2023 outreach"
    let yangjin = GB11643.number(region: "540102", birth: "19850304", sequence: 123)

    /// No row below the header is cut (the desk marks a cut with `~`; a long hall name in the header gives way by design).
    private func uncut(_ screen: String) -> Bool { !screen.split(separator: "\n").dropFirst().contains { $0.contains("~") } }

    /// A laptop store made at `path` from a take-out of the harness's hall, for 卓玛.
    private func laptop(of hall: DeskHarness, at path: String) throws -> Desk {
        let clock = FixedClock(date: DeskHarness.today)
        let clerk = try Desk.open(storePath: hall.storePath, operatorID: "zhuoma", password: "clerk-password", clock: clock,
                                  resources: DeskHarness.resources)
        let checkout = try clerk.checkoutLaptop(name: "笔记本一", regionPrefix: "", dueWithin: nil, passphrase: Self.passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle")
        return try Desk.openLaptop(bundle: checkout.bundle, passphrase: Self.passphrase, storePath: path, operatorID: "zhuoma",
                                   password: "clerk-password", clock: clock, resources: DeskHarness.resources)
    }

    @Test(arguments: [Language.zh, .en])
    func aClerkChecksALaptopOutOnTheDesk(language: Language) throws {
        let desk = try DeskHarness(language: language)
        desk.login()
        let panel = desk.keys(.function(7))
        #expect(panel.contains(desk.app.catalogue("outreach.none")) && uncut(panel), "\(panel)")
        desk.keys(.character("c"))
        desk.type("笔记本一"); desk.keys(.enter, .enter, .enter)
        let file = (desk.storePath as NSString).deletingLastPathComponent + "/trip.bundle"
        desk.keys(.control("u")); desk.type(file); desk.keys(.enter)
        desk.type("passphrase-1"); desk.keys(.enter)
        // Two passphrases that differ are refused; the same twice goes to the confirmation.
        desk.type("passphrase-2")
        #expect(desk.keys(.enter).contains(desk.app.catalogue("outreach.passphrase.mismatch")))
        desk.type("passphrase-1")
        let confirm = desk.keys(.enter)
        #expect(confirm.contains("trip.bundle") && uncut(confirm), "\(confirm)")
        let receipt = desk.keys(.enter)
        #expect(desk.isReceipt(receipt, of: try desk.lastTransaction()) && receipt.contains("(D1)"), "\(receipt)")
        #expect(try desk.lastTransaction()?.kind == "outreach.checkout")
        // The bundle opens on a laptop with the passphrase and her password.
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        let laptop = try Desk.openLaptop(bundle: data, passphrase: "passphrase-1", storePath: file + ".sqlite", operatorID: "zhuoma",
                                         password: "clerk-password", clock: FixedClock(date: DeskHarness.today), resources: DeskHarness.resources)
        #expect(try laptop.store.read { try $0.count("persons") } == 2)
        // Back on the list, the laptop is there; a second checkout to the same file is refused before anything is written.
        let list = desk.keys(.escape)
        #expect(list.contains("D1") && list.contains("笔记本一"), "\(list)")
        desk.keys(.character("c")); desk.type("笔记本二"); desk.keys(.enter, .enter, .enter, .control("u")); desk.type(file)
        desk.keys(.enter); desk.type("passphrase-1"); desk.keys(.enter); desk.type("passphrase-1"); desk.keys(.enter)
        let refused = desk.keys(.enter)
        #expect(try refused.contains("trip.bundle") && desk.app.desk?.outreachDevices().count == 1, "\(refused)")
    }

    @Test(arguments: [Language.zh, .en])
    func theLaptopShowsItsTripAndKeepsItsRegister(language: Language) throws {
        let hall = try DeskHarness(language: language)
        let laptopPath = (hall.storePath as NSString).deletingLastPathComponent + "/laptop.sqlite"
        let laptop = try laptop(of: hall, at: laptopPath)
        let desk = try DeskHarness(language: language, existingStore: laptopPath)
        _ = try laptop.addPerson(PersonForm(idNumber: yangjin, name: "央金"))
        desk.login()
        let home = desk.keys(.function(7))
        // The header names the laptop, the day of the trip and what waits to go home.
        let header = String(home.split(separator: "\n").first ?? "")
        #expect(header.contains(desk.app.catalogue("mode.outreach", "D1", "1", "1")), "\(header)")
        #expect(uncut(home), "\(home)")
        // A venue, chosen by kind number; an event opened there, then closed with its counts.
        desk.keys(.character("n")); desk.type("色拉寺"); desk.keys(.enter); desk.type("5"); desk.keys(.enter, .enter)
        #expect(desk.keys(.enter).contains(desk.app.catalogue("outreach.kind.monastery")))
        desk.keys(.escape, .character("e")); desk.type("色拉寺"); desk.keys(.enter)
        #expect(desk.isReceipt(desk.keys(.enter), of: try desk.lastTransaction()))
        desk.keys(.escape, .character("e")); desk.type("35"); desk.keys(.enter); desk.type("40"); desk.keys(.enter)
        desk.keys(.enter)
        let register = desk.keys(.escape)
        #expect(register.contains(desk.app.catalogue("outreach.report.line", "1", "1", "35", "40")) && uncut(register), "\(register)")
        // The return bundle, written where the form says.
        let file = (desk.storePath as NSString).deletingLastPathComponent + "/return.bundle"
        desk.keys(.character("r"), .control("u")); desk.type(file); desk.keys(.enter)
        desk.type(Self.passphrase); desk.keys(.enter); desk.type(Self.passphrase); desk.keys(.enter)
        #expect(desk.isReceipt(desk.keys(.enter), of: try desk.lastTransaction()))
        #expect(FileManager.default.fileExists(atPath: file))
        #expect(try laptop.outreachTrip()?.waiting == 0)
        // Settling is the hall's, and the desk says so: the totals are a preview, F9 names where it is done.
        desk.keys(.escape, .escape)
        desk.type("zxpc"); desk.keys(.enter)
        let settle = desk.keys(.function(5))
        #expect(settle.contains(desk.app.catalogue("settle.hint.laptop")), "\(settle)")
        desk.type("检查费 A 300"); desk.keys(.enter)
        // F9 shows the preview slip, and says the settling is the hall's; nothing is recorded.
        let before = try desk.lastTransaction()?.serial
        let preview = desk.keys(.function(9))
        #expect(preview.contains("300.00") && preview.contains(String(desk.app.catalogue(Outreach.needsHall(Bilingual(
            zh: "医疗费用结算（这是试算）", en: "settling a bill (this is a preview)")).message).prefix(10))), "\(preview)")
        #expect(try desk.lastTransaction()?.serial == before)
    }

    @Test(arguments: [Language.zh, .en])
    func theSupervisorSeesBothVersionsSideBySideAndDecides(language: Language) throws {
        let desk = try DeskHarness(language: language)
        let laptopPath = (desk.storePath as NSString).deletingLastPathComponent + "/laptop.sqlite"
        let laptop = try laptop(of: desk, at: laptopPath)
        _ = try laptop.addPerson(PersonForm(idNumber: yangjin, name: "央金·卓嘎", phone: "13800000001"))
        let clock = FixedClock(date: DeskHarness.today)
        let clerk = try Desk.open(storePath: desk.storePath, operatorID: "zhuoma", password: "clerk-password", clock: clock,
                                  resources: DeskHarness.resources)
        _ = try clerk.addPerson(PersonForm(idNumber: yangjin, name: "央金·卓嘎", phone: "13900000002"))
        let file = laptopPath + ".bundle"
        try laptop.returnBundle(passphrase: Self.passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle.write(to: URL(fileURLWithPath: file))
        // The supervisor receives it on the desk: one record queued.
        desk.type("ciren"); desk.keys(.enter); desk.type("super-password"); desk.keys(.enter)
        desk.keys(.function(7), .character("r")); desk.type(file); desk.keys(.enter); desk.type(Self.passphrase); desk.keys(.enter)
        let received = desk.keys(.enter)
        #expect(desk.isReceipt(received, of: try desk.lastTransaction()) && received.contains("540102D1"),
                "\(received)")
        let list = desk.keys(.escape)
        #expect(list.contains(desk.app.catalogue("outreach.reviews.waiting", "1")), "\(list)")
        let queue = desk.keys(.character("v"))
        let rows = queue.split(separator: "\n").map(String.init)
        let phone = try #require(rows.first { $0.contains("13800000001") })
        #expect(phone.contains("13900000002"), "\(queue)")
        #expect(rows.contains { $0.contains(desk.app.catalogue("review.laptop")) && $0.contains(desk.app.catalogue("review.hall")) })
        #expect(queue.contains(desk.app.catalogue("review.person", "央金·卓嘎", ResidentID(stored: yangjin)?.masked ?? "")), "\(queue)")
        desk.keys(.character("h"))
        let decided = desk.keys(.enter)
        #expect(desk.isReceipt(decided, of: try desk.lastTransaction()) && decided.contains("次仁 (ciren)"), "\(decided)")
        #expect(desk.keys(.escape).contains(desk.app.catalogue("review.empty")))
        // The same bundle again: nothing written, and the desk says so rather than printing a receipt.
        let journal = try desk.lastTransaction()?.serial
        desk.keys(.escape, .character("r")); desk.type(file); desk.keys(.enter); desk.type(Self.passphrase); desk.keys(.enter)
        let again = desk.keys(.enter)
        #expect(again.contains(desk.app.catalogue("outreach.receive.repeated", "D1", "1").prefix(12)) && !again.contains("540102D1"), "\(again)")
        #expect(try desk.lastTransaction()?.serial == journal)
    }
}

/// Issue 10, item 6: "open" from the desk, on a laptop with no store yet.
@Suite struct OpenTakeOutScreenTests {
    @Test(arguments: [Language.zh, .en])
    func aLaptopWithNoStoreOpensItsTakeOutFromTheFirstRunScreen(language: Language) throws {
        let hall = try DeskHarness(language: language)
        let clerk = try Desk.open(storePath: hall.storePath, operatorID: "zhuoma", password: "clerk-password",
                                  clock: FixedClock(date: DeskHarness.today), resources: DeskHarness.resources)
        let file = (hall.storePath as NSString).deletingLastPathComponent + "/d1.bundle"
        _ = try clerk.checkoutLaptop(name: "笔记本一", regionPrefix: "", dueWithin: nil, passphrase: OutreachScreenTests.passphrase, to: file)
        let laptop = try DeskHarness(language: language, createStore: false)
        let first = laptop.screen
        #expect(first.contains("F8") && !first.split(separator: "\n").dropFirst().contains { $0.contains("~") }, "\(first)")
        let form = laptop.keys(.function(8))
        #expect(form.contains(laptop.app.catalogue("takeout.title")), "\(form)")
        laptop.type(file); laptop.keys(.enter); laptop.type(OutreachScreenTests.passphrase); laptop.keys(.enter)
        // Another operator's password is refused, and nothing is made.
        laptop.type("zhuoma"); laptop.keys(.enter); laptop.type("wrong-password")
        laptop.keys(.enter)
        #expect(!FileManager.default.fileExists(atPath: laptop.storePath))
        laptop.keys(.up); laptop.keys(.up); laptop.type(OutreachScreenTests.passphrase); laptop.keys(.enter, .enter); laptop.type("clerk-password")
        let home = laptop.keys(.enter)
        #expect(home.contains(laptop.app.catalogue("mode.outreach", "D1", "1", "0")), "\(home)")
        #expect(laptop.app.desk?.store.hall.outreachDevice == "D1")
    }
}
