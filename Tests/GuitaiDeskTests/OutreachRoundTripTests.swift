import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// Issue 10: a laptop taken out, a week of work offline, brought home once, and received again without a change.
@Suite struct OutreachRoundTripTests {
    let cidan = DeskFixture.id(born: "1960-01-01", sequence: 125)
    let dawa = DeskFixture.id(born: "1970-05-04", sequence: 231)
    let passphrase = OutreachFixture.passphrase

    @Test func aWeekOfWorkComesHomeOnceAndAgainChangesNothing() throws {
        let f = try OutreachFixture()
        let monday = try f.laptop(on: DeskFixture.day("2023-06-05"))
        #expect(monday.store.hall.outreachDevice == "D1")
        // The pensioner came out with the laptop, with his benefit.
        #expect(try monday.showPerson(f.tashi).person.name == "扎西·平措")

        // Monday at a village: a venue, an event, a home certification and a new person registered and enrolled.
        _ = try monday.addVenue(name: "扎西岗村", kind: "village", regionCode: "540102")
        _ = try monday.openEvent(venue: "扎西岗村")
        let (_, certified) = try monday.certify(idNumber: f.tashi, method: "home", reference: nil)
        let (_, registered) = try monday.addPerson(PersonForm(idNumber: cidan, name: "次旦"))
        _ = try monday.enrol(EnrolmentForm(idNumber: cidan, scheme: "resident-medical"))
        _ = try monday.closeEvent(participants: 62, leaflets: 80)
        // Every laptop serial carries the hall code and the device code.
        #expect(certified.hasPrefix("540102D120230605") && registered.hasPrefix("540102D120230605"))

        // Thursday at a monastery: a card and a person registered.
        let thursday = try f.reopen(monday, on: DeskFixture.day("2023-06-08"))
        _ = try thursday.addVenue(name: "色拉寺", kind: "monastery", regionCode: nil)
        _ = try thursday.openEvent(venue: "色拉寺")
        _ = try thursday.registerCard(idNumber: cidan, number: "A12345678")
        _ = try thursday.addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        _ = try thursday.closeEvent(participants: 30, leaflets: 45)
        #expect(try thursday.outreachTrip()?.days == 3)  // days since; the screens say day 4
        #expect(try thursday.outreachTrip()?.waiting ?? 0 >= 10)
        #expect(try thursday.verify().problems.isEmpty)

        // Friday: home.
        let friday = try f.reopen(monday, on: DeskFixture.day("2023-06-09"))
        let done = try friday.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle")
        #expect(try friday.outreachTrip()?.waiting == 0)
        let supervisor = try f.supervisor(on: DeskFixture.day("2023-06-09"))
        let first = try supervisor.receive(bundle: done.bundle, passphrase: passphrase)
        let details = try supervisor.reviews().map(\.detail)
        #expect(first.applied.count == done.entries && first.skipped.isEmpty && first.conflicts.isEmpty, "\(details)")

        // The hall now has what was done: the person, the enrolment, the card, the certification, under the laptop's serials.
        let hallDesk = try f.hall.desk(on: DeskFixture.day("2023-06-09"))
        let shown = try hallDesk.showPerson(cidan)
        #expect(shown.person.name == "次旦" && shown.enrolments.map(\.enrolment.scheme) == [.residentMedical])
        #expect(try hallDesk.showPerson(f.tashi).certifications.map(\.method) == [.home])
        #expect(try supervisor.store.read { try $0.journalEntry(serial: certified)?.kind } == "certify")
        #expect(try supervisor.verify().problems.isEmpty)
        // The hall's list of laptops says what came home and when.
        let d1 = try #require(try supervisor.outreachDevices().first)
        #expect(d1.broughtHome == done.entries && d1.lastReceivedOn == "2023-06-09" && d1.openReviews == 0)

        // The campaign's figures came home too.
        let report = try hallDesk.activityReport(from: nil, to: nil)
        #expect(report.venues == 2 && report.events == 2 && report.participants == 92 && report.leaflets == 125)
        #expect(report.venuesByKind.map(\.kind) == ["monastery", "village"])
        let counted = Dictionary(uniqueKeysWithValues: report.transactionsByKind.map { ($0.kind, $0.count) })
        #expect(counted == ["certify": 1, "person.add": 2, "enrol": 1, "card.register": 1])

        // The same bundle again: nothing applied, everything skipped, nothing written.
        let before = try OutreachFixture.fingerprint(f.hall.path)
        let again = try supervisor.receive(bundle: done.bundle, passphrase: passphrase)
        #expect(again.applied.isEmpty && again.skipped.count == done.entries && again.repeated)
        #expect(try OutreachFixture.fingerprint(f.hall.path) == before)

        // A second return from the same laptop carries everything again; the hall takes only what is new.
        _ = try friday.registerCard(idNumber: dawa, number: "A23456789")
        let second = try friday.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle")
        let received = try supervisor.receive(bundle: second.bundle, passphrase: passphrase)
        #expect(received.skipped.count == done.entries)
        #expect(received.applied.count == second.entries - done.entries)
        #expect(try supervisor.verify().problems.isEmpty)
        #expect(try friday.verify().problems.isEmpty)
    }

