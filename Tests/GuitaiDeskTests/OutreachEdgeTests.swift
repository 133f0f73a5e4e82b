import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// Issue 10: the cases a review of the receive found, each brought home right.
@Suite struct OutreachEdgeTests {
    let dawa = DeskFixture.id(born: "1970-05-04", sequence: 231)
    let passphrase = OutreachFixture.passphrase

    @Test func aCardReplacedOnTheLaptopComesHomeBesideTheOldOne() throws {
        // Replacing cancels the old card and records a new one: whatever their UUIDs, the hall never holds two in use.
        for attempt in 0..<6 {
            let f = try OutreachFixture()
            _ = try f.hall.desk().addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
            _ = try f.hall.desk().registerCard(idNumber: dawa, number: "A12345678")
            let laptop = try f.laptop()
            _ = try laptop.replaceCard(idNumber: dawa, newNumber: "B87654321")
            let report = try f.bringHome(laptop)
            #expect(report.conflicts.isEmpty, "attempt \(attempt): \(report.conflicts)")
            #expect(try f.supervisor().showPerson(dawa).card?.card.number.value == "B87654321")
            #expect(try f.supervisor().verify().problems.isEmpty)
        }
    }

    @Test func aPersonMatchedInReviewKeepsReceivingTheLaptopsLaterWork() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        try f.madeOnBothSides(dawa, name: "达瓦", laptop: laptop)
        let item = try #require(try f.supervisor().reviews().first)
        _ = try f.supervisor().decideReview(item.uuid, decision: .hall)
        // After the decision the laptop, not knowing, enrols and registers a card for its own record of 达瓦.
        _ = try laptop.enrol(EnrolmentForm(idNumber: dawa, scheme: "resident-medical"))
        _ = try laptop.registerCard(idNumber: dawa, number: "A12345678")
        let second = try f.bringHome(laptop)
        #expect(second.conflicts.isEmpty, "\(second.conflicts)")
        let shown = try f.supervisor().showPerson(dawa)
        #expect(shown.enrolments.map(\.enrolment.scheme) == [.residentMedical] && shown.card?.card.number.value == "A12345678")
        #expect(try f.supervisor().findPersons("达瓦").count == 1)
        #expect(try f.supervisor().verify().problems.isEmpty)
    }

    @Test func keepingTheHallsCardStillBringsTheSamePersonsOtherWorkHome() throws {
        let f = try OutreachFixture()
        _ = try f.hall.desk().addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        _ = try f.hall.desk().registerCard(idNumber: dawa, number: "A12345678")
        let laptop = try f.laptop()
        // On the laptop the card is reported lost and the person enrolled; at the hall the card is locked meanwhile.
        _ = try laptop.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: nil)
        _ = try laptop.enrol(EnrolmentForm(idNumber: dawa, scheme: "resident-medical"))
        _ = try f.hall.desk().changeCard(idNumber: dawa, change: .lock, reason: nil)
        let report = try f.bringHome(laptop)
        #expect(report.conflicts.map(\.reason) == ["changed-at-hall", "changed-at-hall"])
        let item = try #require(try f.supervisor().reviews().first)
        _ = try f.supervisor().decideReview(item.uuid, decision: .hall)
        let shown = try f.supervisor().showPerson(dawa)
        #expect(shown.card?.card.state == .locked && shown.enrolments.map(\.enrolment.scheme) == [.residentMedical])
        #expect(try f.supervisor().verify().problems.isEmpty)
    }

    @Test func aRecordTheHallDeletedMeanwhileIsNotSilentlyMadeAgain() throws {
        let f = try OutreachFixture()
        _ = try f.hall.desk().addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        let (_, registered) = try f.hall.desk().registerCard(idNumber: dawa, number: "A12345678")
        let laptop = try f.laptop()
        _ = try laptop.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: nil)
        // The card was recorded in error: the hall reverses its registration, deleting it.
        _ = try f.supervisor().reverse(registered, reason: "录入错误")
        let report = try f.bringHome(laptop)
        #expect(report.conflicts.map(\.reason) == ["changed-at-hall"])
        #expect(try f.supervisor().showPerson(dawa).card == nil)
        let item = try #require(try f.supervisor().reviews().first)
        #expect(item.hall.first?.values == nil)
        _ = try f.supervisor().decideReview(item.uuid, decision: .reject)
        #expect(try f.supervisor().verify().problems.isEmpty)
    }

    @Test func aVenueNumberOfAnySizeIsRefusedNotTrapped() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        _ = try laptop.addVenue(name: "扎西岗村", kind: "village", regionCode: nil)
        for typed in ["-9223372036854775808", "9223372036854775807", "0", "2"] {
            #expect(DeskFixture.refusal { _ = try laptop.openEvent(venue: typed) }?.code == "venue-not-found", "\(typed)")
        }
        #expect(try laptop.openEvent(venue: "1").event.venue.name == "扎西岗村")
    }

    /// A venue is chosen by its name or its number: a second venue of the same name, or one named only by digits,
    /// would open an event somewhere else than the one chosen.
    @Test func aVenueNameNamesOneVenueAndIsNoNumber() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        _ = try laptop.addVenue(name: "村委会", kind: "village", regionCode: nil)
        let before = try OutreachFixture.fingerprint(laptop.store.path)
        #expect(DeskFixture.refusal { _ = try laptop.addVenue(name: "村委会", kind: "community", regionCode: nil) }?.code == "venue-exists")
        #expect(DeskFixture.refusal { _ = try laptop.addVenue(name: "2", kind: "village", regionCode: nil) }?.code == "bad-text")
        #expect(try OutreachFixture.fingerprint(laptop.store.path) == before)
        _ = try laptop.addVenue(name: "色拉寺", kind: "monastery", regionCode: nil)
        #expect(try laptop.openEvent(venue: "2").event.venue.name == "色拉寺")
    }

    /// The business done during an event is counted on a laptop only, so the hall keeps no register of its own.
    @Test func theHallRefusesVenuesAndEventsAndWritesNothing() throws {
        let f = try OutreachFixture()
        let clerk = try f.hall.desk()
        let before = try OutreachFixture.fingerprint(f.hall.path)
        #expect(DeskFixture.refusal { _ = try clerk.addVenue(name: "扎西岗村", kind: "village", regionCode: nil) }?.code == "needs-laptop")
        #expect(DeskFixture.refusal { _ = try clerk.openEvent(venue: "1") }?.code == "venue-not-found")
        #expect(DeskFixture.refusal {
            _ = try clerk.openEvent(at: OutreachVenue(uuid: "x", name: "扎西岗村", kind: "village", regionCode: nil))
        }?.code == "needs-laptop")
        #expect(DeskFixture.refusal { _ = try clerk.closeEvent(participants: 1, leaflets: 1) }?.code == "needs-laptop")
        #expect(try OutreachFixture.fingerprint(f.hall.path) == before)
    }
}

