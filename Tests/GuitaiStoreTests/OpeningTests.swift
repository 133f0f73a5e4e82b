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
}
