#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import GuitaiCore

/// The hall's store: one SQLite file, safe for several counters (processes) at once, durable once a receipt prints.
public final class Store: Sendable {
    public let path: String
    public let hall: HallSettings
    private let queue: DatabaseQueue
    /// Makes record UUIDs; injected so tests can be deterministic.
    private let makeID: @Sendable () -> String

    /// How long a counter waits for another counter's transaction before saying the store is busy.
    public static let busyTimeout: TimeInterval = 10

    private init(path: String, queue: DatabaseQueue, hall: HallSettings, makeID: @escaping @Sendable () -> String) {
        self.path = path
        self.queue = queue
        self.hall = hall
        self.makeID = makeID
    }

    public static let randomIDs: @Sendable () -> String = { UUID().uuidString.lowercased() }

    private static func connect(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.journalMode = .wal
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // Deleted records are overwritten, not left readable in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        // WAL setup leaves synchronous at NORMAL, which can lose the last commits on power loss;
        // a printed receipt must survive, so FULL is set afterwards (and read back by a test).
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return queue
    }

    /// Creates a new store file; refuses to touch an existing one. The file is claimed with O_EXCL, so two `init`s
    /// cannot both create it, and only a file this call created is removed when creation fails.
    public static func create(at path: String, hall: HallSettings, context: WriteContext,
                              makeID: @escaping @Sendable () -> String = randomIDs,
                              firstJournal: (StoreTransaction) throws -> JSONValue) throws -> Store {
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
        do {
            let queue = try connect(path)
            try Schema.migrator().migrate(queue)
            let store = Store(path: path, queue: queue, hall: hall, makeID: makeID)
            // Settings, the first administrator and the first journal entry commit together, or not at all.
            _ = try store.write(context, kind: "store.init") { tx in
                let settings: [(String, String)] = [
                    ("hall.code", hall.code), ("hall.name", hall.name), ("hall.region", hall.regionCode),
                    ("mode", hall.isTraining ? "training" : "real"), ("device.id", hall.deviceID),
                    ("policy.default", hall.defaultPolicyID), ("format", Store.format),
                ]
                for (key, value) in settings { try tx.setSetting(key, value) }
                return ((), try firstJournal(tx))
            }
            return store
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw Store.translate(error)
        }
    }

    /// The value of `settings.format` that marks a Guitai store.
    static let format = "guitai-1"

    /// Opens an existing store, migrating it to the current schema. Another application's database is refused
    /// before anything is written to it.
    public static func open(at path: String, makeID: @escaping @Sendable () -> String = randomIDs) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DomainError.notFound("no-store", zh: "找不到库文件 \(path)，请先用 guitai init 建库，或用 --store 指定",
                                       en: "No store at \(path): create one with guitai init, or name it with --store")
        }
        let notAStore = DomainError.refused("not-a-store", zh: "\(path) 不是柜台的库文件（或是中断的 init 留下的，可删除后重新 init）",
                                            en: "\(path) is not a Guitai store (or was left by an interrupted init: delete it and init again)")
        do {
            var lookOnly = Configuration()
            lookOnly.readonly = true
            let format = try DatabaseQueue(path: path, configuration: lookOnly).read { db -> String? in
                guard try db.tableExists("settings") else { return nil }
                return try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'format'")
            }
            guard format == Store.format else { throw notAStore }
            let queue = try connect(path)
            try Schema.migrator().migrate(queue)
            let settings = try queue.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT key, value FROM settings").map {
                    ($0["key"] as String, $0["value"] as String)
                })
            }
            guard let code = settings["hall.code"], let device = settings["device.id"] else { throw notAStore }
            let hall = HallSettings(code: code, name: settings["hall.name"] ?? code, regionCode: settings["hall.region"] ?? "",
                                    isTraining: settings["mode"] == "training", deviceID: device,
                                    defaultPolicyID: settings["policy.default"] ?? "")
            return Store(path: path, queue: queue, hall: hall, makeID: makeID)
        } catch {
            throw Store.translate(error)
        }
    }

    /// Reads a consistent snapshot.
    public func read<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        do {
            return try queue.read { db in try body(StoreTransaction(db: db, serial: nil, deviceID: hall.deviceID, makeID: makeID)) }
        } catch {
            throw Store.translate(error)
        }
    }

    /// Runs one business transaction: an immediate SQLite transaction that allocates the serial number,
    /// lets `body` read and write, and appends the journal entry with the payload `body` returns.
    /// Anything thrown rolls everything back.
    public func write<T>(_ context: WriteContext, kind: String,
                         _ body: (StoreTransaction) throws -> (T, JSONValue)) throws -> (value: T, serial: String) {
        do {
            return try queue.writeWithoutTransaction { db in
                var outcome: (T, String)?
                try db.inTransaction(.immediate) {
                    let serial = try nextSerial(db, on: context.businessDate)
                    let tx = StoreTransaction(db: db, serial: serial, deviceID: hall.deviceID, makeID: makeID)
                    let (value, payload) = try body(tx)
                    try Journal.append(db, serial: serial, context: context, device: hall.deviceID, kind: kind,
                                       payload: payload.rendered())
                    outcome = (value, serial)
                    return .commit
                }
                return (outcome!.0, outcome!.1)
            }
        } catch {
            throw Store.translate(error)
        }
    }

    /// Writes outside the business journal: the security log of logins.
    func writeSecurity(_ body: (Database) throws -> Void) throws {
        do {
            try queue.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    try body(db)
                    return .commit
                }
            }
        } catch {
            throw Store.translate(error)
        }
    }

    /// `hall code + YYYYMMDD + six-digit sequence`, the sequence counted per business day.
    private func nextSerial(_ db: Database, on date: LocalDate) throws -> String {
        let day = date.compact
        let last = try Int.fetchOne(db, sql: "SELECT last FROM serial_counters WHERE day = ?", arguments: [day]) ?? 0
        try db.execute(sql: "INSERT INTO serial_counters(day, last) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET last = excluded.last",
                       arguments: [day, last + 1])
        return hall.code + day + String(last + 1).leftPadded(6)
    }

    /// The value of a SQLite pragma, for tests and `verify` (`synchronous` reads back 2 for FULL).
    public func pragma(_ name: String) throws -> String? {
        try queue.read { db in try String.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    /// Turns SQLite errors into the contract's refusals: a lock held too long is "busy" (exit 75).
    static func translate(_ error: Error) -> Error {
        guard let database = error as? DatabaseError else { return error }
        switch database.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return DomainError(.busy, code: "store-busy",
                               zh: "库正被其他窗口占用超过\(Int(busyTimeout))秒，请稍后重试",
                               en: "The store stayed busy with another counter for over \(Int(busyTimeout)) seconds; try again")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return DomainError(.failure, code: "store-damaged", zh: "库文件已损坏或不是数据库：\(database.message ?? "")",
                               en: "The store file is damaged or not a database: \(database.message ?? "")")
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return DomainError(.failure, code: "store-unwritable", zh: "无法写入库文件：\(database.message ?? "")",
                               en: "Cannot write the store file: \(database.message ?? "")")
        default:
            return DomainError(.failure, code: "store-error", zh: "库操作失败：\(database.message ?? "\(database.resultCode)")",
                               en: "A store operation failed: \(database.message ?? "\(database.resultCode)")")
        }
    }
}