/// Issue 10: what a new outreach worker and supervisor met in a trial.
@Suite struct OutreachTrialTests {
    let passphrase = OutreachFixture.passphrase

    @Test func aTakeOutNeverWritesOverAFileNorOpensOverAStore() throws {
        let f = try OutreachFixture()
        let file = f.directory + "/d1.bundle"
        _ = try f.hall.desk().checkoutLaptop(name: "笔记本一", regionPrefix: "", dueWithin: nil, passphrase: passphrase, to: file)
        let first = try Data(contentsOf: URL(fileURLWithPath: file))
        // The same file for a second laptop is refused before anything is recorded: the first laptop's key stays.
        #expect(DeskFixture.refusal {
            _ = try f.hall.desk().checkoutLaptop(name: "笔记本二", regionPrefix: "", dueWithin: nil, passphrase: passphrase, to: file)
        }?.code == "file-exists")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == first && f.hall.desk().outreachDevices().count == 1)
        // Opened once into a new store; opening it again over that store is refused in outreach's words.
        let store = f.directory + "/laptop.sqlite"
        _ = try Desk.openLaptop(bundle: first, passphrase: passphrase, storePath: store, operatorID: "zhuoma", password: "clerk-password",
                                clock: f.hall.clock, resources: DeskFixture.resources)
        let again = DeskFixture.refusal {
            _ = try Desk.openLaptop(bundle: first, passphrase: passphrase, storePath: store, operatorID: "zhuoma", password: "clerk-password",
                                    clock: f.hall.clock, resources: DeskFixture.resources)
        }
        #expect(again?.code == "store-exists" && again?.message.en.contains("--store") == true)
    }

    @Test func aTakeOutTheDiskRefusesLeavesNoDeviceOnRecord() throws {
        let f = try OutreachFixture()
        let before = try OutreachFixture.fingerprint(f.hall.path)
        let refused = DeskFixture.refusal {
            _ = try f.hall.desk().checkoutLaptop(name: "笔记本一", regionPrefix: "", dueWithin: nil, passphrase: passphrase,
                                                 to: f.directory + "/no-such-folder/d1.bundle")
        }
        #expect(refused?.code == "bundle-unwritable" && refused?.message.en.contains("no-such-folder") == true)
        #expect(try OutreachFixture.fingerprint(f.hall.path) == before)
        #expect(try f.hall.desk().outreachDevices().isEmpty)
    }

    @Test func aNameIsRefusedAsWhatItIs() throws {
        let f = try OutreachFixture()
        let refused = DeskFixture.refusal {
            _ = try f.hall.desk().checkoutLaptop(name: "  ", regionPrefix: "", dueWithin: nil, passphrase: passphrase, to: f.directory + "/x.bundle")
        }
        #expect(refused?.code == "bad-name" && refused?.message.en.contains("laptop") == true)
        let laptop = try f.laptop()
        #expect(DeskFixture.refusal { _ = try laptop.addVenue(name: "", kind: "village", regionCode: nil) }?.message.en.contains("venue") == true)
    }

    @Test func theReturnTakesThePassphraseTheTakeOutWasOpenedWith() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        let refused = DeskFixture.refusal { _ = try laptop.returnBundle(passphrase: "another one", to: f.directory + "/r.bundle") }
        #expect(refused?.code == "bad-passphrase" && !FileManager.default.fileExists(atPath: f.directory + "/r.bundle"))
        #expect(try laptop.outreachTrip()?.waiting == 0)
    }

    @Test func venueNumbersStayAsTheyWereGiven() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        _ = try laptop.addVenue(name: "色拉寺", kind: "monastery", regionCode: nil)
        _ = try laptop.addVenue(name: "八一小学", kind: "school", regionCode: nil)
        _ = try laptop.addVenue(name: "扎西岗村", kind: "village", regionCode: nil)
        #expect(try laptop.venues().map(\.name) == ["色拉寺", "八一小学", "扎西岗村"])
        #expect(try laptop.venue(named: "1").name == "色拉寺")
    }
}

