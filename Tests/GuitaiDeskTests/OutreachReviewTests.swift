import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// Issue 10, item 4: what was done on both sides goes to a supervisor, never merged silently; the decision is journaled.
@Suite struct OutreachReviewTests {
    let dawa = DeskFixture.id(born: "1970-05-04", sequence: 231)
    let passphrase = OutreachFixture.passphrase

    @Test func theSamePersonMadeAtTheHallAndOnALaptopWaitsForASupervisor() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        // Registered on the laptop, enrolled there; registered at the hall meanwhile with another phone number.
        let (_, made) = try laptop.addPerson(PersonForm(idNumber: dawa, name: "达瓦", phone: "13800000001"))
        let enrolled = try laptop.enrol(EnrolmentForm(idNumber: dawa, scheme: "resident-medical")).serial
        _ = try f.hall.desk().addPerson(PersonForm(idNumber: dawa, name: "达瓦", phone: "13900000002"))
        let supervisor = try f.supervisor()
        let report = try supervisor.receive(bundle: try laptop.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle, passphrase: passphrase)
        #expect(report.conflicts.map(\.serial) == [made, enrolled] && report.conflicts.allSatisfy { $0.reason == "same-person" })
        // Nothing of it is at the hall yet: one 达瓦, the hall's, not enrolled.
        #expect(try supervisor.showPerson(dawa).person.phone == "13900000002")
        #expect(try supervisor.showPerson(dawa).enrolments.isEmpty)

        #expect(try supervisor.outreachDevices().first?.openReviews == 1)
        // Both versions side by side.
        let item = try #require(try supervisor.reviews().first)
        #expect(item.laptop.first { $0.table == "persons" }?.values?["phone"] == .text("13800000001"))
        #expect(item.hall.first { $0.table == "persons" }?.values?["phone"] == .text("13900000002"))
        // One ID number is one person: keeping both is refused.
        #expect(DeskFixture.refusal { _ = try supervisor.decideReview(item.uuid, decision: .both) }?.code == "not-different-people")
        // Keep the laptop's details: the hall's record takes them, and the laptop's enrolment lands on it.
        let (decided, serial) = try supervisor.decideReview(String(item.uuid.prefix(8)), decision: .laptop)
        #expect(decided.state == "kept-laptop")
        #expect(try supervisor.showPerson(dawa).person.phone == "13800000001")
        #expect(try supervisor.showPerson(dawa).enrolments.map(\.enrolment.scheme) == [.residentMedical])
        #expect(try supervisor.findPersons("达瓦").count == 1)
        let entry = try #require(try supervisor.store.read { try $0.journalEntry(serial: serial) })
        #expect(entry.kind == "outreach.review" && entry.operatorID == "ciren")
        #expect(DeskFixture.refusal { _ = try supervisor.decideReview(item.uuid, decision: .reject) }?.code == "already-decided")
        #expect(try supervisor.verify().problems.isEmpty)
        // Received again, the queued entries are skipped, not queued twice.
        let again = try supervisor.receive(bundle: try laptop.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle, passphrase: passphrase)
        #expect(again.conflicts.isEmpty && again.skipped.contains(made))
    }

    @Test func keepingTheHallsPersonStillKeepsTheLaptopsWork() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        _ = try laptop.addPerson(PersonForm(idNumber: dawa, name: "达瓦", phone: "13800000001"))
        _ = try laptop.enrol(EnrolmentForm(idNumber: dawa, scheme: "resident-medical"))
        _ = try f.hall.desk().addPerson(PersonForm(idNumber: dawa, name: "达瓦", phone: "13900000002"))
        let supervisor = try f.supervisor()
        _ = try supervisor.receive(bundle: try laptop.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle, passphrase: passphrase)
        let item = try #require(try supervisor.reviews().first)
        _ = try supervisor.decideReview(item.uuid, decision: .hall)
        let shown = try supervisor.showPerson(dawa)
        #expect(shown.person.phone == "13900000002" && shown.enrolments.map(\.enrolment.scheme) == [.residentMedical])
        #expect(try supervisor.verify().problems.isEmpty)
    }

    @Test func differentPeopleOfOneNameAndBirthDateMayBothBeKept() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        let other = DeskFixture.id(born: "1970-05-04", sequence: 245)
        _ = try laptop.addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        _ = try f.hall.desk().addPerson(PersonForm(idNumber: other, name: "达瓦"))
        let supervisor = try f.supervisor()
        let report = try supervisor.receive(bundle: try laptop.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle, passphrase: passphrase)
        #expect(report.conflicts.map(\.reason) == ["possible-same-person"])
        let item = try #require(try supervisor.reviews().first)
        _ = try supervisor.decideReview(item.uuid, decision: .both)
        #expect(try supervisor.findPersons("达瓦").count == 2)
        #expect(try supervisor.verify().problems.isEmpty)
    }

    @Test func aRecordTheHallChangedMeanwhileIsShownBothWays() throws {
        let f = try OutreachFixture()
        let hallDesk = try f.hall.desk()
        _ = try hallDesk.addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        _ = try hallDesk.registerCard(idNumber: dawa, number: "A12345678")
        let laptop = try f.laptop()
        // The laptop reports the card lost; the hall, meanwhile, locks it.
        let (_, lost) = try laptop.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: nil)
        _ = try hallDesk.changeCard(idNumber: dawa, change: .reportFormalLoss, reason: nil)
        let supervisor = try f.supervisor()
        let report = try supervisor.receive(bundle: try laptop.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle, passphrase: passphrase)
        #expect(report.conflicts.map(\.serial) == [lost] && report.conflicts.first?.reason == "changed-at-hall")
        let item = try #require(try supervisor.reviews().first)
        #expect(item.laptop.first?.values?["state"] == .text("temporary-loss") && item.hall.first?.values?["state"] == .text("formal-loss"))
        #expect(DeskFixture.refusal { _ = try supervisor.decideReview(item.uuid, decision: .both) }?.code == "not-different-people")
        _ = try supervisor.decideReview(item.uuid, decision: .reject)
        #expect(try supervisor.showPerson(dawa).card?.card.state == .formalLoss)
        #expect(try supervisor.reviews().isEmpty && supervisor.reviews(all: true).count == 1)
        #expect(try supervisor.verify().problems.isEmpty)
    }

    @Test func receivingIsTheSupervisors() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        let data = try laptop.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle
        #expect(DeskFixture.refusal { _ = try f.hall.desk("zhuoma").receive(bundle: data, passphrase: passphrase) }?.code == "permission-denied")
    }
}
