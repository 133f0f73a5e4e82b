#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import GuitaiCore

/// The hall's store: one SQLite file, safe for several counters (processes) at once, durable once a receipt prints;
/// or one hall's part of the city's PostgreSQL database (`postgres://…`, `PostgresStoreSession`).
///
/// Opening and reading never take the write lock, so a counter that only looks never waits for one that writes (WAL;
/// on PostgreSQL, a snapshot). Every operation waits out other counters' locks for `busyTimeout` seconds of real time
/// before it answers "busy".
public final class Store: Sendable {
    /// The store file's path, or the city database's address (without a password).
    public let path: String
    public let hall: HallSettings
    /// Opened without write permission on the file: everything can be read and verified, nothing recorded.
    public let isReadOnly: Bool
    private let engine: Engine

    enum Engine: Sendable {
        /// A hall's file. `reader` is the connection every `read` runs on, opened read-only. Reads on the writing
        /// connection would have GRDB switch `PRAGMA query_only` on and off around each, and SQLite expires every
        /// prepared statement when a flag pragma changes: each read then compiled its statements again (a lookup in a
        /// million people took 200 µs, not 20).
        case sqlite(writer: DatabaseQueue, reader: DatabaseQueue)
        /// The city's database.
        case postgres(PostgresStoreSession)
    }
    /// Makes record UUIDs; injected so tests can be deterministic.
    private let makeID: @Sendable () -> String
    let wait: BusyWait

    /// Seconds of real waiting for another counter before the store answers "busy" (exit 75; the contract asks for ≥ 5).
    public static let busyTimeout: TimeInterval = 10

    /// Told, after each business transaction, its kind and how long it held the write lock (seconds, from taking the
    /// lock to the end of the commit). Set by the benchmarks; nil in the product.
    nonisolated(unsafe) public static var lockHoldObserver: (@Sendable (String, Double) -> Void)?

    /// Told the text of every statement run on connections opened while it is set. Set by the test that checks every
    /// statement's plan (`EXPLAIN QUERY PLAN`); nil in the product, where nothing is traced.
    public static var statementObserver: (@Sendable (String) -> Void)? {
        get { observedStatements.get() }
        set { observedStatements.set(newValue) }
    }
    private static let observedStatements = LockedValue<(@Sendable (String) -> Void)?>(nil)

    init(path: String, engine: Engine, hall: HallSettings, isReadOnly: Bool, wait: BusyWait,
                 makeID: @escaping @Sendable () -> String) {
        self.path = path
        self.engine = engine
        self.hall = hall
        self.isReadOnly = isReadOnly
        self.wait = wait
        self.makeID = makeID
    }

    /// The reading connection closes first, so the writing one closes last and ends the write-ahead log: a read-only
    /// connection closing last leaves the log as it is, and the next process to open the store would recover from it
    /// a commit whose sync failed, which the clerk was told was not saved (`DiskFaultTests`).
    deinit {
        if case .sqlite(_, let reader) = engine { try? reader.close() }
    }

    public static let randomIDs: @Sendable () -> String = { UUID().uuidString.lowercased() }

    /// The value of `settings.format` that marks a Guitai store.
    static let format = "guitai-1"

