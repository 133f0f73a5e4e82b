import GRDB

/// The store's one way to run SQL: the statements of `StoreTransaction`, the journal, the projection's reads and
/// `verify` go through this, never through an engine's own API, so the same code runs on a hall's SQLite file and on
/// the city's PostgreSQL database.
///
/// Statements are written in SQLite's words; PostgreSQL's side rewrites the few it spells otherwise
/// (`PostgresDialect`). On SQLite every statement is prepared once per connection and kept (GRDB's statement cache):
/// the product's statements are a fixed set of texts, and a lookup in a million people is then 8 µs, not 20.
final class StoreConnection {
    private enum Engine {
        case sqlite(Database)
        case postgres(PostgresSession)
    }

    private let engine: Engine
    /// Rows the last statement wrote, on PostgreSQL (SQLite keeps its own count).
    private var lastWritten = 0

    init(sqlite database: Database) {
        engine = .sqlite(database)
    }

    /// A connection to the city's database, inside a transaction its owner began.
    init(postgres session: PostgresSession) {
        engine = .postgres(session)
    }

    /// The SQLite connection, for what only SQLite has (query plans, pragmas, its own functions and triggers); nil on
    /// PostgreSQL.
    var sqlite: Database? {
        switch engine {
        case .sqlite(let database): database
        case .postgres: nil
        }
    }

    /// Whether statements go to PostgreSQL, for the few reads of the schema each engine words its own way.
    var isPostgres: Bool { sqlite == nil }

    /// Runs one statement that returns no rows.
    /// - Throws: the engine's error (SQLite's `DatabaseError`; PostgreSQL's as `PostgresSession.translate` words it).
    func execute(sql: String, arguments: SQLArguments = []) throws {
        switch engine {
        case .sqlite(let database): try database.cachedStatement(sql: sql).execute(arguments: arguments.sqlite)
        case .postgres(let session): lastWritten = try session.run(PostgresDialect.query(sql, arguments)).written
        }
    }

    /// Runs a statement as it is written, without rewriting or preparing it: the schema's own statements, already in
    /// the engine's words (PostgreSQL's functions hold `$$` and `?`-free bodies the dialect must not touch).
    func executeUnprepared(_ sql: String) throws {
        switch engine {
        case .sqlite(let database): try database.execute(sql: sql)
        case .postgres(let session): try session.execute(sql)
        }
    }

