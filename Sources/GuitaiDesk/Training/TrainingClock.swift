import Foundation
import GuitaiCore

/// The clock a training store is built with: the business date is set for each day of its history, and the time
/// advances a few seconds per reading from 09:00 that day, so every build writes the same times.
final class TrainingClock: BusinessClock, @unchecked Sendable {
    private let lock = NSLock()
    private var date: LocalDate
    private var seconds: Int64

    init(_ date: LocalDate) {
        self.date = date
        seconds = TrainingClock.opening(date)
    }

    private static func opening(_ date: LocalDate) -> Int64 { Int64(date.dayNumber) * 86_400 + 9 * 3_600 - 8 * 3_600 }

    /// Moves to another business day, at its opening time.
    func set(_ day: LocalDate) {
        lock.withLock {
            if day != date { (date, seconds) = (day, TrainingClock.opening(day)) }
        }
    }

    func today() -> LocalDate { lock.withLock { date } }

    func secondsSince1970() -> Int64 {
        lock.withLock {
            seconds += 7
            return seconds
        }
    }
}
