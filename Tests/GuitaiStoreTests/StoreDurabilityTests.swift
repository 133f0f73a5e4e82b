import Foundation
import GRDB
import GuitaiCore
import Testing
@testable import GuitaiStore

@Suite struct StoreDurabilityTests {
    @Test func aCommittedTransactionIsDurableAgainstPowerLoss() throws {
        let t = try TemporaryStore()
        // FULL is 2: every commit is synced before the receipt prints.
        #expect(try t.store.pragma("synchronous") == "2")
        #expect(try t.store.pragma("journal_mode") == "wal")
        #expect(try t.store.pragma("secure_delete") == "1")
        #expect(try t.store.pragma("foreign_keys") == "1")
    }

    @Test func initRefusesAnExistingStoreAndOpenNamesAMissingOne() throws {
        let t = try TemporaryStore()
        let hall = t.store.hall
        #expect(throws: DomainError.self) {
            _ = try Store.create(at: t.store.path, hall: hall, context: TemporaryStore.context()) { _ in [:] }
        }
        do {
            _ = try Store.open(at: t.directory + "/missing.sqlite")
            Issue.record("opening a missing store should fail")
        } catch let error as DomainError {
            #expect(error.kind == .notFound)
            #expect(error.message.zh.contains("guitai init"))
        }
    }

    @Test func serialNumbersAreHallCodeDateAndADailySequence() throws {
        let t = try TemporaryStore()
        let first = try t.store.write(TemporaryStore.context(), kind: "test") { _ in ((), [:]) }.serial
        let nextDay = try t.store.write(TemporaryStore.context(LocalDate(year: 2023, month: 6, day: 2)!), kind: "test") { _ in ((), [:]) }.serial
        // The store's creation took 000001 on 2023-06-01.
        #expect(first == "54010220230601000002")
        #expect(nextDay == "54010220230602000001")
    }

    @Test func aRefusedTransactionLeavesTheStoreExactlyAsItWas() throws {
        let t = try TemporaryStore()
        let before = try t.store.read { tx in (try tx.count("persons"), try tx.count("journal"), try tx.count("serial_counters")) }
        struct Refusal: Error {}
        #expect(throws: Refusal.self) {
            _ = try t.store.write(TemporaryStore.context(), kind: "person.add") { tx -> ((), JSONValue) in
                _ = try tx.insertPerson(t.person("扎西·平措", sequence: 11), initials: "[z][x][p][c]")
                throw Refusal()
            }
        }
        let after = try t.store.read { tx in (try tx.count("persons"), try tx.count("journal"), try tx.count("serial_counters")) }
        #expect(before == after)
        // The serial the refused transaction drew is drawn again: no gaps in the day's sequence.
        let serial = try t.store.write(TemporaryStore.context(), kind: "test") { _ in ((), [:]) }.serial
        #expect(serial.hasSuffix("000002"))
    }

    @Test func oneOpenEnrolmentPerSchemeIsGuardedByTheSchemaToo() throws {
        let t = try TemporaryStore()
        let enrolment = Enrolment(scheme: .residentMedical, regionCode: "540102", from: TemporaryStore.date)
        #expect(throws: DomainError.self) {
            _ = try t.store.write(TemporaryStore.context(), kind: "enrol") { tx in
                let uuid = try tx.insertPerson(t.person("卓玛", sequence: 22), initials: "[z][m]")
                _ = try tx.insertEnrolment(enrolment, personUUID: uuid)
                _ = try tx.insertEnrolment(enrolment, personUUID: uuid)
                return ((), [:])
            }
        }
        #expect(try t.store.read { try $0.count("persons") } == 0)
    }
}