    /// The first column of the first row as `T`; nil when there is no row or it is NULL.
    /// - Throws: the engine's error; `StoreRow.Mismatch` for a value that is no `T`.
    func fetchOne<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, sql: String,
                                                                            arguments: SQLArguments = []) throws -> T? {
        switch engine {
        case .sqlite(let database): try T.fetchOne(database.cachedStatement(sql: sql), arguments: arguments.sqlite)
        case .postgres: try oneRow(sql: sql, arguments: arguments)?.decode(T.self, atIndex: 0)
        }
    }

    /// The first column of every row as `T` (a NULL is skipped on neither engine: it is a mismatch).
    func fetchAll<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, sql: String,
                                                                            arguments: SQLArguments = []) throws -> [T] {
        switch engine {
        case .sqlite(let database): try T.fetchAll(database.cachedStatement(sql: sql), arguments: arguments.sqlite)
        case .postgres: try allRows(sql: sql, arguments: arguments).map { try $0.require(T.self, atIndex: 0) }
        }
    }

    /// Every row, each handed to `body` as it is read and not kept past the call (`StoreRow`).
    func forEachRow(sql: String, arguments: SQLArguments = [], _ body: (StoreRow) throws -> Void) throws {
        switch engine {
        case .sqlite(let database):
            let rows = try Row.fetchCursor(database.cachedStatement(sql: sql), arguments: arguments.sqlite)
            while let row = try rows.next() { try body(StoreRow(row)) }
        case .postgres:
            for row in try allRows(sql: sql, arguments: arguments) { try body(row) }
        }
    }

    /// Every row decoded by `decode`, in order.
    func rows<T>(sql: String, arguments: SQLArguments = [], _ decode: (StoreRow) throws -> T) throws -> [T] {
        var values: [T] = []
        try forEachRow(sql: sql, arguments: arguments) { values.append(try decode($0)) }
        return values
    }

    /// The first row decoded by `decode`, or nil when there is none.
    func firstRow<T>(sql: String, arguments: SQLArguments = [], _ decode: (StoreRow) throws -> T) throws -> T? {
        switch engine {
        case .sqlite(let database):
            let rows = try Row.fetchCursor(database.cachedStatement(sql: sql), arguments: arguments.sqlite)
            guard let row = try rows.next() else { return nil }
            return try decode(StoreRow(row))
        case .postgres:
            return try oneRow(sql: sql, arguments: arguments).map(decode)
        }
    }

    /// Every row, copied: for a caller that keeps rows past the read (`forEachRow` and `rows` do not copy).
    func allRows(sql: String, arguments: SQLArguments = []) throws -> [StoreRow] {
        switch engine {
        case .sqlite(let database):
            return try Row.fetchAll(database.cachedStatement(sql: sql), arguments: arguments.sqlite).map(StoreRow.init)
        case .postgres(let session):
            let (rows, written, _) = try session.run(PostgresDialect.query(sql, arguments))
            lastWritten = written
            guard let first = rows.first else { return [] }
            let columns = StoreRow.Columns(first.map(\.columnName))
            return try rows.map { row in StoreRow(columns: columns, values: try row.map(PostgresDialect.value)) }
        }
    }

    /// The first row, copied; nil when there is none.
    func oneRow(sql: String, arguments: SQLArguments = []) throws -> StoreRow? {
        switch engine {
        case .sqlite(let database):
            try Row.fetchOne(database.cachedStatement(sql: sql), arguments: arguments.sqlite).map(StoreRow.init)
        case .postgres:
            try allRows(sql: sql, arguments: arguments).first
        }
    }

    /// How many rows the last INSERT, UPDATE or DELETE changed.
    var changesCount: Int {
        switch engine {
        case .sqlite(let database): database.changesCount
        case .postgres: lastWritten
        }
    }

    /// Whether the store has a table of this name.
    func tableExists(_ name: String) throws -> Bool {
        switch engine {
        case .sqlite(let database): try database.tableExists(name)
        case .postgres: try fetchOne(Bool.self, sql: "SELECT to_regclass(?) IS NOT NULL", arguments: [name]) ?? false
        }
    }

    /// The message of a refusal by one of the schema's constraints (a key, a check, a reference; on PostgreSQL also
    /// the city-wide enrolment check), on either engine; nil for any other error.
    static func constraintMessage(_ error: Error) -> String? {
        if let sqlite = error as? DatabaseError {
            return sqlite.resultCode == .SQLITE_CONSTRAINT ? sqlite.message ?? "\(sqlite.extendedResultCode)" : nil
        }
        if let refusal = error as? PostgresSession.Failure,
           refusal.sqlState.hasPrefix("23") || refusal.sqlState == PostgresHallIsolation.enrolledElsewhere {
            return refusal.message
        }
        return nil
    }

    /// Runs `body` so that what it wrote is undone, and the transaction goes on, when it throws.
    func inSavepoint(_ body: () throws -> Void) throws {
        switch engine {
        case .sqlite(let database):
            try database.inSavepoint {
                try body()
                return .commit
            }
        case .postgres(let session):
            try session.execute("SAVEPOINT guitai")
            do {
                try body()
                try session.execute("RELEASE SAVEPOINT guitai")
            } catch {
                try? session.execute("ROLLBACK TO SAVEPOINT guitai")
                try? session.execute("RELEASE SAVEPOINT guitai")
                throw error
            }
        }
    }
}
