import Foundation
import GRDB
import GuitaiCore
import Testing
@testable import GuitaiStore

/// Opening what is not a store (issue on trust, §6): nothing is written to a file until it is known to be a Guitai
/// store of a format this version reads, and every refusal says what the file is.
@Suite struct OpeningTests {
    func directory() throws -> String {
        let path = NSTemporaryDirectory() + "guitai-open-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The refusal `Store.open` gives, and whether the file and its folder were left byte for byte as they were.
    func refusal(opening path: String) throws -> (error: DomainError?, untouched: Bool) {
        let folder = (path as NSString).deletingLastPathComponent
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let bytes = FileManager.default.contents(atPath: path)
        var refused: DomainError?
        do { _ = try Store.open(at: path) } catch let error as DomainError { refused = error }
        let after = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        return (refused, before == after && FileManager.default.contents(atPath: path) == bytes)
    }

    @Test func anotherProgramsDatabaseWithASettingsFormatRowIsRefusedUntouched() throws {
        let path = try directory() + "/other.db"
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
                INSERT INTO settings VALUES ('format', 'shop-3'), ('hall.code', 'X1');
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                """)
        }
        let (error, untouched) = try refusal(opening: path)
        #expect(error?.code == "not-a-store")
        #expect(untouched, "the foreign file or its folder changed")
        #expect(try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "delete")
    }

    /// Every setting a store has and a migration this version knows, but another program's format: the format alone
    /// must refuse it.
    @Test func aDatabaseLikeAStoreInAllButItsFormatIsRefusedUntouched() throws {
        let path = try directory() + "/lookalike.db"
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
                INSERT INTO settings VALUES ('format', 'ledger-2'), ('hall.code', '540102'), ('device.id', 'd1'), ('mode', 'real');
                CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                INSERT INTO grdb_migrations VALUES ('v1');
                """)
        }
        let (error, untouched) = try refusal(opening: path)
        #expect(error?.code == "not-a-store")
        #expect(untouched, "the foreign file or its folder changed")
    }

    @Test func aSettingsTableOfAnotherShapeIsNotAStoreRatherThanAnSQLError() throws {
        let path = try directory() + "/other.db"
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE settings (id INTEGER, name TEXT); INSERT INTO settings VALUES (1, 'x')") }
        let (error, untouched) = try refusal(opening: path)
        #expect(error?.code == "not-a-store")
        #expect(error?.message.en.contains("no such column") == false)
        #expect(untouched)
    }

    @Test func aFileThatIsNoDatabaseAndAnEmptyFileAreRefusedUntouched() throws {
        let folder = try directory()
        try Data("just some text\n".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        let text = try refusal(opening: folder + "/notes.txt")
        #expect(text.error?.code == "not-a-store" && text.error?.message.en.contains("not a database") == true)
        #expect(text.untouched)
        FileManager.default.createFile(atPath: folder + "/empty.sqlite", contents: Data())
        let empty = try refusal(opening: folder + "/empty.sqlite")
        #expect(empty.error?.code == "not-a-store")
        #expect(empty.untouched)
    }

    @Test func aDirectoryIsNamedAsADirectory() throws {
        let folder = try directory()
        let (error, _) = try refusal(opening: folder)
        #expect(error?.code == "not-a-store")
        #expect(error?.message.en.contains("is a directory") == true && error?.message.zh.contains("目录") == true)
    }

    @Test func aStoreOfANewerFormatIsRefusedWithWhatToDo() throws {
        let t = try TemporaryStore()
        try t.raw().write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS x")
            try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v9-from-the-future')")
        }
        let (error, untouched) = try refusal(opening: t.store.path)
        #expect(error?.code == "store-too-new" && error?.message.en.contains("upgrade Guitai") == true)
        #expect(untouched)
    }

    @Test func openingAndReadingTakeNoWriteLock() throws {
        let t = try TemporaryStore()
        _ = try t.store.write(TemporaryStore.context(), kind: "person.add") { tx in
            _ = try tx.insertPerson(t.person("次仁", sequence: 101), initials: "[c][r]")
            return ((), [:])
        }
        // Another connection holds the write lock for as long as this test reads: if opening or reading needed it,
        // they would wait ten seconds and answer busy.
        let holder = try t.raw()
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO settings(key, value) VALUES ('held', 'yes')")
            defer { try? db.execute(sql: "ROLLBACK") }
            let reopened = try Store.open(at: t.store.path)
            #expect(try reopened.read { try $0.count("persons") } == 1)
            #expect(try reopened.read { try $0.setting("held") } == nil, "a reader saw an uncommitted write")
        }
    }

    @Test func aBusyAnswerWithoutTheBusyHandlerIsWaitedOut() throws {
        // SQLite answers BUSY at once in some cases (a read-only look, a checkpoint on close); the wait retries.
        var tries = 0
        let value = try BusyWait(limit: 5).run { () throws -> Int in
            tries += 1
            if tries < 4 { throw DatabaseError(resultCode: .SQLITE_BUSY) }
            return 42
        }
        #expect(value == 42 && tries == 4)
    }

    @Test func busyIsAnsweredOnlyAfterTheWholeWaitAndSaysHowLong() throws {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try BusyWait(limit: 0.3).run { () throws -> Int in throw DatabaseError(resultCode: .SQLITE_BUSY) }
            Issue.record("a store that stayed busy was not reported")
        } catch let error as DomainError {
            let waited = BusyWait.seconds(clock.now - start)
            #expect(waited >= 0.3, "reported busy after \(waited) s")
            #expect(error.kind == .busy && error.code == "store-busy")
            #expect(error.message.en.contains("waited 0.3 seconds") || error.message.en.contains("waited 0.4 seconds"), "\(error.message.en)")
        }
    }

    @Test func aRowThatDoesNotDecodeIsStoreDamagedNamingTableRowAndColumn() throws {
        let t = try TemporaryStore()
        let uuid = try t.store.write(TemporaryStore.context(), kind: "person.add") { tx in
            let uuid = try tx.insertPerson(t.person("次仁", sequence: 101), initials: "[c][r]")
            _ = try tx.insertEnrolment(Enrolment(scheme: .residentMedical, regionCode: "540102", from: TemporaryStore.date), personUUID: uuid)
            return (uuid, [:])
        }.value
        try t.raw().writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE enrolments SET status = 'floating'")
        }
        do {
            _ = try t.store.read { try $0.enrolments(personUUID: uuid) }
            Issue.record("a damaged status was read")
        } catch let error as DomainError {
            #expect(error.code == "store-damaged" && error.kind == .failure)
            #expect(error.message.en.contains("enrolments") && error.message.en.contains("status") && error.message.en.contains("floating"))
        }
    }

    @Test func anotherProgramsWALFileIsLeftWithoutSideFiles() throws {
        let path = try directory() + "/wal.db"
        try DatabaseQueue(path: path).writeWithoutTransaction { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "CREATE TABLE settings (key TEXT, value TEXT); INSERT INTO settings VALUES ('format', 'other')")
        }
        let (error, untouched) = try refusal(opening: path)
        #expect(error?.code == "not-a-store")
        #expect(untouched, "the look left -wal or -shm files beside another program's database")
    }

    @Test func anOlderStoreIsUpgradedWithUnknownIDsHashedAndEveryRowNoted() throws {
        // A store as the previous version made it: migrations up to v2, a journal entry, a person, and a failed login
        // with a password typed as the operator id.
        let folder = try directory()
        let path = folder + "/old.sqlite"
        let old = try DatabaseQueue(path: path)
        try old.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
        try Schema.migrator().migrate(old, upTo: "v2-cards-certification")
        try old.write { db in
            for (key, value) in [("hall.code", "540102"), ("hall.name", "城关区"), ("hall.region", "540102"), ("mode", "real"),
                                 ("device.id", "old-device"), ("policy.default", "xizang-2023"), ("format", "guitai-1"),
                                 ("serial_placeholder", "x")] {
                try db.execute(sql: "INSERT INTO settings(key, value) VALUES (?, ?)", arguments: [key, value])
            }
            try db.execute(sql: "INSERT INTO operators(id, uuid, name, role, password_hash, device, created_serial) VALUES ('admin', 'u1', '管理员', 'admin', 'x', 'old-device', 'S1')")
            try db.execute(sql: """
                INSERT INTO persons(uuid, id_number, name, initials, region_code, device, created_serial)
                VALUES ('p1', '540102195503101230', '扎西·平措', '', '540102', 'old-device', 'S1')
                """)
            // Chained as the previous version chained it: no row notes, no anchor.
            let hash = JournalEntry.hash(previous: JournalEntry.genesis, serial: "S1", at: 0, businessDate: "2023-06-01", operatorID: "admin",
                                         counter: "1", device: "old-device", kind: "store.init", payload: "{}", changes: "", securityHead: "")
            try db.execute(sql: """
                INSERT INTO journal(seq, serial, at, business_date, operator, counter, device, kind, payload, prev_hash, hash)
                VALUES (1, 'S1', 0, '2023-06-01', 'admin', '1', 'old-device', 'store.init', '{}', ?, ?)
                """, arguments: [JournalEntry.genesis, hash])
            try db.execute(sql: "INSERT INTO security_log(at, operator, event, detail) VALUES (5, 'MyS3cretPass', 'login-failed', 'unknown operator')")
        }
        let store = try Store.open(at: path)
        let log = try DatabaseQueue(path: path).read { try String.fetchAll($0, sql: "SELECT operator FROM security_log") }
        #expect(log.count == 1 && !log[0].contains("MyS3cretPass") && log[0].hasPrefix("?"))
        // Every row as it stood is noted by the upgrade entry: the store verifies whole.
        let report = try store.verify()
        #expect(report.ok, "\(report.problems.map(\.message.en))")
        #expect(try store.read { try $0.journal() }.last?.kind == "store.upgrade")
        // From here on, an edit is found.
        try DatabaseQueue(path: path).write { try $0.execute(sql: "UPDATE persons SET name = '扎西'") }
        #expect(try Store.open(at: path).verify().problems.contains { $0.table == "persons" && $0.row == "p1" })
    }
}