/// Issue 10: what a second review of the receive found, each a test.
@Suite struct OutreachSecondReviewTests {
    let dawa = DeskFixture.id(born: "1970-05-04", sequence: 231)
    let passphrase = OutreachFixture.passphrase

    @Test func laterWorkWaitsBehindWorkStillInReviewEvenAfterThePersonIsMatched() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        _ = try laptop.addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        _ = try f.hall.desk().addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        _ = try f.bringHome(laptop)                                   // item A: the person made twice
        _ = try laptop.registerCard(idNumber: dawa, number: "A12345678")
        let second = try f.bringHome(laptop)                          // item B: waits behind A
        #expect(second.conflicts.map(\.reason) == ["waits-for-review"])
        let items = try f.supervisor().reviews()
        _ = try f.supervisor().decideReview(try #require(items.first { $0.reason == "same-person" }).uuid, decision: .hall)
        // Later work about the card still waits behind B, which is open.
        _ = try laptop.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: nil)
        let third = try f.bringHome(laptop)
        #expect(third.conflicts.map(\.reason) == ["waits-for-review"], "\(third.conflicts)")
        #expect(try f.supervisor().showPerson(dawa).card == nil)
        #expect(try f.supervisor().verify().problems.isEmpty)
    }

    @Test func eachEntryOfAMatchedPersonsWorkKeepsTheRowsItTouched() throws {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        try f.madeOnBothSides(dawa, name: "达瓦", laptop: laptop)
        _ = try f.supervisor().decideReview(try #require(try f.supervisor().reviews().first).uuid, decision: .hall)
        let (_, registered) = try laptop.registerCard(idNumber: dawa, number: "A12345678")
        let (_, lost) = try laptop.changeCard(idNumber: dawa, change: .reportTemporaryLoss, reason: nil)
        #expect(try f.bringHome(laptop).conflicts.isEmpty)
        // Both entries name the card: reversing the registration is refused while the loss report stands.
        let entries = try f.supervisor().store.read { tx in [try tx.journalEntry(serial: registered), try tx.journalEntry(serial: lost)] }
        #expect(entries.allSatisfy { $0?.changes.contains("cards\t") == true })
        #expect(DeskFixture.refusal { _ = try f.supervisor().reverse(registered, reason: "录入错误") }?.code == "changed-since")
        #expect(try f.supervisor().verify().problems.isEmpty)
    }

    @Test func keepingTheHallsVersionOfARefusedItemWritesNothingOfTheLaptops() throws {
        let f = try OutreachFixture()
        _ = try f.hall.desk().addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        let laptop = try f.laptop()
        _ = try laptop.enrol(EnrolmentForm(idNumber: dawa, scheme: "resident-medical"))
        _ = try f.hall.desk().enrol(EnrolmentForm(idNumber: dawa, scheme: "resident-medical"))
        let report = try f.bringHome(laptop)
        #expect(report.conflicts.map(\.reason) == ["refused-by-hall"])
        let item = try #require(try f.supervisor().reviews().first)
        #expect(item.detail == "same-scheme" && item.hall.contains { $0.table == "enrolments" })
        let (decided, _) = try f.supervisor().decideReview(item.uuid, decision: .hall)
        #expect(decided.state == "kept-hall")
        #expect(try f.supervisor().showPerson(dawa).enrolments.count == 1)
        #expect(try f.supervisor().verify().problems.isEmpty)
    }
}