    /// A connection to a file already known to be a Guitai store. GRDB's own WAL set-up is not used: it writes a
    /// scratch table whenever the `-wal` file is empty, which would make a reader wait for a writer. The journal mode
    /// is set once, when the store is created, and persists in the file.
    private static func connect(_ path: String, readOnly: Bool, capture: Bool, wait: BusyWait, syncEachCommit: Bool = true) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = wait.sqliteBusyMode
        configuration.readonly = readOnly
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // A printed receipt must survive power loss: every commit is synced (2 = FULL, read back by a test). Only a
            // store being built under a temporary name, synced whole before it takes its place, skips it.
            try db.execute(sql: syncEachCommit ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = OFF")
            // Deleted records are overwritten, not left readable in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // The projection's notes of each transaction live in a temporary table: in memory, not a temporary file.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            if let observer = statementObserver {
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { observer(statement.sql) }
                }
            }
            try Projection.registerDigest(db)
            db.add(function: StoreTransaction.initialsPrefix)
            db.add(function: PersonSearchKeys.function)
            db.add(function: CertificationDue.function)
            if capture && !readOnly {
                try Projection.install(db)
                try PersonSearchKeys.install(db)
                try CertificationDue.install(db)
            }
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Creates a new store file; refuses to touch an existing one. The file is claimed with O_EXCL, so two `init`s
    /// cannot both create it, and only a file this call created is removed when creation fails.
    /// - Parameter syncEachCommit: false only for a store built whole under a temporary name (the training store),
    ///   which `placeBuilt` syncs before it takes its place.
    public static func create(at path: String, hall: HallSettings, context: WriteContext,
                              makeID: @escaping @Sendable () -> String = randomIDs, kind: String = "store.init",
                              syncEachCommit: Bool = true,
                              firstJournal: (StoreTransaction) throws -> JSONValue) throws -> Store {
        if PostgresLocation.names(path) {
            return try createInCity(address: path, hall: hall, context: context, makeID: makeID, kind: kind, firstJournal: firstJournal)
        }
        try refuseDatabaseAddress(path)
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw DomainError.refused("store-exists", zh: "库文件 \(path) 已存在，init 不会改动已有的库",
                                          en: "A store already exists at \(path); init never touches an existing store")
            }
            throw DomainError(.failure, code: "store-unwritable", zh: "无法创建库文件 \(path)：\(String(cString: strerror(errno)))",
                              en: "Cannot create the store file \(path): \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        let wait = BusyWait(limit: busyTimeout)
        do {
            try wait.run {
                let setup = try connect(path, readOnly: false, capture: false, wait: wait)
                try setup.writeWithoutTransaction { db in
                    guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                        throw DomainError(.failure, code: "store-unwritable", zh: "无法为 \(path) 启用 WAL 日志",
                                          en: "Cannot switch \(path) to WAL journaling")
                    }
                }
                try Schema.migrator().migrate(setup)
            }
            let queue = try wait.run { try connect(path, readOnly: false, capture: true, wait: wait, syncEachCommit: syncEachCommit) }
            let reader = try wait.run { try connect(path, readOnly: true, capture: false, wait: wait) }
            let store = Store(path: path, engine: .sqlite(writer: queue, reader: reader), hall: hall, isReadOnly: false, wait: wait,
                              makeID: makeID)
            try store.begin(context, kind: kind, firstJournal: firstJournal)
            return store
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw Store.translate(error)
        }
    }

    /// Writes a new store's settings, first administrator and first journal entry, which commit together or not at all.
    func begin(_ context: WriteContext, kind: String, firstJournal: (StoreTransaction) throws -> JSONValue) throws {
        _ = try write(context, kind: kind) { tx in
            let settings: [(String, String)] = [
                ("hall.code", hall.code), ("hall.name", hall.name), ("hall.region", hall.regionCode),
                ("mode", hall.isTraining ? "training" : "real"), ("device.id", hall.deviceID),
                ("policy.default", hall.defaultPolicyID), ("format", Store.format),
                ("security.key", SecurityLog.newKey()),
            ] + (hall.outreachDevice.map { [("outreach.device", $0), ("outreach.anchor", hall.chainStart)] } ?? [])
            for (key, value) in settings { try tx.setSetting(key, value) }
            return ((), try firstJournal(tx))
        }
    }

    /// Opens an existing store. The file is first looked at read-only (`StoreFile`): another program's database, a
    /// directory, a newer format are refused before anything is written. A store of an older schema is migrated; a
    /// store this process cannot write is opened read-only.
    public static func open(at path: String, makeID: @escaping @Sendable () -> String = randomIDs) throws -> Store {
        if PostgresLocation.names(path) { return try openInCity(address: path, makeID: makeID) }
        let wait = BusyWait(limit: busyTimeout)
        do {
            let file = try StoreFile.inspect(path, wait: wait)
            if !file.pendingMigrations.isEmpty {
                guard file.isWritable else {
                    throw DomainError(.failure, code: "store-read-only",
                                      zh: "库文件 \(path) 需要升级到本版本的格式，但当前用户没有写权限；请由管理员打开一次",
                                      en: "The store \(path) must be upgraded to this version's format, but it is read-only here: have the administrator open it once")
                }
                do {
                    try wait.run {
                        let upgrade = try connect(path, readOnly: false, capture: false, wait: wait)
                        try Schema.migrator().migrate(upgrade)
                    }
                } catch {
                    // Two counters opening an old store at once: one upgrades, the other's attempt fails once the
                    // first committed. Carry on if nothing is pending any more.
                    guard try StoreFile.inspect(path, wait: wait).pendingMigrations.isEmpty else {
                        let detail = (error as? DatabaseError)?.message ?? "\(error)"
                        throw DomainError(.failure, code: "store-upgrade-failed",
                                          zh: "库文件 \(path) 升级失败（\(detail)）：其升级记录 grdb_migrations 与表不符，可能被改动；未作任何改动，请联系管理员",
                                          en: "The store \(path) could not be upgraded (\(detail)): its record of upgrades, grdb_migrations, does not match its tables and may have been edited; nothing was changed: call the administrator")
                    }
                }
            }
            let name = file.isWritable ? path : file.openName
            let queue = try wait.run { try connect(name, readOnly: !file.isWritable, capture: true, wait: wait) }
            let reader = try wait.run { try connect(name, readOnly: true, capture: false, wait: wait) }
            return Store(path: path, engine: .sqlite(writer: queue, reader: reader), hall: file.hall, isReadOnly: !file.isWritable,
                         wait: wait, makeID: makeID)
        } catch {
            throw Store.translate(error)
        }
    }

    /// Who a store belongs to, found out without opening it for writing (nothing is migrated or logged).
    public static func inspect(at path: String) throws -> HallSettings {
        if PostgresLocation.names(path) { return try open(at: path).hall }
        do { return try StoreFile.inspect(path, wait: BusyWait(limit: busyTimeout)).hall } catch { throw translate(error) }
    }

    /// The city's session, when the store is in the city's database.
    var city: PostgresStoreSession? {
        if case .postgres(let city) = engine { return city }
        return nil
    }

    /// Runs `body` on each SQLite connection outside any transaction (their settings); nothing on PostgreSQL.
    func inConnections(_ body: (Database) throws -> Void) throws {
        guard case .sqlite(let writer, let reader) = engine else { return }
        try writer.inDatabase(body)
        try reader.inDatabase(body)
    }

    /// Reads a consistent snapshot; never waits for a writer.
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try wait.run {
                let reader: DatabaseQueue
                switch engine {
                case .sqlite(_, let sqlite): reader = sqlite
                case .postgres(let city):
                    return try city.transaction(readOnly: true) { connection in
                        try body(StoreTransaction(db: connection, serial: nil, deviceID: hall.deviceID, makeID: makeID))
                    }
                }
                // One deferred transaction, a consistent snapshot, begun and ended by statements prepared once (GRDB's
                // own `read` compiles its BEGIN and COMMIT every time).
                return try reader.inDatabase { db in
                    try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
                    do {
                        let value = try body(StoreTransaction(db: StoreConnection(sqlite: db), serial: nil, deviceID: hall.deviceID, makeID: makeID))
                        try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                        return value
                    } catch {
                        if !db.isInsideTransaction { throw error }
                        try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
                        throw error
                    }
                }
            }
        } catch {
            throw Store.translate(error)
        }
    }

    /// Runs one business transaction: an immediate SQLite transaction that allocates the serial number,
    /// lets `body` read and write, and appends the journal entry with the payload `body` returns and the rows it
    /// changed. Anything thrown rolls everything back. `body` may run more than once when the store was busy.
    public func write<T>(_ context: WriteContext, kind: String,
                         _ body: (StoreTransaction) throws -> (T, JSONValue)) throws -> (value: T, serial: String) {
        try refuseIfReadOnly()
        do {
            return try wait.run {
                let clock = ContinuousClock()
                var locked = clock.now
                /// The transaction's work, once the hall's writes are locked out: the same on both engines.
                func record(_ connection: StoreConnection) throws -> (T, String) {
                    locked = clock.now
                    if !Store.recordsOnClosedDays(kind) { try refuseIfClosed(connection, context.businessDate) }
                    let serial = try nextSerial(connection, on: context.businessDate)
                    let tx = StoreTransaction(db: connection, serial: serial, deviceID: hall.deviceID, makeID: makeID)
                    let (value, payload) = try body(tx)
                    if hall.isOutreach { try tx.noteAtOpenEvent(kind: kind) }
                    try Journal.append(connection, serial: serial, context: context, device: hall.deviceID, kind: kind,
                                       payload: payload.rendered(), chainStart: hall.chainStart)
                    return (value, serial)
                }
                let outcome: (T, String)
                switch engine {
                case .sqlite(let writer, _):
                    var recorded: (T, String)?
                    try writer.writeWithoutTransaction { db in
                        try db.inTransaction(.immediate) {
                            recorded = try record(StoreConnection(sqlite: db))
                            return .commit
                        }
                    }
                    guard let recorded else { throw DatabaseError(resultCode: .SQLITE_INTERNAL) }
                    outcome = recorded
                case .postgres(let city):
                    outcome = try city.transaction(readOnly: false) { connection in
                        try Store.lockHallWrites(connection)
                        return try record(connection)
                    }
                }
                Store.lockHoldObserver?(kind, BusyWait.seconds(clock.now - locked))
                return outcome
            }
        } catch {
            throw Store.translate(error)
        }
    }

    /// Writes outside the business journal: the security log of logins. Such a write may not touch a business table.
    func writeSecurity(_ body: (StoreConnection) throws -> Void) throws {
        try refuseIfReadOnly()
        do {
            try wait.run {
                func record(_ connection: StoreConnection) throws {
                    try body(connection)
                    if try Projection.hasCaptured(connection) {
                        throw DomainError(.failure, code: "internal-error", zh: "安全日志写入改动了业务数据",
                                          en: "A security-log write changed business data")
                    }
                }
                switch engine {
                case .sqlite(let writer, _):
                    try writer.writeWithoutTransaction { db in
                        try db.inTransaction(.immediate) {
                            try record(StoreConnection(sqlite: db))
                            return .commit
                        }
                    }
                case .postgres(let city):
                    try city.transaction(readOnly: false) { connection in
                        try Store.lockHallWrites(connection)
                        try record(connection)
                    }
                }
            }
        } catch {
            throw Store.translate(error)
        }
    }

    /// What may still be journaled on a closed business date: records of who looked at what (a full ID number shown,
    /// a list taken, a notice printed), which change no business and must never be refused for the audit's sake, the
    /// administrator's work on accounts (an account suspected in the evening is disabled at once, not tomorrow), and
    /// the rebuilding of the derived tables, which changes no record (`store.reindex`, run out of hours).
    static func recordsOnClosedDays(_ kind: String) -> Bool {
        ["audit.list", "person.view-full", "notice.print", "store.reindex"].contains(kind) || kind.hasPrefix("operator.")
    }

    /// Refuses a write dated on a business date the supervisor has closed (日结).
    /// - Throws: `day-closed` (65), naming the date and the close's serial.
    private func refuseIfClosed(_ db: StoreConnection, _ date: LocalDate) throws {
        guard let serial = try db.fetchOne(String.self, sql: "SELECT serial FROM day_closes WHERE business_date = ?",
                                               arguments: [date.iso]) else { return }
        throw Store.dayClosed(date, serial: serial)
    }

    /// Refuses at once, before a form is filled or a password asked, what a closed business date would refuse at the
    /// write (a reversal's check, the desk's procedures).
    /// - Throws: `day-closed` (65).
    public func refuseIfDayClosed(on date: LocalDate) throws {
        if let close = try read({ try $0.dayClose(on: date) }) { throw Store.dayClosed(date, serial: close.serial) }
    }

    private static func dayClosed(_ date: LocalDate, serial: String) -> DomainError {
        DomainError.refused("day-closed", zh: "\(date.iso) 已日结（流水号 \(serial)），当天不能再办理业务；请在下一个营业日办理",
                            en: "\(date.iso) is closed (day close \(serial)): nothing more is recorded on it; do this on the next business day")
    }

    private func refuseIfReadOnly() throws {
        if isReadOnly { throw Store.readOnlyRefusal(path) }
    }

    static func readOnlyRefusal(_ path: String) -> DomainError {
        DomainError(.failure, code: "store-read-only", zh: "库文件 \(path) 对当前用户只读：可以查询和校验，不能办理业务",
                    en: "The store \(path) is read-only for this user: it can be read and verified, not written")
    }

    /// `hall code [+ device code] + YYYYMMDD + six-digit sequence`, the sequence counted per business day.
    /// - Throws: `serials-exhausted` after 999,999 transactions in a day; `store-damaged` for a counter that is no count.
    private func nextSerial(_ db: StoreConnection, on date: LocalDate) throws -> String {
        let day = date.compact
        let last = try db.fetchOne(Int.self, sql: "SELECT last FROM serial_counters WHERE day = ?", arguments: [day]) ?? 0
        guard last >= 0 else {
            throw DomainError(.failure, code: "store-damaged", zh: "库已损坏：serial_counters 中 \(day) 的流水计数为 \(last)",
                              en: "The store is damaged: serial_counters row \(day) holds \(last)")
        }
        guard last < 999_999 else {
            throw DomainError(.failure, code: "serials-exhausted", zh: "\(day) 的流水号已用尽（999999 笔）",
                              en: "The serial numbers of \(day) are used up (999,999 transactions)")
        }
        let serial = hall.serialPrefix + day + String(last + 1).leftPadded(6)
        // A counter wound back (or deleted) would hand out a serial the journal already has.
        if try db.fetchOne(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM journal WHERE serial = ?)", arguments: [serial]) ?? false {
            throw DomainError(.failure, code: "store-damaged", zh: "库已损坏：serial_counters 中 \(day) 的计数落后于日志，请运行 guitai verify 并联系管理员",
                              en: "The store is damaged: serial_counters row \(day) is behind the journal; run guitai verify and call the administrator")
        }
        try db.execute(sql: "INSERT INTO serial_counters(day, last) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET last = excluded.last", arguments: [day, last + 1])
        return serial
    }

    /// The value of a SQLite pragma, for tests and `verify` (`synchronous` reads back 2 for FULL).
    public func pragma(_ name: String) throws -> String? {
        guard case .sqlite(let writer, _) = engine else { return nil }
        return try wait.run { try writer.read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") } }
    }

    /// On PostgreSQL, the lock a hall's writing transactions take first and hold to their commit: one at a time per
    /// hall, as SQLite's write lock makes them in a hall's file, so serial numbers and the journal's chain follow on
    /// (`pg_advisory_xact_lock` on the hall). Another hall's writes go on beside them.
    private static func lockHallWrites(_ connection: StoreConnection) throws {
        try connection.execute(sql: "SELECT pg_advisory_xact_lock(hashtext('guitai.hall.' || guitai_hall()))")
    }

    /// Turns SQLite errors into the contract's refusals.
    static func translate(_ error: Error) -> Error {
        if let refusal = error as? PostgresSession.Failure {
            if PostgresSession.isRetryable(refusal) { return BusyWait.busy(waited: busyTimeout) }
            if refusal.sqlState == PostgresHallIsolation.enrolledElsewhere {
                let words = refusal.message.split(separator: " ").map(String.init)
                let (scheme, hall) = (words.first ?? "", words.dropFirst().first ?? "")
                return DomainError.refused("enrolled-at-another-hall",
                                           zh: "此人已在大厅 \(hall) 参加 \(scheme)，该参保未终止前不能在本厅再次登记",
                                           en: "This person is already enrolled in \(scheme) at hall \(hall): it must end there before another enrolment here")
            }
            return DomainError(.failure, code: "store-error", zh: "库操作失败：\(refusal)", en: "A store operation failed: \(refusal)")
        }
        guard let database = error as? DatabaseError else { return error }
        switch database.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return BusyWait.busy(waited: busyTimeout)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return DomainError(.failure, code: "store-damaged", zh: "库文件已损坏或不是数据库：\(database.message ?? "")",
                               en: "The store file is damaged or not a database: \(database.message ?? "")")
        case .SQLITE_READONLY:
            return DomainError(.failure, code: "store-read-only", zh: "库文件只读，不能写入：\(database.message ?? "")",
                               en: "The store file is read-only: \(database.message ?? "")")
        case .SQLITE_FULL:
            return DomainError(.failure, code: "store-unwritable", zh: "磁盘已满，本笔业务没有保存：请清理磁盘空间后重试",
                               en: "The disk is full: this transaction was not saved; free some space and try again")
        case .SQLITE_IOERR:
            return DomainError(.failure, code: "store-unwritable",
                               zh: "磁盘读写出错（可能已满或损坏），本笔业务没有保存：请检查磁盘后重试（\(database.message ?? "")）",
                               en: "The disk failed to read or write (full or failing): this transaction was not saved; check the disk and try again (\(database.message ?? ""))")
        case .SQLITE_CANTOPEN, .SQLITE_PERM:
            return DomainError(.failure, code: "store-unwritable", zh: "无法写入库文件（磁盘或权限）：\(database.message ?? "")",
                               en: "Cannot write the store file (disk or permissions): \(database.message ?? "")")
        default:
            return DomainError(.failure, code: "store-error", zh: "库操作失败：\(database.message ?? "\(database.resultCode)")",
                               en: "A store operation failed: \(database.message ?? "\(database.resultCode)")")
        }
    }
}
