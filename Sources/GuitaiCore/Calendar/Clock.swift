/// Where "now" comes from; injected so every test and training scenario is deterministic.
public protocol Clock: Sendable {
    /// The business date: what the clerk's day is, which may be set for training or back-office runs.
    func today() -> LocalDate
    /// Wall time in whole seconds since 1970, for journal timestamps and lockouts.
    func secondsSince1970() -> Int64
}

/// A clock that always answers the same instant; tests and scenario replays use it.
public struct FixedClock: Clock {
    public var date: LocalDate
    public var seconds: Int64

    public init(date: LocalDate, seconds: Int64? = nil) {
        self.date = date
        self.seconds = seconds ?? Int64(date.dayNumber) * 86_400 + 9 * 3600
    }

    public func today() -> LocalDate { date }
    public func secondsSince1970() -> Int64 { seconds }
}
