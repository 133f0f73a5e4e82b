import Foundation
import GRDB
import Testing
@testable import GuitaiStore

/// The store's statements, written in SQLite's words, as PostgreSQL takes them, and PostgreSQL's values as the store's
/// decoders read SQLite's.
@Suite struct PostgresDialectTests {
    @Test func placeholdersAreNumberedInOrderOutsideQuotes() throws {
        let query = try PostgresDialect.query("SELECT '?', \"a?\" FROM t WHERE a = ? AND b = ? AND c::text = '::x'", ["one", 2])
        #expect(query.sql == "SELECT '?', \"a?\" FROM t WHERE a = $1 AND b = $2 AND c::text = '::x'")
        #expect(query.binds.count == 2)
    }

    @Test func aNameUsedTwiceIsOnePlaceholder() throws {
        let query = try PostgresDialect.query("SELECT * FROM b WHERE d <= :asOf AND e LIKE :prefix OR f <= :asOf",
                                              ["asOf": "2026-12-01", "prefix": "54%"])
        #expect(query.sql == "SELECT * FROM b WHERE d <= $1 AND e LIKE $2 OR f <= $1")
        #expect(query.binds.count == 2)
    }

    @Test func aPlaceholderWithoutItsValueIsAnErrorNotANull() {
        #expect(throws: PostgresDialect.UnboundPlaceholder.self) { try PostgresDialect.query("SELECT ?, ?", ["one"]) }
        #expect(throws: PostgresDialect.UnboundPlaceholder.self) { try PostgresDialect.query("SELECT :a, :b", ["a": 1]) }
        #expect(throws: PostgresDialect.UnboundPlaceholder.self) { try PostgresDialect.query("SELECT :a", [1]) }
    }

