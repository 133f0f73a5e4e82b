import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// The business tables as a projection of the journal.
///
/// Every row of a projected table is what some journal entry made it. A write connection carries temporary triggers
/// (`install`) that note, for each row a transaction inserts, updates or deletes, its key and a digest of its values
/// (`guitai_row`). `Journal.append` moves those notes into the entry's `changes`, which the entry's hash covers.
/// `verify` replays the notes of every entry, oldest first, and compares the result with a digest of every row now in
/// the tables: a row changed, added or deleted by anything but the product (the `sqlite3` tool, a script) shows up as a
/// difference naming its table and key. The `sqlite3` tool has no such triggers, so what it does is never noted.
enum Projection {
    /// A projected table and the columns that name one of its rows.
    struct Table {
        var name: String
        var key: [String]

        /// The SQL expression of a row's key, over `NEW.`, `OLD.` or the bare columns (prefix "").
        func keyExpression(_ prefix: String) -> String {
            key.map { prefix + $0 }.joined(separator: " || '|' || ")
        }
    }

    /// Every table the product keeps, except the journal itself, the security log (chained on its own), SQLite's
    /// bookkeeping and GRDB's record of migrations. A test checks that no table of the schema is left out.
    static let tables: [Table] = [
        Table(name: "settings", key: ["key"]),
        Table(name: "serial_counters", key: ["day"]),
        Table(name: "operators", key: ["id"]),
        Table(name: "policies", key: ["id"]),
        Table(name: "persons", key: ["uuid"]),
        Table(name: "person_groups", key: ["uuid"]),
        Table(name: "enrolments", key: ["uuid"]),
        Table(name: "enrolment_suspensions", key: ["enrolment_uuid", "from_date"]),
        Table(name: "cards", key: ["uuid"]),
        Table(name: "ecards", key: ["uuid"]),
        Table(name: "benefits", key: ["uuid"]),
        Table(name: "deaths", key: ["person_uuid"]),
        Table(name: "certifications", key: ["uuid"]),
        Table(name: "payment_runs", key: ["uuid"]),
        Table(name: "payments", key: ["uuid"]),
        Table(name: "recoveries", key: ["uuid"]),
        Table(name: "settlements", key: ["uuid"]),
        Table(name: "reversals", key: ["uuid"]),
        Table(name: "outreach_devices", key: ["code"]),
        Table(name: "outreach_bundles", key: ["bundle"]),
        Table(name: "outreach_reviews", key: ["uuid"]),
        Table(name: "outreach_venues", key: ["uuid"]),
        Table(name: "outreach_events", key: ["uuid"]),
        Table(name: "outreach_event_transactions", key: ["serial"]),
        Table(name: "day_closes", key: ["business_date"]),
        Table(name: "settlement_deductibles", key: ["settlement_serial"]),
    ]

    /// Tables outside the projection, and why.
    static let outside: Set<String> = [
        "journal",          // the projection's source, hash-chained
        "security_log",     // logins, chained on its own; lockouts are computed from it
        "grdb_migrations",  // which migrations ran; a missing row makes the next open fail loudly
        "sqlite_sequence",  // SQLite's own counter of AUTOINCREMENT keys, read by verify to find a cut-off tail
    ]

    static let digestFunctionName = "guitai_row"

