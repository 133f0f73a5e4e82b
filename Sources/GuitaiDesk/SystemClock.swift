import Foundation
import GuitaiCore

/// The real clock, with the business date optionally set (`--today`) for training, back-office runs and tests.
public struct SystemClock: BusinessClock {
    public var businessDate: LocalDate?

    public init(businessDate: LocalDate? = nil) { self.businessDate = businessDate }

    /// The business date: the one set, else today in China Standard Time (not the server's zone, which is often UTC:
    /// between midnight and 08:00 in the hall it would still say yesterday beside today's time on every receipt).
    public func today() -> LocalDate { businessDate ?? ChinaTime.date(secondsSince1970()) }

    public func secondsSince1970() -> Int64 { Int64(Date().timeIntervalSince1970) }
}
