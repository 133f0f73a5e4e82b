#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GuitaiCore

/// One long job of a kind at a time on a store, across processes: an exclusive `flock` on a file beside the store
/// (`STORE-NAME.lock`, mode 0600); in the city's database, a session's advisory lock on the hall and the job, held by a
/// connection of the lock's own. The kernel (or the server, when the connection drops) releases it when the process
/// ends however it ends, so a job that finds the lock free also knows that whatever an earlier job of its kind left
/// half done was left by a process that died.
public final class JobLock {
    private enum Hold {
        case file(Int32)
        case city(PostgresSession)
    }

    private let hold: Hold

    private init(_ hold: Hold) { self.hold = hold }

    deinit {
        switch hold {
        case .file(let descriptor):
            flock(descriptor, LOCK_UN)
            close(descriptor)
        case .city:
            // The session ends with the lock, and the server releases what it held.
            break
        }
    }

    /// Takes the lock in the city's database on a connection of its own, waiting up to `wait.limit` seconds.
    /// - Throws: `job-busy` (exit 75) naming the job; the server's refusals.
    static func take(_ name: String, in city: PostgresStoreSession, wait: BusyWait, label: Bilingual) throws -> JobLock {
        let session = try city.separateSession()
        let clock = ContinuousClock()
        let start = clock.now
        let key = "guitai.job." + name
        while try session.query("SELECT pg_try_advisory_lock(hashtext(\(key) || '.' || guitai_hall()))")[0].decode(Bool.self) == false {
            let waited = BusyWait.seconds(clock.now - start)
            guard waited < wait.limit else { throw busy(label, waited: waited) }
            usleep(100_000)
        }
        return JobLock(.city(session))
    }

    private static func busy(_ label: Bilingual, waited: Double) -> DomainError {
        DomainError(.busy, code: "job-busy", zh: "另一个窗口正在进行\(label.zh)，已等待\(Int(waited))秒，请稍后重试",
                    en: "Another counter is running the \(label.en); waited \(Int(waited)) seconds: try again later")
    }

    /// Takes the lock, waiting up to `wait.limit` seconds for another process's job to end.
    /// - Throws: `job-busy` (exit 75) naming the job, `store-unwritable` when the lock file cannot be made.
    static func take(_ name: String, besideStore path: String, wait: BusyWait, label: Bilingual) throws -> JobLock {
        // Named after the store's real path, so a symbolic link or another route to the same file meets the same lock.
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let file = real + "-" + name + ".lock"
        let descriptor = open(file, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DomainError(.failure, code: "store-unwritable", zh: "无法创建作业锁文件 \(file)：\(String(cString: strerror(errno)))",
                              en: "Cannot make the job lock \(file): \(String(cString: strerror(errno)))")
        }
        let clock = ContinuousClock()
        let start = clock.now
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            let waited = BusyWait.seconds(clock.now - start)
            guard waited < wait.limit else {
                close(descriptor)
                throw busy(label, waited: waited)
            }
            usleep(100_000)
        }
        return JobLock(.file(descriptor))
    }
}

extension Store {
    /// Takes the store's lock for a long job of a kind (a payment run), held until the returned lock is released.
    public func exclusiveJob(_ name: String, label: Bilingual) throws -> JobLock {
        if isReadOnly { throw Store.readOnlyRefusal(path) }
        if let city { return try JobLock.take(name, in: city, wait: wait, label: label) }
        return try JobLock.take(name, besideStore: path, wait: wait, label: label)
    }
}
