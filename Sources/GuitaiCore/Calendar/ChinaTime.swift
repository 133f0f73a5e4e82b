/// Wall time as the halls read it: China Standard Time, UTC+8 all year (the one time zone the halls keep).
public enum ChinaTime {
    static let offsetSeconds: Int64 = 8 * 3600

    /// The calendar day of an instant (seconds since 1970).
    public static func date(_ secondsSince1970: Int64) -> LocalDate {
        LocalDate(dayNumber: Int((secondsSince1970 + offsetSeconds).floorDivided(by: 86_400)))
    }

    /// `HH:MM` of an instant (seconds since 1970).
    public static func clock(_ secondsSince1970: Int64) -> String {
        let ofDay = (secondsSince1970 + offsetSeconds) - (secondsSince1970 + offsetSeconds).floorDivided(by: 86_400) * 86_400
        func two(_ n: Int64) -> String { (n < 10 ? "0" : "") + String(n) }
        return two(ofDay / 3600) + ":" + two(ofDay % 3600 / 60)
    }
}

private extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
