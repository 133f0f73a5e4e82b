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

    /// A copy of the store with the journal's guards dropped, edited by `edit`; what verify says of it.
    private func tamperedJournal(_ t: TemporaryStore, _ edit: (Database) throws -> Void) throws -> [VerificationProblem] {
        let raw = try t.raw()
        try raw.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS journal_refuses_update; DROP TRIGGER IF EXISTS journal_refuses_delete")
            try edit(db)
        }
        return try t.store.verify().problems
    }

    @Test func aMiddleEntryDeletedBreaksTheChain() throws {
        let t = try TemporaryStore()
        try fill(t, count: 4)
        let problems = try tamperedJournal(t) { try $0.execute(sql: "DELETE FROM journal WHERE seq = 3") }
        #expect(problems.contains { $0.table == "journal" && $0.row == "3" })
        #expect(problems.contains { $0.table == "journal" && $0.row == "4" })
    }

    @Test func anEntryRehashedWithItsSuccessorsLinkRewrittenIsStillFound() throws {
        let t = try TemporaryStore()
        try fill(t, count: 4)
        // Entry 3's payload edited and its hash recomputed; entry 4's link made to match. Entry 4's own hash no longer
        // covers its link, and entry 3's row notes no longer cover what it made.
        let problems = try tamperedJournal(t) { db in
            let row = try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE seq = 3")
            let entry = try Journal.entry(StoreRow(try #require(row)))
            let forged = JournalEntry.hash(previous: entry.previousHash, serial: entry.serial, at: entry.at, businessDate: entry.businessDate,
                                           operatorID: entry.operatorID, counter: entry.counter, device: entry.device, kind: entry.kind,
                                           payload: "{\"n\":99}", changes: entry.changes, securityHead: entry.securityHead)
            try db.execute(sql: "UPDATE journal SET payload = '{\"n\":99}', hash = ? WHERE seq = 3", arguments: [forged])
            try db.execute(sql: "UPDATE journal SET prev_hash = ? WHERE seq = 4", arguments: [forged])
        }
        #expect(problems.contains { $0.table == "journal" && $0.row == "4" }, "\(problems.map(\.message.en))")
    }

    @Test func aPayloadEditedWithItsOwnHashRecomputedBreaksTheNextLink() throws {
        let t = try TemporaryStore()
        try fill(t, count: 3)
        let problems = try tamperedJournal(t) { db in
            let entry = try Journal.entry(StoreRow(try #require(try Row.fetchOne(db, sql: "SELECT * FROM journal WHERE seq = 2"))))
            let forged = JournalEntry.hash(previous: entry.previousHash, serial: entry.serial, at: entry.at, businessDate: entry.businessDate,
                                           operatorID: entry.operatorID, counter: entry.counter, device: entry.device, kind: entry.kind,
                                           payload: "{}", changes: entry.changes, securityHead: entry.securityHead)
            try db.execute(sql: "UPDATE journal SET payload = '{}', hash = ? WHERE seq = 2", arguments: [forged])
        }
        #expect(problems.contains { $0.table == "journal" && $0.row == "3" })
    }

    @Test func theHashCoversThePreviousHashAndEveryField() throws {
        // Eleven fields, each changed alone: every change gives another hash, so no field can be edited unseen.
        let base = ["previous": JournalEntry.genesis, "serial": "S", "at": "1", "date": "2023-06-01", "operator": "admin",
                    "counter": "1", "device": "d", "kind": "k", "payload": "{}", "changes": "persons\tu\tabc", "head": "h"]
        func hash(_ f: [String: String]) -> String {
            JournalEntry.hash(previous: f["previous"] ?? "", serial: f["serial"] ?? "", at: Int64(f["at"] ?? "") ?? 0,
                              businessDate: f["date"] ?? "", operatorID: f["operator"] ?? "", counter: f["counter"] ?? "",
                              device: f["device"] ?? "", kind: f["kind"] ?? "", payload: f["payload"] ?? "",
                              changes: f["changes"] ?? "", securityHead: f["head"] ?? "")
        }
        let original = hash(base)
        for (field, value) in base {
            var changed = base
            changed[field] = field == "at" ? "2" : value + "x"
            #expect(hash(changed) != original, "\(field) is not covered by the hash")
        }
        // SHA-256 in 64 hex digits.
        #expect(original.count == 64 && original.allSatisfy { $0.isHexDigit })
    }

    @Test func aLinkRewrittenAloneIsFound() throws {
        let t = try TemporaryStore()
        try fill(t, count: 4)
        // Entry 3's stored link pointed elsewhere, its content untouched: the chain check reads the link itself.
        let problems = try tamperedJournal(t) { db in
            try db.execute(sql: "UPDATE journal SET prev_hash = ? WHERE seq = 3", arguments: [String(repeating: "0", count: 64)])
        }
        #expect(problems.contains { $0.table == "journal" && $0.row == "3" }, "\(problems.map(\.message.en))")
    }

    @Test func aCutEndIsFound() throws {
        let t = try TemporaryStore()
        try fill(t, count: 4)
        let problems = try tamperedJournal(t) { try $0.execute(sql: "DELETE FROM journal WHERE seq > 3") }
        #expect(problems.contains { $0.table == "journal" })
    }
}