    @Test func sqliteWordsArePostgresWords() {
        #expect(PostgresDialect.rewritten("INSERT OR IGNORE INTO t(a) VALUES (?)\n") == "INSERT INTO t(a) VALUES (?) ON CONFLICT DO NOTHING")
        #expect(PostgresDialect.rewritten("SELECT tbl FROM captured ORDER BY tbl COLLATE BINARY, key COLLATE BINARY")
                == "SELECT tbl FROM captured ORDER BY tbl COLLATE \"C\", key COLLATE \"C\"")
        #expect(PostgresDialect.rewritten("SELECT serial FROM journal WHERE json_extract(payload, '$.reversed') = ?")
                == "SELECT serial FROM journal WHERE (payload::jsonb ->> 'reversed') = ?")
    }

    /// Every other rewrite, on the product's own statements (or their shapes).
    @Test func theRestOfSQLitesWordsArePostgresWordsToo() {
        let pairs: [(String, String)] = [
            ("SELECT k.person_uuid, CASE WHEN ? GLOB c.initials THEN 1 ELSE 0 END FROM k WHERE ? GLOB guitai_initials_prefix(c.initials, ?))",
             "SELECT k.person_uuid, CASE WHEN guitai_glob(?, c.initials) THEN 1 ELSE 0 END FROM k WHERE guitai_glob(?, guitai_initials_prefix(c.initials, ?)))"),
            ("UPDATE enrolments SET to_date = max(?, from_date) WHERE uuid = ?",
             "UPDATE enrolments SET to_date = greatest(?, from_date) WHERE uuid = ?"),
            ("SELECT max(seq), min(at) FROM journal", "SELECT max(seq), min(at) FROM journal"),
            ("SELECT 1 FROM k WHERE key = ? AND name IS ? AND id_number IS NOT ? AND x IS NOT NULL",
             "SELECT 1 FROM k WHERE key = ? AND name IS NOT DISTINCT FROM ? AND id_number IS DISTINCT FROM ? AND x IS NOT NULL"),
            ("SELECT serial FROM journal WHERE instr(char(10) || changes, ?) > 0", "SELECT serial FROM journal WHERE strpos(chr(10) || changes, ?) > 0"),
            ("DELETE FROM temp.outreach_people", "DELETE FROM pg_temp.outreach_people"),
            ("CREATE TEMP TABLE IF NOT EXISTS outreach_people (uuid TEXT PRIMARY KEY) WITHOUT ROWID",
             "CREATE TEMP TABLE IF NOT EXISTS outreach_people (uuid TEXT PRIMARY KEY)"),
            ("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
             "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(hall_code, key) DO UPDATE SET value = excluded.value"),
            ("SELECT seq FROM sqlite_sequence WHERE name = ?", "SELECT seq FROM guitai_sequence WHERE name = ?"),
            ("SELECT (SELECT json_group_array(json_array(g.uuid, g.group_code)) FROM g) AS group_list",
             "SELECT (SELECT json_agg(json_build_array(g.uuid, g.group_code)) FROM g) AS group_list"),
        ]
        for (sqlite, postgres) in pairs {
            #expect(PostgresDialect.rewritten(sqlite) == postgres)
        }
    }

    /// What the store's decoders get from each PostgreSQL type, against what SQLite gives for the same values.
    @Test func valuesComeBackAsSQLiteGivesThem() throws {
        let db = try PostgresTestDatabase()
        let connection = StoreConnection(postgres: db.session)
        try connection.execute(sql: "CREATE TABLE t (n bigint, s text, b bytea)")
        try connection.execute(sql: "INSERT INTO t VALUES (?, ?, ?), (?, ?, ?)",
                               arguments: [Int64.max, "扎西·平措", Data([0, 1, 255]), -5, nil, nil])
        #expect(connection.changesCount == 2)
        let row = try #require(try connection.oneRow(sql: """
            SELECT sum(n - 1) AS total, EXISTS (SELECT 1 FROM t WHERE s IS NULL) AS any_null, max(s) AS name,
                   json_agg(json_build_array(n, s)) AS list, (SELECT b FROM t WHERE b IS NOT NULL) AS bytes
            FROM t
            """))
        // sum() of bigint is numeric on PostgreSQL; a whole one comes back an integer, as SQLite's sum does.
        #expect(try row.decode(Int64.self, forColumn: "total") == Int64.max - 1 - 6)
        #expect(try row.decode(Bool.self, forColumn: "any_null") == true)
        #expect(row["any_null"] == 1.databaseValue)
        #expect(try row.decode(String.self, forColumn: "name") == "扎西·平措")
        let list = try #require(try row.decode(String.self, forColumn: "list"))
        #expect(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[Any]] != nil)
        #expect(row["bytes"] == Data([0, 1, 255]).databaseValue)
        #expect(try connection.fetchAll(String.self, sql: "SELECT s FROM t WHERE s IS NOT NULL ORDER BY n") == ["扎西·平措"])
        #expect(try connection.fetchOne(Int64.self, sql: "SELECT n FROM t WHERE s IS NULL") == -5)
        #expect(try connection.tableExists("t") && !(try connection.tableExists("missing")))
    }

    @Test func aSavepointUndoesOnlyWhatFailed() throws {
        let db = try PostgresTestDatabase()
        let connection = StoreConnection(postgres: db.session)
        try connection.execute(sql: "CREATE TABLE t (n bigint PRIMARY KEY)")
        try db.session.execute("BEGIN")
        try connection.execute(sql: "INSERT INTO t VALUES (1)")
        #expect(throws: (any Error).self) {
            try connection.inSavepoint {
                try connection.execute(sql: "INSERT INTO t VALUES (2)")
                try connection.execute(sql: "INSERT INTO t VALUES (1)")
            }
        }
        try connection.execute(sql: "INSERT INTO t VALUES (3)")
        try db.session.execute("COMMIT")
        #expect(try connection.fetchAll(Int64.self, sql: "SELECT n FROM t ORDER BY n") == [1, 3])
    }
}
