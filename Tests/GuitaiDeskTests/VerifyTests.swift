import Foundation
import GRDB
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// `verify` proves every row (cli.md): the business tables are what the journal's entries made them, so any change,
/// insertion or deletion made with the `sqlite3` tool (triggers dropped, checks ignored) is found and named, and so
/// is a cut-off journal tail and an edited security log.
@Suite struct VerifyTests {
    /// Tables the contract lets stand outside the projection: the journal itself, the security log (chained on its
    /// own), the search index and the due dates (derived, checked against what they derive from:
    /// `aSearchKeyChangedBehindTheProductsBackIsNamed`, `aDueDateChangedBehindTheProductsBackIsNamed`),
    /// and the bookkeeping of SQLite and of the migration library.
    static let outside: Set<String> = ["journal", "security_log", "person_search_keys", "certification_due", "sqlite_sequence",
                                       "grdb_migrations"]

    /// A store with every kind of business, checkpointed so that copies of its main file are complete.
    static func recordedStore() throws -> DeskFixture {
        let f = try DeskFixture()
        try EveryKindOfBusiness.record(f)
        try DatabaseQueue(path: f.path).writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        return f
    }

    /// What `verify` said of a tampered copy, or why the copy could not even be opened (an edited format marker
    /// makes it no store at all, which is found too).
    struct Finding {
        var problems: [VerificationProblem]
        var refusal: DomainError?

        /// Whether the finding names the table; a refusal to open counts only for the settings that mark a store.
        func names(_ table: String) -> Bool {
            problems.contains { $0.table == table } || (table == "settings" && ["not-a-store", "store-damaged"].contains(refusal?.code ?? ""))
        }
    }

