import Foundation

/// Whether a session's connection has ended, told once by the connection and asked by every statement, so that a
/// statement waiting for an answer stops waiting when the connection ends under it.
///
/// One callback on the connection's end for the session's whole life: a callback added for each statement would be
/// kept by the connection until it closed, a counter's day of statements long.
final class ConnectionWatch: @unchecked Sendable {
    private let lock = NSLock()
    private var ended = false
    private var waiting: DispatchSemaphore?

    /// Called once, when the connection ends: wakes the statement waiting, if one is.
    func connectionEnded() {
        lock.withLock {
            ended = true
            waiting?.signal()
        }
    }

    /// Whether the connection has ended.
    var hasEnded: Bool { lock.withLock { ended } }

    /// Lets `semaphore` be signalled when the connection ends, for as long as `body` runs.
    /// - Returns: false at once, without running `body`, when the connection has already ended.
    func whileWaiting(on semaphore: DispatchSemaphore, _ body: () -> Void) -> Bool {
        let open = lock.withLock { () -> Bool in
            guard !ended else { return false }
            waiting = semaphore
            return true
        }
        guard open else { return false }
        body()
        lock.withLock { waiting = nil }
        return true
    }
}
