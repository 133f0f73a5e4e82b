import Foundation
import GuitaiCore

/// The real clock, with the business date optionally set (`--today`) for training, back-office runs and tests.
public struct SystemClock: BusinessClock {
    public var businessDate: LocalDate?

    public init(businessDate: LocalDate? = nil) { self.businessDate = businessDate }

    public func today() -> LocalDate {
        if let businessDate { return businessDate }
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
            ?? LocalDate(dayNumber: Int(Date().timeIntervalSince1970 / 86_400))
    }

    public func secondsSince1970() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