    /// Registers `guitai_row(table, value...)` on a connection: 32 hex digits of SHA-256 over the table's name and each
    /// value with its type. Written on SQLite's C API: it runs once for every row a transaction writes, and the generic
    /// function wrapper's allocations made that dominate a payment run.
    /// - Throws: the connection's error when SQLite refuses the function.
    static func registerDigest(_ db: Database) throws {
        let code = sqlite3_create_function_v2(db.sqliteConnection, digestFunctionName, -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nil,
                                              rowDigest, nil, nil, nil)
        if code != SQLITE_OK { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The digest of one row's values, as `guitai_row` returns it (type tag, big-endian numbers, length-prefixed text).
    private static let rowDigest: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
        var hasher = SHA256()
        func tag(_ value: UInt8) {
            var value = value
            withUnsafeBytes(of: &value) { hasher.update(bufferPointer: $0) }
        }
        for index in 0..<Int(count) {
            let value = values?[index]
            switch sqlite3_value_type(value) {
            case SQLITE_INTEGER:
                var number = sqlite3_value_int64(value).bigEndian
                tag(1)
                withUnsafeBytes(of: &number) { hasher.update(bufferPointer: $0) }
            case SQLITE_FLOAT:
                var bits = sqlite3_value_double(value).bitPattern.bigEndian
                tag(2)
                withUnsafeBytes(of: &bits) { hasher.update(bufferPointer: $0) }
            case SQLITE_TEXT, SQLITE_BLOB:
                let isText = sqlite3_value_type(value) == SQLITE_TEXT
                let start = isText ? UnsafeRawPointer(sqlite3_value_text(value)) : sqlite3_value_blob(value)
                if start == nil && sqlite3_value_bytes(value) > 0 {
                    // SQLite could not hand the bytes over (out of memory): no digest rather than a wrong one.
                    sqlite3_result_error_nomem(context)
                    return
                }
                var length = UInt64(sqlite3_value_bytes(value)).bigEndian
                tag(isText ? 3 : 4)
                withUnsafeBytes(of: &length) { hasher.update(bufferPointer: $0) }
                if let start { hasher.update(bufferPointer: UnsafeRawBufferPointer(start: start, count: Int(sqlite3_value_bytes(value)))) }
            default:
                tag(0)
            }
        }
        var hex = [UInt8](repeating: 0, count: 32)
        for (index, byte) in hasher.finalize().prefix(16).enumerated() {
            hex[index * 2] = hexDigits[Int(byte >> 4)]
            hex[index * 2 + 1] = hexDigits[Int(byte & 0x0F)]
        }
        hex.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                sqlite3_result_text(context, $0.baseAddress, 32, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }
    }

    /// The digest `guitai_row` gives a row of `table` holding `values` in declared order, worked out here without a
    /// database: for rows that are not in one (a bundle's), on either engine.
    static func digest(table: String, values: [DatabaseValue]) -> String {
        var hasher = SHA256()
        func feed(_ tag: UInt8, _ bytes: some Sequence<UInt8>) {
            hasher.update(data: [tag] + Array(bytes))
        }
        for value in [table.databaseValue] + values {
            switch value.storage {
            case .null: feed(0, [])
            case .int64(let number): feed(1, withUnsafeBytes(of: number.bigEndian, Array.init))
            case .double(let number): feed(2, withUnsafeBytes(of: number.bitPattern.bigEndian, Array.init))
            case .string(let text): feed(3, withUnsafeBytes(of: UInt64(text.utf8.count).bigEndian, Array.init) + Array(text.utf8))
            case .blob(let data): feed(4, withUnsafeBytes(of: UInt64(data.count).bigEndian, Array.init) + Array(data))
            }
        }
        return String(decoding: hasher.finalize().prefix(16).flatMap { [hexDigits[Int($0 >> 4)], hexDigits[Int($0 & 0x0F)]] },
                      as: UTF8.self)
    }

    /// The columns of a table in declared order (on PostgreSQL, SQLite's columns: the city's `hall_code` and `rowid` are
    /// not among them).
    static func columns(of table: String, _ db: StoreConnection) throws -> [String] {
        if db.isPostgres {
            return try db.fetchAll(String.self, sql: """
                SELECT column_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? AND column_name NOT IN ('hall_code', 'rowid')
                ORDER BY ordinal_position
                """, arguments: [table])
        }
        return try db.fetchAll(String.self, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
    }

    /// The digest of a row in SQL, as `db`'s engine computes it (`PostgresRowDigest` on PostgreSQL).
    static func digestExpression(_ table: Table, columns: [String], prefix: String, on db: StoreConnection) -> String {
        db.isPostgres ? PostgresRowDigest.expression(table: table.name, columns: columns, prefix: prefix)
            : digestExpression(table, columns: columns, prefix: prefix)
    }

    /// `guitai_row('table', <prefix>a, <prefix>b, ...)`.
    static func digestExpression(_ table: Table, columns: [String], prefix: String) -> String {
        "\(digestFunctionName)('\(table.name)', " + columns.map { prefix + $0 }.joined(separator: ", ") + ")"
    }

    /// Creates the temporary capture table and triggers on a write connection (after migrations).
    /// - Parameter tables: the projected tables (all of them; a test gives tables of its own).
    static func install(_ db: Database, tables: [Table] = Projection.tables) throws {
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS captured (
                tbl TEXT NOT NULL, key TEXT NOT NULL, digest TEXT, PRIMARY KEY (tbl, key)) WITHOUT ROWID
            """)
        for table in tables {
            let columns = try columns(of: table.name, StoreConnection(sqlite: db))
            // A table missing from a damaged store has nothing to note; `verify` reports it.
            guard !columns.isEmpty else { continue }
            let new = digestExpression(table, columns: columns, prefix: "NEW.")
            let name = "guitai_capture_" + table.name
            try db.execute(sql: """
                CREATE TEMP TRIGGER IF NOT EXISTS \(name)_insert AFTER INSERT ON main.\(table.name) BEGIN
                    INSERT OR REPLACE INTO captured VALUES ('\(table.name)', \(table.keyExpression("NEW.")), \(new));
                END;
                CREATE TEMP TRIGGER IF NOT EXISTS \(name)_update AFTER UPDATE ON main.\(table.name) BEGIN
                    INSERT OR REPLACE INTO captured SELECT '\(table.name)', \(table.keyExpression("OLD.")), NULL
                        WHERE \(table.keyExpression("OLD.")) IS NOT \(table.keyExpression("NEW."));
                    INSERT OR REPLACE INTO captured VALUES ('\(table.name)', \(table.keyExpression("NEW.")), \(new));
                END;
                CREATE TEMP TRIGGER IF NOT EXISTS \(name)_delete AFTER DELETE ON main.\(table.name) BEGIN
                    INSERT OR REPLACE INTO captured VALUES ('\(table.name)', \(table.keyExpression("OLD.")), NULL);
                END;
                """)
        }
    }

    /// What the current transaction changed, as the journal keeps it, and forgets it: one line per row,
    /// `table TAB key TAB digest` (`-` for a deleted row), sorted.
    /// - Parameter tables: only the notes of these tables, leaving the others for the entry.
    static func takeCaptured(_ db: StoreConnection, tables: Set<String>? = nil) throws -> String {
        // SQLite's triggers keep the derived tables as rows change; on PostgreSQL they are brought up to date from the
        // notes here, where every journal entry takes them.
        if db.isPostgres { try PostgresDerivedTables.refresh(db) }
        let only = tables.map { " WHERE tbl IN (" + $0.sorted().map { "'\($0)'" }.joined(separator: ", ") + ")" } ?? ""
        let rows = try db.allRows(sql: "SELECT tbl, key, digest FROM captured\(only) ORDER BY tbl COLLATE BINARY, key COLLATE BINARY")
        try db.execute(sql: "DELETE FROM captured" + only)
        return try rows.map { row in
            Change(table: try row.require(String.self, atIndex: 0), key: try row.require(String.self, atIndex: 1),
                   digest: try row.decode(String.self, atIndex: 2)).line
        }.joined(separator: "\n")
    }

    /// Whether the current transaction changed any projected row.
    static func hasCaptured(_ db: StoreConnection) throws -> Bool {
        try db.fetchOne(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM captured)") ?? false
    }

    /// Every row now in the projected tables, as the journal would note it (for the upgrade of an older store).
    static func snapshot(_ db: StoreConnection) throws -> String {
        var lines: [String] = []
        for table in tables {
            let columns = try columns(of: table.name, db)
            // A table a later migration makes is not there yet when an older store is upgraded.
            guard !columns.isEmpty else { continue }
            for row in try db.allRows(sql: "SELECT \(table.keyExpression("")), \(digestExpression(table, columns: columns, prefix: "")) FROM \(table.name)") {
                lines.append(Change(table: table.name, key: try row.require(String.self, atIndex: 0), digest: try row.decode(String.self, atIndex: 1)).line)
            }
        }
        return lines.sorted().joined(separator: "\n")
    }

    /// One noted row change.
    struct Change: Hashable {
        var table: String
        var key: String
        /// nil when the row was deleted.
        var digest: String?

        /// Keys are ids, UUIDs and dates; a tab, newline or `%` in one is escaped so every line splits in three.
        var line: String {
            table + "\t" + Change.escape(key) + "\t" + (digest ?? "-")
        }

        init(table: String, key: String, digest: String?) {
            self.table = table
            self.key = key
            self.digest = digest
        }

        init?(line: Substring) {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 3 else { return nil }
            table = String(parts[0])
            key = Change.unescape(String(parts[1]))
            digest = parts[2] == "-" ? nil : String(parts[2])
        }

        static func escape(_ text: String) -> String {
            guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "%" }) else { return text }
            return text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\t", with: "%09")
                .replacingOccurrences(of: "\n", with: "%0A")
        }

        static func unescape(_ text: String) -> String {
            guard text.contains("%") else { return text }
            return text.replacingOccurrences(of: "%09", with: "\t").replacingOccurrences(of: "%0A", with: "\n")
                .replacingOccurrences(of: "%25", with: "%")
        }
    }
}
