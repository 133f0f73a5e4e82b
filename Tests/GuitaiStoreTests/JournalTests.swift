import Foundation
import GRDB
import GuitaiCore
import Testing
@testable import GuitaiStore

@Suite struct JournalTests {
    private func fill(_ t: TemporaryStore, count: Int) throws {
        for i in 0..<count {
            _ = try t.store.write(TemporaryStore.context(), kind: "person.add") { tx in
                _ = try tx.insertPerson(t.person("次仁\(i)", sequence: 100 + i), initials: "[c][r]")
                return ((), ["n": .int(Int64(i))])
            }
        }
    }

    @Test func everyTransactionIsChainedToThePreviousOne() throws {
        let t = try TemporaryStore()
        try fill(t, count: 5)
        let entries = try t.store.read { try $0.journal() }
        #expect(entries.count == 6)
        #expect(entries.first?.previousHash == JournalEntry.genesis)
        for (previous, entry) in zip(entries, entries.dropFirst()) {
            #expect(entry.previousHash == previous.hash)
            #expect(entry.isIntact(after: previous.hash))
        }
        let report = try t.store.verify()
        #expect(report.ok)
        #expect(report.transactions == 6)
    }

    @Test func theJournalRefusesUpdateAndDelete() throws {
        let t = try TemporaryStore()
        try fill(t, count: 2)
        _ = try? t.store.authenticate(operatorID: "admin", password: "wrong-password", now: 1)
        let raw = try t.raw()
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "UPDATE journal SET payload = '{}' WHERE seq = 2") } }
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM journal WHERE seq = 3") } }
        #expect(throws: DatabaseError.self) { try raw.write { try $0.execute(sql: "DELETE FROM security_log") } }
        #expect(try t.store.verify().ok)
    }

    @Test func verifyFindsAnEditMadeBehindTheTriggersBack() throws {
        let t = try TemporaryStore()
        try fill(t, count: 3)
        let raw = try t.raw()
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER journal_refuses_update")
            try db.execute(sql: "UPDATE journal SET payload = '{\"n\":99}' WHERE seq = 3")
        }
        let report = try t.store.verify()
        #expect(!report.ok)
        #expect(report.problems.contains { $0.table == "journal" && $0.row == "3" })
    }

    @Test func verifyFindsRecordsWithoutAJournalEntry() throws {
        let t = try TemporaryStore()
        let raw = try t.raw()
        try raw.write { db in
            try db.execute(sql: """
                INSERT INTO persons(uuid, id_number, name, initials, region_code, device, created_serial)
                VALUES ('x', '540102196001010011', '无名', '', '540102', 'd', 'no-such-serial')
                """)
        }
        #expect(try t.store.verify().problems.contains { $0.table == "persons" && $0.row == "x" })
    }
}