    /// Copies the store, tampers with the copy as the `sqlite3` tool can, and returns what `verify` says of it.
    static func tampered(_ f: DeskFixture, _ edit: (Database) throws -> Void) throws -> Finding {
        let copy = NSTemporaryDirectory() + "guitai-tamper-" + UUID().uuidString + ".sqlite"
        try FileManager.default.copyItem(atPath: f.path, toPath: copy)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        try DatabaseQueue(path: copy, configuration: configuration).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try edit(db)
        }
        do {
            return Finding(problems: try Store.open(at: copy).verify().problems, refusal: nil)
        } catch let error as DomainError {
            return Finding(problems: [], refusal: error)
        }
    }

    @Test func theUntouchedStoreIsProvenWhole() throws {
        let f = try Self.recordedStore()
        let report = try f.desk("ciren").verify()
        #expect(report.ok, "\(report.problems.map(\.message.en))")
        #expect(report.transactions > 20)
    }

    @Test func everyColumnOfEveryTableChangedBehindTheProductsBackIsNamed() throws {
        let f = try Self.recordedStore()
        let tables = try EveryKindOfBusiness.tables(f.path).filter { !Self.outside.contains($0) }
        #expect(tables.count >= 17)
        var edits = 0
        for table in tables {
            let (columns, rowid) = try DatabaseQueue(path: f.path).read { db in
                (try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]),
                 try Int64.fetchOne(db, sql: "SELECT rowid FROM \(table) ORDER BY rowid LIMIT 1"))
            }
            guard let rowid else {
                Issue.record("\(table) has no rows: the fixture does not cover it")
                continue
            }
            for column in columns {
                let report = try Self.tampered(f) { db in
                    try db.execute(sql: """
                        UPDATE \(table) SET \(column) = CASE typeof(\(column))
                            WHEN 'integer' THEN \(column) + 1 WHEN 'text' THEN \(column) || 'x'
                            ELSE CASE WHEN (SELECT type FROM pragma_table_info('\(table)') WHERE name = '\(column)') = 'INTEGER'
                                      THEN 1 ELSE 'x' END END
                        WHERE rowid = ?
                        """, arguments: [rowid])
                }
                edits += 1
                #expect(report.names(table), "\(table).\(column) changed unseen")
            }
        }
        // Every column of the 17 tables of the schema (136 when this was written), each edited once.
        #expect(edits >= 130)
    }

    @Test func aSearchKeyChangedBehindTheProductsBackIsNamed() throws {
        let f = try Self.recordedStore()
        // Deleted: that person could no longer be found by name; the person is named.
        let deleted = try Self.tampered(f) { db in
            try db.execute(sql: "DELETE FROM person_search_keys WHERE key = (SELECT min(key) FROM person_search_keys WHERE key LIKE 'n%')")
        }
        #expect(deleted.problems.contains { $0.table == "person_search_keys" && !$0.row.isEmpty && $0.message.en.contains("deleted") },
                "\(deleted.problems.map(\.message.en))")
        // Changed: the key no longer matches (one missing, found), and added ones are counted.
        let changed = try Self.tampered(f) { db in
            try db.execute(sql: "UPDATE person_search_keys SET key = key || 'x' WHERE key = (SELECT max(key) FROM person_search_keys)")
        }
        #expect(changed.names("person_search_keys"))
        let added = try Self.tampered(f) { db in
            try db.execute(sql: "INSERT INTO person_search_keys(key, person_uuid, name, id_number) SELECT 'n伪造', uuid, name, id_number FROM persons LIMIT 1")
        }
        #expect(added.problems.contains { $0.table == "person_search_keys" && $0.message.en.contains("added") }, "\(added.problems.map(\.message.en))")
        // Another name on a person's keys: the list of matches would put them out of order; the person is named.
        let person = try DatabaseQueue(path: f.path).read { try String.fetchOne($0, sql: "SELECT uuid FROM persons LIMIT 1") } ?? ""
        let renamed = try Self.tampered(f) { db in
            try db.execute(sql: "UPDATE person_search_keys SET name = '阿' WHERE person_uuid = ?", arguments: [person])
        }
        #expect(renamed.problems.contains { $0.table == "person_search_keys" && $0.row == person }, "\(renamed.problems.map(\.message.en))")
    }

    @Test func reindexMendsTheDerivedTablesVerifyNamesAndOnlyAnAdministratorRunsIt() throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        let tashi = DeskFixture.id(born: "1950-03-10", sequence: 123)
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-pension", from: "2010-01-01"))
        _ = try clerk.addBenefit(idNumber: tashi, monthly: "1500.00", from: "2020-01")
        // As a counter still on an older version leaves them: the person without keys, the pension due far away.
        try DatabaseQueue(path: f.path).write { db in
            try db.execute(sql: "DELETE FROM person_search_keys")
            try db.execute(sql: "UPDATE certification_due SET due_on = '2099-01-01'")
        }
        #expect(try clerk.findPersons("扎西").isEmpty)
        #expect(try clerk.dueList(within: 30, regionPrefix: "").isEmpty)
        let stale = try f.desk("ciren").verify()
        #expect(Set(stale.problems.map(\.table)) == ["person_search_keys", "certification_due"], "\(stale.problems.map(\.message.en))")
        #expect(stale.problems.allSatisfy { $0.message.en.contains("guitai store reindex") && $0.message.zh.contains("guitai store reindex") })
        #expect(DeskFixture.refusal { _ = try clerk.rebuildDerivedTables() }?.code == "permission-denied")
        #expect(DeskFixture.refusal { _ = try f.desk("ciren").rebuildDerivedTables() }?.code == "permission-denied")

        let done = try f.desk("admin").rebuildDerivedTables()
        // The ID tail; 扎西平措, 西平措, 平措, 措; the initials in four readings (the pinyin table gives 平 p or b, 措 c or
        // z): nine keys. One pension.
        #expect(done.searchKeys == 9 && done.dueDates == 1)
        #expect(try clerk.findPersons("扎西").map(\.person.name) == ["扎西·平措"])
        // Started 2020-01 and never certified: due since 2021, overdue on 2023-06-01.
        #expect(try clerk.dueList(within: 30, regionPrefix: "").map { "\($0.recipient.idNumber) \($0.state)" } == ["\(tashi) overdue"])
        #expect(try f.desk("ciren").verify().ok)
        let entry = try f.desk("admin").store.read { try $0.journalEntry(serial: done.serial) }
        #expect(entry?.kind == "store.reindex" && entry?.operatorID == "admin")
        // Mending an index records no business, so a closed day does not stand in its way.
        _ = try f.desk("ciren").closeDay()
        #expect(try f.desk("admin").rebuildDerivedTables().searchKeys == 9)
    }

    @Test func aDueDateChangedBehindTheProductsBackIsNamed() throws {
        let f = try Self.recordedStore()
        let benefit = try DatabaseQueue(path: f.path).read { try String.fetchOne($0, sql: "SELECT uuid FROM benefits LIMIT 1") } ?? ""
        #expect(!benefit.isEmpty, "the recorded store has a pension")
        let moved = try Self.tampered(f) { db in
            try db.execute(sql: "UPDATE certification_due SET due_on = '2099-01-01' WHERE benefit_uuid = ?", arguments: [benefit])
        }
        #expect(moved.problems.contains { $0.table == "certification_due" && $0.row == benefit }, "\(moved.problems.map(\.message.en))")
        let deleted = try Self.tampered(f) { db in try db.execute(sql: "DELETE FROM certification_due WHERE benefit_uuid = ?", arguments: [benefit]) }
        #expect(deleted.problems.contains { $0.table == "certification_due" && $0.row == benefit && $0.message.en.contains("deleted") })
        let added = try Self.tampered(f) { db in
            try db.execute(sql: "INSERT INTO certification_due(benefit_uuid, person_uuid, due_on) VALUES ('no-such-benefit', 'nobody', '2023-01-01')")
        }
        #expect(added.problems.contains { $0.table == "certification_due" && $0.row == "no-such-benefit" && $0.message.en.contains("added") })
    }

    @Test func aRowDeletedOrAddedBehindTheProductsBackIsNamedInEveryTable() throws {
        let f = try Self.recordedStore()
        for table in try EveryKindOfBusiness.tables(f.path).filter({ !Self.outside.contains($0) }) {
            let deleted = try Self.tampered(f) { db in
                try db.execute(sql: "DELETE FROM \(table) WHERE rowid = (SELECT max(rowid) FROM \(table))")
            }
            #expect(deleted.problems.contains { $0.table == table && $0.message.en.contains("deleted") }, "a deletion from \(table) went unseen")
            // A copy of a row with every text changed, so no unique key collides.
            let added = try Self.tampered(f) { db in
                let columns = try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_info(?)", arguments: [table])
                let values = try columns.map { row -> String in
                    let name: String = try row.decode(atIndex: 0), type: String = try row.decode(atIndex: 1)
                    return type == "TEXT" ? "CASE WHEN \(name) IS NULL THEN NULL ELSE \(name) || 'y' END" : name
                }
                let names = try columns.map { try $0.decode(String.self, atIndex: 0) }
                try db.execute(sql: "INSERT INTO \(table)(\(names.joined(separator: ", "))) SELECT \(values.joined(separator: ", ")) FROM \(table) LIMIT 1")
            }
            #expect(added.problems.contains { $0.table == table && $0.message.en.contains("added") }, "a row added to \(table) went unseen")
        }
    }

    @Test func theCasesTheTrialMissedAreEachFound() throws {
        let f = try Self.recordedStore()
        let tashi = EveryKindOfBusiness.tashi
        let cases: [(String, String, (Database) throws -> Void)] = [
            ("a changed name", "persons", { try $0.execute(sql: "UPDATE persons SET name = '扎西' WHERE id_number = ?", arguments: [tashi]) }),
            ("a changed phone", "persons", { try $0.execute(sql: "UPDATE persons SET phone = '13900000000' WHERE id_number = ?", arguments: [tashi]) }),
            ("a clerk made admin", "operators", { try $0.execute(sql: "UPDATE operators SET role = 'admin' WHERE id = 'zhuoma'") }),
            ("a copied password hash", "operators", {
                try $0.execute(sql: "UPDATE operators SET password_hash = (SELECT password_hash FROM operators WHERE id = 'admin') WHERE id = 'zhuoma'")
            }),
            ("the store switched to training", "settings", { try $0.execute(sql: "UPDATE settings SET value = 'training' WHERE key = 'mode'") }),
            ("a deleted settlement", "settlements", { try $0.execute(sql: "DELETE FROM settlements WHERE serial NOT IN (SELECT settlement_serial FROM reversals)") }),
            ("a deleted reversal", "reversals", { try $0.execute(sql: "DELETE FROM reversals") }),
            ("a payment raised", "payments", { try $0.execute(sql: "UPDATE payments SET amount_fen = amount_fen * 10 WHERE kind = 'paid'") }),
            ("an inserted death", "deaths", {
                try $0.execute(sql: "INSERT INTO deaths(person_uuid, died_on, device, created_serial) SELECT uuid, '2023-05-01', device, created_serial FROM persons WHERE id_number = ?", arguments: [tashi])
            }),
            ("an e-card made active", "ecards", { try $0.execute(sql: "UPDATE ecards SET status = 'active'") }),
            ("an enrolment reopened", "enrolments", { try $0.execute(sql: "UPDATE enrolments SET status = 'active', to_date = NULL WHERE status = 'terminated'") }),
            ("a certification moved", "certifications", { try $0.execute(sql: "UPDATE certifications SET certified_on = '2023-05-31'") }),
            ("a benefit raised", "benefits", { try $0.execute(sql: "UPDATE benefits SET monthly_fen = monthly_fen + 100000") }),
            ("a serial counter wound back", "serial_counters", { try $0.execute(sql: "UPDATE serial_counters SET last = last - 1") }),
        ]
        for (what, table, edit) in cases {
            let report = try Self.tampered(f, edit)
            #expect(report.refusal == nil && report.names(table), "\(what) went unseen: \(report.problems.map(\.message.en))")
        }
    }

    @Test func aCutJournalTailAndAnEditedSecurityLogAreFound() throws {
        let f = try DeskFixture()
        try EveryKindOfBusiness.record(f)
        // Failed logins leave rows in the security log.
        for _ in 0..<3 { _ = try? Desk.open(storePath: f.path, operatorID: "zhuoma", password: "wrong-password", clock: f.clock, resources: DeskFixture.resources) }
        try DatabaseQueue(path: f.path).writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }

        let tail = try Self.tampered(f) { try $0.execute(sql: "DELETE FROM journal WHERE seq > (SELECT max(seq) - 2 FROM journal)") }
        #expect(tail.problems.contains { $0.table == "journal" }, "a cut tail went unseen")
        let audit = try Self.tampered(f) { try $0.execute(sql: "DELETE FROM journal WHERE seq = (SELECT max(seq) FROM journal)") }
        #expect(audit.problems.contains { $0.table == "journal" })
        let middle = try Self.tampered(f) { try $0.execute(sql: "DELETE FROM security_log WHERE seq = 2") }
        #expect(middle.problems.contains { $0.table == "security_log" })
        let last = try Self.tampered(f) { try $0.execute(sql: "DELETE FROM security_log WHERE seq = (SELECT max(seq) FROM security_log)") }
        #expect(last.problems.contains { $0.table == "security_log" })
        let cleared = try Self.tampered(f) { try $0.execute(sql: "DELETE FROM security_log") }
        #expect(cleared.problems.contains { $0.table == "security_log" })
        let edited = try Self.tampered(f) { try $0.execute(sql: "UPDATE security_log SET event = 'login-ok' WHERE seq = 1") }
        #expect(edited.problems.contains { $0.table == "security_log" })
    }

    @Test func aSchemaChangedBehindTheProductsBackIsFound() throws {
        let f = try Self.recordedStore()
        // Each edit alone, without dropping the other triggers first.
        func edited(_ sql: String) throws -> [VerificationProblem] {
            let copy = NSTemporaryDirectory() + "guitai-schema-" + UUID().uuidString + ".sqlite"
            try FileManager.default.copyItem(atPath: f.path, toPath: copy)
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
            try DatabaseQueue(path: copy).writeWithoutTransaction { try $0.execute(sql: sql) }
            return try Store.open(at: copy).verify().problems
        }
        // An append-only guard dropped, a uniqueness dropped, a trigger planted to rewrite what the product writes.
        let guardDropped = try edited("DROP TRIGGER journal_refuses_delete")
        #expect(guardDropped.contains { $0.table == "schema" && $0.row == "journal_refuses_delete" })
        let index = try edited("DROP INDEX payments_paid_once")
        #expect(index.contains { $0.table == "schema" && $0.row == "payments_paid_once" })
        let planted = try edited("CREATE TRIGGER inflate AFTER INSERT ON benefits BEGIN UPDATE benefits SET monthly_fen = monthly_fen * 100 WHERE uuid = NEW.uuid; END")
        #expect(planted.contains { $0.table == "schema" && $0.row == "inflate" })
        // Triggers and tables have names of their own: a trigger may hide behind a table's name.
        let hidden = try edited("CREATE TRIGGER payments AFTER INSERT ON benefits BEGIN UPDATE benefits SET monthly_fen = 1 WHERE uuid = NEW.uuid; END")
        #expect(hidden.contains { $0.table == "schema" && $0.row == "payments" && $0.message.en.contains("trigger") })
        // A table dropped is reported, not an error that stops verify.
        let dropped = try edited("DROP TABLE recoveries")
        #expect(dropped.contains { $0.table == "schema" && $0.row == "recoveries" })
        // A record of upgrades edited makes the store refuse to open, saying so, rather than upgrade it twice.
        do {
            _ = try edited("DELETE FROM grdb_migrations WHERE identifier = 'v2-cards-certification'")
            Issue.record("a store with an edited record of upgrades opened")
        } catch let error as DomainError {
            #expect(error.code == "store-upgrade-failed" && error.message.en.contains("grdb_migrations"))
        }
    }

    @Test func aSecurityLogCutAndItsSequenceWoundBackIsFoundByTheJournalsAnchor() throws {
        let f = try DeskFixture()
        for _ in 0..<3 { _ = try? Desk.open(storePath: f.path, operatorID: "zhuoma", password: "wrong-password", clock: f.clock, resources: DeskFixture.resources) }
        // A business transaction after the failures anchors the log's end in the journal.
        _ = try f.desk().addPerson(PersonForm(idNumber: DeskFixture.id(born: "1960-01-01", sequence: 5), name: "次仁"))
        try DatabaseQueue(path: f.path).writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let cut = try Self.tampered(f) { db in
            try db.execute(sql: "DELETE FROM security_log WHERE seq = (SELECT max(seq) FROM security_log)")
            try db.execute(sql: "UPDATE sqlite_sequence SET seq = seq - 1 WHERE name = 'security_log'")
        }
        #expect(cut.names("security_log"), "\(cut.problems.map(\.message.en))")
        let wiped = try Self.tampered(f) { db in
            try db.execute(sql: "DELETE FROM security_log")
            try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = 'security_log'")
        }
        #expect(wiped.names("security_log"))
    }
}
