#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GuitaiCore

/// One long job of a kind at a time on a store, across processes: an exclusive `flock` on a file beside the store
/// (`STORE-NAME.lock`, mode 0600). The kernel releases it when the process ends however it ends, so a job that finds
/// the lock free also knows that whatever an earlier job of its kind left half done was left by a process that died.
public final class JobLock {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
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
                throw DomainError(.busy, code: "job-busy", zh: "另一个窗口正在进行\(label.zh)，已等待\(Int(waited))秒，请稍后重试",
                                  en: "Another counter is running the \(label.en); waited \(Int(waited)) seconds: try again later")
            }
            usleep(100_000)
        }
        return JobLock(descriptor: descriptor)
    }
}

extension Store {
    /// Takes the store's lock for a long job of a kind (a payment run), held until the returned lock is released.
    public func exclusiveJob(_ name: String, label: Bilingual) throws -> JobLock {
        if isReadOnly { throw Store.readOnlyRefusal(path) }
        return try JobLock.take(name, besideStore: path, wait: wait, label: label)
    }
}
