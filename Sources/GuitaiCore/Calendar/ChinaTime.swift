/// Wall time as the halls read it: China Standard Time, UTC+8 all year (the one time zone the halls keep). The business
/// date of a real clock and every time printed come from here, so a receipt's date and time always agree, whatever
/// time zone the server is set to.
public enum ChinaTime {
    static let offsetSeconds: Int64 = 8 * 3600

    /// Seconds since midnight 1970-01-01 China time; saturating, so a damaged stored instant cannot trap.
    private static func local(_ secondsSince1970: Int64) -> Int64 {
        let (sum, overflow) = secondsSince1970.addingReportingOverflow(offsetSeconds)
        return overflow ? .max : sum
    }

    /// The calendar day of an instant (seconds since 1970).
    public static func date(_ secondsSince1970: Int64) -> LocalDate {
        LocalDate(dayNumber: Int(local(secondsSince1970).floorDivided(by: 86_400)))
    }

    /// `HH:MM` of an instant (seconds since 1970).
    public static func clock(_ secondsSince1970: Int64) -> String {
        let remainder = Int(local(secondsSince1970) % 86_400)
        let ofDay = remainder < 0 ? remainder + 86_400 : remainder
        return String(twoDigits: ofDay / 3600) + ":" + String(twoDigits: ofDay % 3600 / 60)
    }

    /// `YYYY-MM-DD HH:MM:SS` of an instant (seconds since 1970), as the national platform writes its times.
    public static func dateTime(_ secondsSince1970: Int64) -> String {
        let remainder = Int(local(secondsSince1970) % 60)
        return date(secondsSince1970).iso + " " + clock(secondsSince1970) + ":" + String(twoDigits: remainder < 0 ? remainder + 60 : remainder)
    }
}

private extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor < 0) ? quotient - 1 : quotient
    }
}
