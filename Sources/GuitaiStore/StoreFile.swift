#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import GuitaiCore

/// What a file named as a store is, found out without writing a byte to it.
///
/// The file is looked at through a read-only connection: that it is SQLite, that it has Guitai's `settings` table
/// with a format this version reads, and which migrations it has had. Anything else is refused with what the file is
/// and what to do, before any connection that could write (switch it to WAL, migrate it) is opened.
struct StoreFile {
    var hall: HallSettings
    /// Migrations this version knows and the file has not had yet.
    var pendingMigrations: [String]
    /// Whether this process may write the file (and create its `-wal` and `-shm` beside it).
    var isWritable: Bool
    /// What SQLite is given to open the file: its path, or for a read-only copy in a folder where SQLite cannot make
    /// its `-shm` (a store on read-only media) an `immutable` URI, which SQLite reads without locks.
    var openName: String

    static func inspect(_ path: String, wait: BusyWait) throws -> StoreFile {
        try Store.refuseDatabaseAddress(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DomainError.notFound("no-store", zh: "找不到库文件 \(path)，请先用 guitai init 建库，或用 --store 指定",
                                       en: "No store at \(path): create one with guitai init, or name it with --store")
        }
        if isDirectory.boolValue {
            throw DomainError.refused("not-a-store", zh: "\(path) 是目录，不是库文件；--store 应指向库文件，如 \(path)/guitai.sqlite",
                                      en: "\(path) is a directory, not a store file: --store names the file, such as \(path)/guitai.sqlite")
        }
        guard access(path, R_OK) == 0 else {
            throw DomainError(.failure, code: "store-unreadable", zh: "没有读取库文件 \(path) 的权限，请联系管理员",
                              en: "No permission to read the store file \(path): ask the administrator")
        }
        let notAStore = DomainError.refused(
            "not-a-store", zh: "\(path) 不是柜台的库文件（可能是其他程序的数据库，或中断的 init 留下的文件）；未作任何改动",
            en: "\(path) is not a Guitai store (another program's database, or left by an interrupted init); it was not changed")
        let writable = isWritable(path)
        let sideFiles = Set(["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: path + $0) })
        // Someone who may not write the store must not leave a -wal or -shm of their own beside it: the files would be
        // theirs and lock the store's owner out. Without both there, the store is read as the file holds it.
        let openName = !writable && sideFiles.count < 2 ? immutableURI(path) : path
        do {
            do {
                return try look(path, openName: openName, writable: writable, wait: wait, notAStore: notAStore)
            } catch let error as DatabaseError where !writable && openName == path
                        && [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
                // Their -shm is not ours to write either.
                return try look(path, openName: immutableURI(path), writable: false, wait: wait, notAStore: notAStore)
            }
        } catch {
            // A file refused is left as it was found: whatever SQLite made beside it while looking goes again.
            for suffix in ["-wal", "-shm"] where !sideFiles.contains(suffix) {
                try? FileManager.default.removeItem(atPath: path + suffix)
            }
            throw error
        }
    }

    /// `file:PATH?immutable=1`, the path percent-encoded.
    static func immutableURI(_ path: String) -> String {
        let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))
        return "file:" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path) + "?immutable=1"
    }

    private static func look(_ path: String, openName: String, writable: Bool, wait: BusyWait,
                             notAStore: DomainError) throws -> StoreFile {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = wait.sqliteBusyMode
        configuration.foreignKeysEnabled = false
        do {
            return try wait.run {
                let look = try DatabaseQueue(path: openName, configuration: configuration)
                return try look.read { db -> StoreFile in
                    let columns = try Set(Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info('settings')").map { try $0.decode(String.self, atIndex: 0) })
                    guard columns.isSuperset(of: ["key", "value"]) else { throw notAStore }
                    let known = Schema.migrator().migrations
                    let applied = try db.tableExists("grdb_migrations")
                        ? try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
                    let hall = try hallSettings(StoreConnection(sqlite: db), of: path, applied: applied, notAStore: notAStore)
                    return StoreFile(hall: hall, pendingMigrations: known.filter { !applied.contains($0) },
                                     isWritable: writable, openName: openName)
                }
            }
        } catch let error as DatabaseError {
            switch error.resultCode {
            case .SQLITE_NOTADB:
                throw DomainError.refused("not-a-store", zh: "\(path) 不是数据库文件，也不是柜台的库；未作任何改动",
                                          en: "\(path) is not a database, let alone a Guitai store; it was not changed")
            case .SQLITE_CORRUPT:
                throw DomainError(.failure, code: "store-damaged", zh: "库文件 \(path) 已损坏：\(error.message ?? "")",
                                  en: "The store file \(path) is damaged: \(error.message ?? "")")
            case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
                if !writable && openName == path { throw error }
                throw DomainError(.failure, code: "store-unreadable",
                                  zh: "无法打开库文件 \(path)（只读目录中缺少 -wal/-shm 文件，或权限不足）：\(error.message ?? "")",
                                  en: "Cannot open the store file \(path) (its -wal/-shm files are missing in a read-only folder, or permissions): \(error.message ?? "")")
            case .SQLITE_IOERR, .SQLITE_FULL:
                throw DomainError(.failure, code: "store-unreadable",
                                  zh: "无法打开库文件 \(path)：磁盘读写出错或已满，没有改动任何数据；请检查磁盘后重试",
                                  en: "Cannot open the store file \(path): the disk failed or is full; nothing was changed; check the disk and try again")
            case .SQLITE_ERROR, .SQLITE_MISMATCH, .SQLITE_SCHEMA:
                // A table of another shape, a value of another type: not ours.
                throw notAStore
            default:
                throw DomainError(.failure, code: "store-unreadable", zh: "无法读取库文件 \(path)：\(error.message ?? "\(error.resultCode)")",
                                  en: "Cannot read the store file \(path): \(error.message ?? "\(error.resultCode)")")
            }
        }
    }

    /// The hall a store belongs to, from its settings, on either engine: what `init` wrote, checked for values the
    /// product never writes.
    /// - Parameters:
    ///   - path: the file or address, as messages name it.
    ///   - applied: the migrations the store has run.
    /// - Throws: `notAStore` without a format or hall; `store-too-new` for another version's store or migration;
    ///   `store-damaged` for settings edited behind the product's back, or a real store holding training people.
    static func hallSettings(_ db: StoreConnection, of path: String, applied: Set<String>, notAStore: DomainError) throws -> HallSettings {
        let settings = try Dictionary(db.allRows(sql: "SELECT key, value FROM settings").map {
            (try $0.decode(String.self, atIndex: 0) ?? "", try $0.decode(String.self, atIndex: 1) ?? "")
        }, uniquingKeysWith: { first, _ in first })
        guard let format = settings["format"] else { throw notAStore }
        guard format == Store.format else {
            if format.hasPrefix("guitai-") {
                throw DomainError.refused("store-too-new",
                                          zh: "\(path) 是其他版本的柜台建的库（格式 \(format)），本版本只读 \(Store.format)，请升级柜台",
                                          en: "\(path) was made by another version of Guitai (format \(format)); this version reads \(Store.format): upgrade Guitai")
            }
            throw notAStore
        }
        let known = Schema.migrator().migrations
        if let unknown = applied.subtracting(known).sorted().first {
            throw DomainError.refused("store-too-new",
                                      zh: "\(path) 经过更新版本的柜台升级（\(unknown)），请升级柜台后再打开",
                                      en: "\(path) has been upgraded by a newer Guitai (\(unknown)): upgrade Guitai to open it")
        }
        guard let code = settings["hall.code"], let device = settings["device.id"], !applied.isEmpty else { throw notAStore }
        // Serial numbers start with the hall code, and the mode decides which ID numbers are accepted:
        // values the product never writes mean the settings were edited.
        if HallSettings.validateCode(code) != nil || !["real", "training"].contains(settings["mode"] ?? "") {
            throw DomainError(.failure, code: "store-damaged",
                              zh: "库已损坏：settings 中的 hall.code 或 mode 不是柜台写入的值，请运行 guitai verify 并联系管理员",
                              en: "The store is damaged: settings hall.code or mode holds a value Guitai never writes; run guitai verify and call the administrator")
        }
        // A store keeps the mode it was made with, which its first journal entry records (hash-chained): a
        // training store whose settings say otherwise still opens as training, and `verify` names the edited
        // setting. A real store holding a synthetic (99) person is not opened at all.
        let first = try db.fetchOne(String.self, sql: "SELECT payload FROM journal ORDER BY seq LIMIT 1") ?? "{}"
        let made = ((try? JSONSerialization.jsonObject(with: Data(first.utf8))) as? [String: Any])?["mode"] as? String
        let training = (made ?? settings["mode"]) == "training"
        if !training,
           try db.fetchOne(Bool.self, sql: "SELECT EXISTS (SELECT 1 FROM persons WHERE id_number >= '99' AND id_number < '9:')") == true {
            throw DomainError(.failure, code: "store-damaged",
                              zh: "库已损坏：正式业务库中有培训用的虚拟人员（身份证号以 99 开头），不能打开；请联系管理员从备份恢复",
                              en: "The store is damaged: this real store holds synthetic training people (ID numbers starting 99) and is not opened; call the administrator to restore it from a backup")
        }
        let outreach = settings["outreach.device"]
        if let outreach, !HallSettings.isDeviceCode(outreach) || settings["outreach.anchor"]?.count != 64 {
            throw DomainError(.failure, code: "store-damaged",
                              zh: "库已损坏：settings 中的 outreach.device 或 outreach.anchor 不是柜台写入的值，请运行 guitai verify 并联系管理员",
                              en: "The store is damaged: settings outreach.device or outreach.anchor holds a value Guitai never writes; run guitai verify and call the administrator")
        }
        let hall = HallSettings(code: code, name: settings["hall.name"] ?? code, regionCode: settings["hall.region"] ?? "",
                                isTraining: training, deviceID: device,
                                defaultPolicyID: settings["policy.default"] ?? "", outreachDevice: outreach,
                                chainStart: outreach == nil ? JournalEntry.genesis : settings["outreach.anchor"] ?? JournalEntry.genesis)
        return hall
    }

    /// Whether the file and what SQLite keeps beside it can be written.
    static func isWritable(_ path: String) -> Bool {
        guard access(path, W_OK) == 0 else { return false }
        let directory = (path as NSString).deletingLastPathComponent
        if access(directory.isEmpty ? "." : directory, W_OK) == 0 { return true }
        return ["-wal", "-shm"].allSatisfy { access(path + $0, W_OK) == 0 }
    }
}
