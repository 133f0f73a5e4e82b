import Foundation
import GRDB
import GuitaiCore
import PostgresNIO
import Testing
@testable import GuitaiStore

/// The city's tables come from the same migrations as a hall's file: made on a real server, they take a hall store's
/// rows as they are, in the hall's name, and give every projected row the digest SQLite gives it.
@Suite struct PostgresSchemaTests {
    @Test func theMigratedSchemaIsMadeOnPostgreSQLAndTakesAHallsRowsWithTheirDigests() throws {
        let objects = try Schema.expectedObjects.get()
        let db = try PostgresTestDatabase()
        for statement in try PostgresSchema.statements(from: objects) {
            try db.session.execute(statement)
        }
        // The rows are copied in as the hall's (the superuser is held to no policy, and names the hall for the
        // tables' default).
        try db.session.execute("SET guitai.hall = '540102'")

        // A hall's store with an administrator, a person and an enrolment, its journal and security log.
        let hall = try TemporaryStore()
        let person = hall.person("扎西·平措", sequence: 1)
        _ = try hall.store.write(TemporaryStore.context(), kind: "person.add") { tx in
            let uuid = try tx.insertPerson(person, initials: "zxpc")
            let enrolment = Enrolment(scheme: .residentMedical, status: .active, regionCode: "540102",
                                      from: TemporaryStore.date, coverFrom: TemporaryStore.date)
            _ = try tx.insertEnrolment(enrolment, personUUID: uuid)
            return ((), ["id": .string(person.id.value)])
        }
        let raw = try hall.raw()
        let tables = objects.filter { $0.type == "table" && $0.name != "grdb_migrations" }.map(\.name).sorted()
        // The view over settled payments reads the same on the city's database.
        #expect(try db.session.query("SELECT count(*) FROM settled_payments")[0].decode(Int.self) == 0)

        // Every table is there with the same columns in the same order, then the hall, then a row number where
        // SQLite gives one.
        for table in tables {
            let sqliteColumns = try raw.read { try Projection.columns(of: table, StoreConnection(sqlite: $0)) }
            let postgresColumns = try db.session.query("""
                SELECT column_name::text FROM information_schema.columns WHERE table_name = \(table) ORDER BY ordinal_position
                """).map { try $0.decode(String.self) }
            let withoutRowid = ["journal", "security_log", "certification_due", "person_search_keys"].contains(table)
            #expect(postgresColumns == sqliteColumns + ["hall_code"] + (withoutRowid ? [] : ["rowid"]), "\(table)")
        }

        // Every row copies across as it is: the checks, keys and references of both engines agree on a real store.
        var copied = 0
        for table in try ordered(tables, db.session) {
            let rows = try raw.read { try Row.fetchAll($0, sql: "SELECT * FROM \(table)") }
            for row in rows {
                var bindings = PostgresBindings()
                var placeholders: [String] = []
                for (index, (_, value)) in row.enumerated() {
                    switch value.storage {
                    case .int64(let number): bindings.append(number)
                    case .string(let text): bindings.append(text)
                    case .null: bindings.appendNull()
                    default: Issue.record("\(table) holds a value of neither text nor integer")
                    }
                    placeholders.append("$\(index + 1)")
                }
                let columns = row.columnNames.joined(separator: ", ")
                try db.session.query(PostgresQuery(unsafeSQL: "INSERT INTO \(table) (\(columns)) VALUES (\(placeholders.joined(separator: ", ")))",
                                                   binds: bindings))
                copied += 1
            }
        }
        #expect(copied >= 8)

        // Each projected row has the digest its hall's file gives it.
        let fromSQLite = try raw.read { db in
            try Projection.registerDigest(db)
            return try Projection.snapshot(StoreConnection(sqlite: db))
        }
        var lines: [String] = []
        for table in Projection.tables {
            let columns = try raw.read { try Projection.columns(of: table.name, StoreConnection(sqlite: $0)) }
            let sql = "SELECT \(table.keyExpression("")), \(PostgresRowDigest.expression(table: table.name, columns: columns, prefix: "")) FROM \(table.name)"
            for row in try db.session.query(PostgresQuery(unsafeSQL: sql)) {
                let (key, digest) = try row.decode((String, String).self)
                lines.append(Projection.Change(table: table.name, key: key, digest: digest).line)
            }
        }
        #expect(lines.sorted().joined(separator: "\n") == fromSQLite)
        #expect(fromSQLite.contains("persons\t") && fromSQLite.contains("enrolments\t"))

        // The journal refuses edits on PostgreSQL too, with SQLite's words.
        let edit = try #require(throws: (any Error).self) { try db.session.execute("UPDATE journal SET kind = 'x'") }
        #expect("\(edit)".contains("the journal is append-only"))
        // And a second open enrolment of the same person in the same scheme is refused by the carried-over index.
        let duplicate = try #require(throws: (any Error).self) {
            try db.session.execute("""
                INSERT INTO enrolments (uuid, person_uuid, scheme, status, region_code, from_date, to_date, cover_from,
                                        employment_status, employer, grade_fen, personal_fen, device, created_serial)
                SELECT 'another-uuid', person_uuid, scheme, status, region_code, from_date, to_date,
                    cover_from, employment_status, employer, grade_fen, personal_fen, device, created_serial FROM enrolments
                """)
        }
        #expect((duplicate as? PostgresSession.Failure)?.sqlState == "23505", "\(duplicate)")
    }

    @Test func anObjectOfAnUnknownShapeIsRefusedNotSkipped() {
        let view = Schema.SchemaObject(type: "materialized", name: "v", sql: "CREATE VIRTUAL TABLE v USING fts5(x)")
        let trigger = Schema.SchemaObject(type: "trigger", name: "t",
                                          sql: "CREATE TRIGGER t AFTER INSERT ON journal BEGIN DELETE FROM settings; END")
        for object in [view, trigger] {
            #expect(throws: PostgresSchema.Untranslatable.self) { _ = try PostgresSchema.statements(from: [object]) }
        }
    }

    /// The tables in an order their references allow, as PostgreSQL reports them.
    private func ordered(_ tables: [String], _ session: PostgresSession) throws -> [String] {
        let references = try session.query("""
            SELECT cl.relname::text, ref.relname::text FROM pg_constraint c
            JOIN pg_class cl ON cl.oid = c.conrelid JOIN pg_class ref ON ref.oid = c.confrelid WHERE c.contype = 'f'
            """).map { try $0.decode((String, String).self) }
        var done: [String] = []
        var remaining = tables
        while let next = remaining.first(where: { table in
            references.filter { $0.0 == table && $0.1 != table }.allSatisfy { done.contains($0.1) }
        }) {
            done.append(next)
            remaining.removeAll { $0 == next }
        }
        return done + remaining
    }
}
