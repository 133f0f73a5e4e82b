import Foundation
import GRDB
import GuitaiCore
import PostgresNIO
import Testing
@testable import GuitaiStore

/// The same transactions note the same rows, keys and digests on SQLite (temporary triggers) and on PostgreSQL (the
/// database's triggers), so a journal entry's `changes`, and with it the entry's hash, is the same on both engines.
@Suite struct PostgresProjectionTests {
    private static let people = Projection.Table(name: "people", key: ["uuid"])
    private static let spans = Projection.Table(name: "spans", key: ["enrolment_uuid", "from_date"])

    /// Each transaction's statements, run alike on both engines; the city's tables also have a `hall` column, which
    /// the statements leave to its default and the digest leaves out.
    private static let transactions: [[String]] = [
        [
            "INSERT INTO people(uuid, name, fen) VALUES ('p1', '扎西·平措', 100)",
            "INSERT INTO people(uuid, name, fen) VALUES ('p2', 'a\tb%', NULL)",
            // Byte order puts 'B…' before 'a…', a Chinese collation the other way: both engines sort in byte order.
            "INSERT INTO people(uuid, name, fen) VALUES ('B9', '', -9223372036854775808)",
            "INSERT INTO people(uuid, name, fen) VALUES ('a1', '次仁', 0)",
            "INSERT INTO spans(enrolment_uuid, from_date, to_date) VALUES ('e1', '2026-01-01', NULL)",
        ],
        [
            "UPDATE people SET fen = 200 WHERE uuid = 'p1'",
            // A key changed: the old key is noted as gone, the new one with its digest.
            "UPDATE people SET uuid = 'p3' WHERE uuid = 'p2'",
            "DELETE FROM spans WHERE enrolment_uuid = 'e1'",
            // Made and removed in one transaction: noted as gone.
            "INSERT INTO spans(enrolment_uuid, from_date, to_date) VALUES ('e1', '2026-02-01', '2026-03-01')",
            "DELETE FROM spans WHERE from_date = '2026-02-01'",
            "INSERT INTO spans(enrolment_uuid, from_date, to_date) VALUES ('e|1', '2026-04-01', NULL)",
        ],
    ]

    @Test func theSameTransactionsNoteTheSameChangesOnBothEngines() throws {
        let sqlite = try DatabaseQueue()
        try sqlite.write { db in
            try Projection.registerDigest(db)
            try db.execute(sql: """
                CREATE TABLE people (uuid TEXT PRIMARY KEY NOT NULL, name TEXT NOT NULL, fen INTEGER) STRICT;
                CREATE TABLE spans (enrolment_uuid TEXT NOT NULL, from_date TEXT NOT NULL, to_date TEXT,
                                    PRIMARY KEY (enrolment_uuid, from_date)) STRICT;
                """)
            try Projection.install(db, tables: [Self.people, Self.spans])
        }
        let columns = try sqlite.read { db in
            (try Projection.columns(of: "people", StoreConnection(sqlite: db)), try Projection.columns(of: "spans", StoreConnection(sqlite: db)))
        }
        #expect(columns.0 == ["uuid", "name", "fen"])

        let postgres = try PostgresTestDatabase()
        let session = postgres.session
        for statement in PostgresRowDigest.functions { try session.execute(statement) }
        try session.execute("CREATE TABLE people (hall text NOT NULL DEFAULT '540102', uuid text PRIMARY KEY, name text NOT NULL, fen bigint)")
        try session.execute("""
            CREATE TABLE spans (hall text NOT NULL DEFAULT '540102', enrolment_uuid text NOT NULL, from_date text NOT NULL,
                                to_date text, PRIMARY KEY (enrolment_uuid, from_date))
            """)
        for statement in PostgresProjection.install(Self.people, columns: columns.0)
            + PostgresProjection.install(Self.spans, columns: columns.1) {
            try session.execute(statement)
        }
        for statement in PostgresProjection.beginNoting { try session.execute(statement) }

        var noted: [String] = []
        for statements in Self.transactions {
            let fromSQLite = try sqlite.write { db -> String in
                for statement in statements { try db.execute(sql: statement) }
                return try Projection.takeCaptured(StoreConnection(sqlite: db))
            }
            try session.execute("BEGIN")
            for statement in statements { try session.execute(statement) }
            let fromPostgres = try Projection.takeCaptured(StoreConnection(postgres: session))
            try session.execute("COMMIT")
            #expect(fromPostgres == fromSQLite)
            noted.append(fromPostgres)
        }
        // What was noted, by hand: the first transaction's five rows in byte order, 'B9' before 'a1'.
        let first = noted[0].split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).prefix(2).joined(separator: " ") }
        #expect(first == ["people B9", "people a1", "people p1", "people p2", "spans e1|2026-01-01"])
        // The second: p1 changed, p2 gone, p3 new, the span of 01-01 gone, the one of 02-01 made and gone, e|1 new.
        let second = noted[1].split(separator: "\n").map { line -> String in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            return parts[0] + " " + parts[1] + (parts[2] == "-" ? " gone" : "")
        }
        #expect(second == ["people p1", "people p2 gone", "people p3", "spans e1|2026-01-01 gone", "spans e1|2026-02-01 gone",
                           "spans e|1|2026-04-01"])
    }

    @Test func aRolledBackTransactionAndASessionThatDoesNotNoteLeaveNoNotes() throws {
        let postgres = try PostgresTestDatabase()
        let session = postgres.session
        for statement in PostgresRowDigest.functions { try session.execute(statement) }
        try session.execute("CREATE TABLE people (uuid text PRIMARY KEY, name text NOT NULL, fen bigint)")
        for statement in PostgresProjection.install(Self.people, columns: ["uuid", "name", "fen"]) { try session.execute(statement) }

        // A session that never began noting (an administrator's psql) writes, and nothing is noted anywhere.
        try session.execute("INSERT INTO people VALUES ('p0', '格桑', 1)")
        for statement in PostgresProjection.beginNoting { try session.execute(statement) }
        try session.execute("BEGIN")
        #expect(try Projection.takeCaptured(StoreConnection(postgres: session)).isEmpty)
        try session.execute("INSERT INTO people VALUES ('p1', '卓玛', 2)")
        try session.execute("ROLLBACK")
        try session.execute("BEGIN")
        #expect(try Projection.takeCaptured(StoreConnection(postgres: session)).isEmpty)
        try session.execute("UPDATE people SET fen = 3 WHERE uuid = 'p0'")
        #expect(try Projection.takeCaptured(StoreConnection(postgres: session)).hasPrefix("people\tp0\t"))
        try session.execute("COMMIT")
    }
}