    @Test func twoLaptopsOutAtOnceNeverCollide() throws {
        let f = try OutreachFixture()
        let one = try f.laptop("笔记本一")
        let two = try f.laptop("笔记本二")
        #expect(one.store.hall.outreachDevice == "D1" && two.store.hall.outreachDevice == "D2")
        // Both laptops' first business of the day: the same sequence number, never the same serial.
        let (_, a) = try one.addPerson(PersonForm(idNumber: cidan, name: "次旦"))
        let (_, b) = try two.addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        #expect(a != b && a.dropFirst(8) == b.dropFirst(8))
        let supervisor = try f.supervisor()
        let fromTwo = try supervisor.receive(bundle: try two.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle, passphrase: passphrase)
        let fromOne = try supervisor.receive(bundle: try one.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle, passphrase: passphrase)
        #expect(fromOne.conflicts.isEmpty && fromTwo.conflicts.isEmpty)
        #expect(try supervisor.findPersons("次旦").count == 1 && supervisor.findPersons("达瓦").count == 1)
        #expect(try supervisor.verify().problems.isEmpty)
        // One laptop's bundle is signed by its own key: received as the other's device it is refused.
        #expect(try supervisor.outreachDevices().map(\.code) == ["D2", "D1"])
    }

    @Test func onlyTheHallDoesWhatNeedsTheHall() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        let bill = DeskFixture.items([("检查费", "A", "300.00")])
        // The preview works offline; settling, payment runs and reversals say they are the hall's.
        #expect(try laptop.settle(SettleForm(idNumber: f.tashi, visit: "outpatient", level: "1", itemsJSON: bill), preview: true).result.total
                    == Money(fen: 30_000))
        #expect(DeskFixture.refusal { _ = try laptop.settle(SettleForm(idNumber: f.tashi, visit: "outpatient", level: "1", itemsJSON: bill)) }?.code
                    == "needs-hall")
        let (_, serial) = try laptop.certify(idNumber: f.tashi, method: "home", reference: nil)
        #expect(DeskFixture.refusal { _ = try laptop.reverseWithApproval(serial, supervisorID: "ciren", password: "super-password", reason: "x") }?.code
                    == "needs-hall")
        #expect(DeskFixture.refusal { _ = try laptop.checkoutLaptop(name: "再带", regionPrefix: "", dueWithin: nil, passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle") }?.code
                    == "needs-hall")
        // A return is a laptop's; a take-out is not received at the hall.
        #expect(DeskFixture.refusal { _ = try f.hall.desk().returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle") }?.code == "needs-laptop")
    }

    @Test func aReversedSettlementStaysHomeAndTheLaptopsSettlementsAreTheOnesInForce() throws {
        let f = try OutreachFixture()
        let clerk = try f.hall.desk()
        _ = try clerk.enrol(EnrolmentForm(idNumber: f.tashi, scheme: "resident-medical", from: "2023-01-01"))
        let bill = DeskFixture.items([("检查费", "A", "300.00")])
        let kept = try clerk.settle(SettleForm(idNumber: f.tashi, visit: "outpatient", level: "1", itemsJSON: bill))
        let wrong = try clerk.settle(SettleForm(idNumber: f.tashi, visit: "outpatient", level: "1", itemsJSON: bill))
        // The reversal names its approver, 次仁, whose account does not travel: the take-out still opens.
        _ = try f.supervisor().reverseSettlement(wrong.serial ?? "", reason: "录入错误")
        let laptop = try f.laptop()
        #expect(try laptop.showPerson(f.tashi).settlements.map(\.serial) == [kept.serial ?? ""])
        #expect(try laptop.verify().problems.isEmpty)
    }

    @Test func theTakeOutCarriesOnlyThePeopleTheTripNeeds() throws {
        let f = try OutreachFixture()
        let hallDesk = try f.hall.desk()
        _ = try hallDesk.addPerson(PersonForm(idNumber: DeskFixture.id(born: "1980-02-02", sequence: 11, region: "540121"), name: "格桑",
                                              regionCode: "540121"))
        _ = try hallDesk.addPerson(PersonForm(idNumber: cidan, name: "次旦"))
        // Due within 30 days: only the pensioner (overdue) goes, not the others.
        let due = try f.laptop("认证专用", dueWithin: 30)
        #expect(try due.store.read { try $0.count("persons") } == 1)
        #expect(try due.showPerson(f.tashi).person.name == "扎西·平措")
        // By region: the people of 540121 only.
        let checkout = try hallDesk.checkoutLaptop(name: "林周", regionPrefix: "540121", dueWithin: nil, passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle")
        #expect(checkout.device.people == 1)
        // The operator who went opens it with her own password; anyone else, or another password, is refused.
        #expect(DeskFixture.refusal {
            _ = try Desk.openLaptop(bundle: checkout.bundle, passphrase: passphrase, storePath: f.directory + "/other.sqlite", operatorID: "ciren",
                                    password: "super-password", clock: f.hall.clock, resources: DeskFixture.resources)
        }?.code == "authentication-failed")
        #expect(!FileManager.default.fileExists(atPath: f.directory + "/other.sqlite"))
    }
}
