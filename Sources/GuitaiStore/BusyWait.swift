#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GRDB
import GuitaiCore

/// Waits out another counter's lock, whatever way SQLite or PostgreSQL reports it.
///
/// SQLite calls its busy handler for most lock conflicts, but answers `SQLITE_BUSY` at once in others: a read-only
/// connection that checks the file, a transaction started while the last connection of another process checkpoints
/// and deletes the WAL, WAL recovery after a crash. Every store operation runs inside `run`, which retries any BUSY or
/// LOCKED answer with a short back-off until `limit` seconds of real (monotonic) time have passed since the first try,
/// and only then reports the store busy, saying how long it waited. On PostgreSQL a serialization failure, a deadlock
/// and a lock not granted within the store's wait (`PostgresSession.isRetryable`) are retried the same way: a lock
/// held too long answers "busy" after the same wait as on SQLite.
struct BusyWait {
    /// Seconds of real waiting before the store counts as busy (the contract asks for at least 5).
    let limit: Double

    func run<T>(_ work: () throws -> T) throws -> T {
        let clock = ContinuousClock()
        var start: ContinuousClock.Instant?
        var pause = 0.002
        while true {
            let attempt = clock.now
            do {
                return try work()
            } catch let error where Self.isBusy(error) {
                // The wait began when this attempt began, not when the work did (a long read before a busy answer is
                // work, not waiting); the time inside an attempt is mostly SQLite's own busy handler.
                let waitStart = start ?? attempt
                start = waitStart
                let waited = Self.seconds(clock.now - waitStart)
                if waited >= limit { throw Self.busy(waited: waited) }
                // Jittered back-off so counters that collided do not collide again in step.
                let sleep = min(pause * Double.random(in: 0.5...1.5), limit - waited)
                usleep(UInt32(max(sleep, 0.001) * 1_000_000))
                pause = min(pause * 2, 0.1)
            }
        }
    }

    /// SQLite's own busy handler, as each connection uses it: try again every 5 ms (SQLite's default backs off to
    /// 100 ms, and a counter waiting that long misses the short pauses a long job leaves between its slices), for as
    /// many tries as fill `limit` seconds. What is left of the wait is `run`'s.
    var sqliteBusyMode: Database.BusyMode {
        let limit = self.limit
        let clock = ContinuousClock()
        // SQLite counts the tries of one wait from 0: the first try starts a new deadline.
        let deadline = LockedValue<ContinuousClock.Instant>(clock.now)
        return .callback { attempt in
            let now = clock.now
            if attempt == 0 { deadline.set(now.advanced(by: .milliseconds(Int(limit * 1000)))) }
            guard now < deadline.get() else { return false }
            usleep(5_000)
            return true
        }
    }

    /// Whether `error` says another counter holds what this one needs, on either engine.
    private static func isBusy(_ error: Error) -> Bool {
        if let sqlite = error as? DatabaseError { return sqlite.resultCode == .SQLITE_BUSY || sqlite.resultCode == .SQLITE_LOCKED }
        return PostgresSession.isRetryable(error)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The refusal once the wait is over (exit 75).
    static func busy(waited: Double) -> DomainError {
        let tenths = Int((waited * 10).rounded())
        let shown = "\(tenths / 10).\(tenths % 10)"
        return DomainError(.busy, code: "store-busy",
                           zh: "库正被其他窗口占用，已等待\(shown)秒仍未释放，请稍后重试",
                           en: "The store stayed busy with another counter; waited \(shown) seconds; try again")
    }
}
