import Foundation
import GRDB
import GuitaiCore
import PostgresNIO
import Testing
@testable import GuitaiStore

/// The row digest the projection notes in the journal is the same in both engines: a journal written on a hall's
/// SQLite file replays under `verify` on the city's PostgreSQL database.
@Suite struct PostgresRowDigestTests {
    /// Rows of (text, bigint), the only column types of the schema (every table STRICT), each also null somewhere:
    /// Chinese, a tab and a newline, an empty string, the extremes of a 64-bit fen amount, a negative.
    private static let rows: [(String?, Int64?)] = [
        ("扎西·平措", 123_456),
        ("", 0),
        ("a\tb\nc%", Int64.max),
        (nil, Int64.min),
        ("🀄︎ 格桑", -1),
        (nil, nil),
    ]

    @Test func everyValueDigestsAlikeInSQLiteAndPostgreSQL() throws {
        let postgres = try PostgresTestDatabase()
        for statement in PostgresRowDigest.functions { try postgres.session.execute(statement) }
        try postgres.session.execute("CREATE TABLE sample (n integer PRIMARY KEY, t text, i bigint)")

        let sqlite = try DatabaseQueue()
        try sqlite.write { db in
            try Projection.registerDigest(db)
            try db.execute(sql: "CREATE TABLE sample (n INTEGER PRIMARY KEY, t TEXT, i INTEGER) STRICT")
        }
        for (number, row) in Self.rows.enumerated() {
            try postgres.session.query("INSERT INTO sample VALUES (\(number), \(row.0), \(row.1))")
            try sqlite.write { db in
                try db.execute(sql: "INSERT INTO sample VALUES (?, ?, ?)", arguments: [number, row.0, row.1])
            }
        }

        let columns = ["t", "i"]
        let fromPostgres = try postgres.session.query(PostgresQuery(unsafeSQL: """
            SELECT \(PostgresRowDigest.expression(table: "sample", columns: columns, prefix: "")) FROM sample ORDER BY n
            """)).map { try $0.decode(String.self) }
        let fromSQLite = try sqlite.read { db in
            try String.fetchAll(db, sql: "SELECT \(Projection.digestExpression(.init(name: "sample", key: ["n"]), columns: columns, prefix: "")) FROM sample ORDER BY n")
        }
        // And as the store works it out for rows in no database (a bundle's).
        let inSwift = Self.rows.map { Projection.digest(table: "sample", values: [$0.0.databaseValue, $0.1.databaseValue]) }
        #expect(fromPostgres.count == Self.rows.count)
        #expect(fromPostgres == fromSQLite)
        #expect(inSwift == fromSQLite)
        // Every row differs from every other: the digest is not a constant that would agree trivially.
        #expect(Set(fromPostgres).count == Self.rows.count)
        #expect(fromPostgres.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
    }

    @Test func theDigestIsSHA256OverTaggedValuesAsWorkedOutByHand() throws {
        let postgres = try PostgresTestDatabase()
        for statement in PostgresRowDigest.functions { try postgres.session.execute(statement) }
        // guitai_row('t', 'a', 1): tag 3, length 1, "t"; tag 3, length 1, "a"; tag 1, the 8 bytes of 1.
        var bytes: [UInt8] = [3, 0, 0, 0, 0, 0, 0, 0, 1, 0x74, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0x61, 1, 0, 0, 0, 0, 0, 0, 0, 1]
        let expected = try postgres.session.query(PostgresQuery(unsafeSQL: "SELECT left(encode(sha256($1), 'hex'), 32)",
                                                                binds: { var b = PostgresBindings(); b.append(ByteBuffer(bytes: bytes)); return b }()))
            .map { try $0.decode(String.self) }
        let digest = try postgres.session.query("SELECT guitai_digest(guitai_field('t'::text) || guitai_field('a'::text) || guitai_field(1::bigint))")
            .map { try $0.decode(String.self) }
        #expect(digest == expected)
        bytes[bytes.count - 1] = 2
        #expect(expected != (try postgres.session.query(PostgresQuery(unsafeSQL: "SELECT left(encode(sha256($1), 'hex'), 32)",
                                                                      binds: { var b = PostgresBindings(); b.append(ByteBuffer(bytes: bytes)); return b }()))
            .map { try $0.decode(String.self) }))
    }
}
