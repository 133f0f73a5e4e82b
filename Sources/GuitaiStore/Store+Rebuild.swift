#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import GuitaiCore

extension Store {
    /// Puts a store built whole under a temporary name (`built`, closed) at `path`: synced first, then renamed into
    /// place when there is no store there, or copied page by page into the store there with SQLite's online backup,
    /// in one transaction that desks reading it meanwhile see whole or not at all. The temporary file is removed.
    /// - Throws: `store-unwritable` naming the step and the system's reason; the store at `path` is as before.
    public static func placeBuilt(_ built: String, at path: String) throws {
        defer { for suffix in ["", "-wal", "-shm"] { unlink(built + suffix) } }
        func failed(_ step: String, _ reason: String) -> DomainError {
            DomainError(.failure, code: "store-unwritable", zh: "无法写入库文件 \(path)（\(step)：\(reason)），原库未改动",
                        en: "Cannot write the store \(path) (\(step): \(reason)); the store there is unchanged")
        }
        do {
            // The build's WAL is checkpointed into the file before it is synced.
            let source = try DatabaseQueue(path: built)
            try source.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            let descriptor = Glibc.open(built, O_RDONLY)
            guard descriptor >= 0, fsync(descriptor) == 0 else {
                if descriptor >= 0 { close(descriptor) }
                throw failed("fsync", String(cString: strerror(errno)))
            }
            close(descriptor)
            if FileManager.default.fileExists(atPath: path) {
                var configuration = Configuration()
                configuration.busyMode = BusyWait(limit: busyTimeout).sqliteBusyMode
                configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                let destination = try DatabaseQueue(path: path, configuration: configuration)
                try source.backup(to: destination)
                try destination.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
            } else {
                try source.close()
                guard rename(built, path) == 0 else { throw failed("rename", String(cString: strerror(errno))) }
                let directory = Glibc.open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                                     O_RDONLY)
                if directory >= 0 { fsync(directory); close(directory) }
            }
        } catch let error as DomainError {
            throw error
        } catch {
            throw Store.translate(error)
        }
    }
}
