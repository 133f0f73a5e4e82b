/// A clock that always answers the same instant; tests and scenario replays use it.
public struct FixedClock: BusinessClock {
    public var date: LocalDate
    public var seconds: Int64

    public init(date: LocalDate, seconds: Int64? = nil) {
        self.date = date
        self.seconds = seconds ?? Int64(date.dayNumber) * 86_400 + 9 * 3600
    }

    public func today() -> LocalDate { date }
    public func secondsSince1970() -> Int64 { seconds }
}
