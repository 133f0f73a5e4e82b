import Foundation
import GRDB
import GuitaiCore
import PostgresNIO

extension Store {
    /// What a copy of a hall's store into the city's database moved, and what `verify` found there after.
    public struct CopyReport: Sendable {
        /// The hall copied.
        public var hall: String
        /// Rows copied, every table's together.
        public var rows: Int
        /// The journal's transactions, as `verify` on the destination counts them.
        public var transactions: Int
    }

    /// Copies a hall's store file, whole, into the city's database as that hall's store (`guitai store copy`): every
    /// row of every table as it is, the journal and the security log with their numbers and hashes, so the hall's
    /// journal replays there. In one transaction, checked before it commits (every table's row count, and every
    /// projected row's digest, the city's against the file's), then proved by `verify` on the city's side.
    ///
    /// The file is only read. The copy runs on a connection of its own, which notes nothing (the rows were noted when
    /// the hall wrote them), as the hall of the file (`SET guitai.hall`, or the hall login's own hall).
    /// - Throws: `store-copy` (64) for a direction not offered yet (from the city, or between two files);
    ///   `store-exists` (65) when the hall already has a store in the city's database; `hall-login` (1) when the login
    ///   works for another hall; `store-copy-mismatch` (1) when the check before the commit finds a difference (nothing
    ///   is copied); `enrolled-at-another-hall` (65) when one of the file's people has an open enrolment in a scheme
    ///   at another hall; the store's refusals of either side.
    public static func copy(from source: String, to destination: String) throws -> CopyReport {
        guard !PostgresLocation.names(source), PostgresLocation.names(destination) else {
            throw DomainError(.usage, code: "store-copy",
                              zh: "目前只能把大厅的库文件复制到城市库（--from 文件 --to postgres://…）",
                              en: "For now a copy goes from a hall's store file into the city's database (--from FILE --to postgres://…)")
        }
        let wait = BusyWait(limit: busyTimeout)
        do {
            let file = try StoreFile.inspect(source, wait: wait)
            guard file.pendingMigrations.isEmpty else {
                throw DomainError(.failure, code: "store-copy",
                                  zh: "库文件 \(source) 需先升级到本版本的格式：请先运行 guitai store migrate --store \(source)",
                                  en: "The store file \(source) must be upgraded to this version first: run guitai store migrate --store \(source)")
            }
            let hall = file.hall
            let city = try PostgresStoreSession(address: destination, hall: hall.code)
            try migrateCity(city)
            guard try city.hall() == hall.code else {
                throw DomainError(.failure, code: "hall-login", zh: "数据库登录 \(city.location.user) 不能为大厅 \(hall.code) 写入",
                                  en: "The database login \(city.location.user) cannot write for hall \(hall.code)")
            }
            var configuration = Configuration()
            configuration.readonly = true
            let reader = try DatabaseQueue(path: file.openName, configuration: configuration)
            let objects = try Schema.expectedObjects.get()
            let tables = try PostgresSchema.tableOrder(objects)
            let raw = try city.separateSession()
            try raw.execute("BEGIN")
            let copied: Int
            do {
                guard try raw.query("SELECT count(*) FROM settings WHERE hall_code = guitai_hall()")[0].decode(Int.self) == 0 else {
                    throw DomainError.refused("store-exists",
                                              zh: "城市库 \(city.location) 中已有大厅 \(hall.code) 的库，未作任何改动",
                                              en: "Hall \(hall.code) already has a store in the city database \(city.location); nothing was changed")
                }
                copied = try reader.read { db in try copyRows(of: tables, from: db, to: raw, source: source) }
                try raw.execute("COMMIT")
            } catch {
                try? raw.execute("ROLLBACK")
                throw error
            }
            let store = Store(path: city.location.description, engine: .postgres(city), hall: hall, isReadOnly: false, wait: wait,
                              makeID: randomIDs)
            let report = try store.verify()
            guard report.ok else {
                let first = report.problems.first?.message ?? Bilingual(zh: "", en: "")
                throw DomainError(.failure, code: "store-copy-mismatch",
                                  zh: "复制后校验城市库发现 \(report.problems.count) 处问题，首个：\(first.zh)；请运行 guitai verify 查看",
                                  en: "verify found \(report.problems.count) problems in the city's copy, the first: \(first.en); run guitai verify")
            }
            return CopyReport(hall: hall.code, rows: copied, transactions: report.transactions)
        } catch {
            throw Store.translate(error)
        }
    }

    /// Inserts every row of `tables` (in an order their references allow) and checks each table's count and each
    /// projected row's digest on the city's side before the caller commits.
    private static func copyRows(of tables: [String], from db: Database, to raw: PostgresSession, source: String) throws -> Int {
        var copied = 0
        for table in tables {
            let hasRowid = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM pragma_table_list WHERE name = ? AND wr = 1)",
                                             arguments: [table]) ?? true
            let order = hasRowid && !["journal", "security_log"].contains(table) ? " ORDER BY rowid" : ""
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table)\(order)")
            var count = 0
            let city = StoreConnection(postgres: raw)
            while let row = try rows.next() {
                let columns = Array(row.columnNames)
                try city.execute(sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                                 arguments: SQLArguments(Array(row.databaseValues)))
                count += 1
            }
            let there = try raw.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))[0].decode(Int.self)
            guard there == count else { throw mismatch(table, source: source) }
            copied += count
        }
        // SQLite's highest numbers, which may be above the last row when a tail was cut (`verify` says so there too).
        for row in try Row.fetchAll(db, sql: "SELECT name, seq FROM sqlite_sequence") {
            guard let name = try row.decode(String?.self, forColumn: "name"), let seq = try row.decode(Int64?.self, forColumn: "seq") else {
                throw mismatch("sqlite_sequence", source: source)
            }
            try raw.query("""
                INSERT INTO guitai_sequence (name, seq) VALUES (\(name), \(seq))
                ON CONFLICT (hall_code, name) DO UPDATE SET seq = greatest(guitai_sequence.seq, excluded.seq)
                """)
        }
        // Every projected row has, in the city, the digest it has in the file.
        try Projection.registerDigest(db)
        for table in Projection.tables {
            let columns = try Projection.columns(of: table.name, StoreConnection(sqlite: db))
            let fromFile = try String.fetchAll(db, sql: """
                SELECT \(table.keyExpression("")) || ' ' || \(Projection.digestExpression(table, columns: columns, prefix: "")) FROM \(table.name)
                """).sorted()
            let inCity = try raw.query(PostgresQuery(unsafeSQL: """
                SELECT \(table.keyExpression("")) || ' ' || \(PostgresRowDigest.expression(table: table.name, columns: columns, prefix: "")) FROM \(table.name)
                """)).map { try $0.decode(String.self) }.sorted()
            guard fromFile == inCity else { throw mismatch(table.name, source: source) }
        }
        return copied
    }

    private static func mismatch(_ table: String, source: String) -> DomainError {
        DomainError(.failure, code: "store-copy-mismatch",
                    zh: "复制 \(source) 时表 \(table) 在城市库中与文件不符，已撤销，未作任何改动",
                    en: "Copying \(source), table \(table) in the city's database differs from the file's; undone, nothing was changed")
    }
}
