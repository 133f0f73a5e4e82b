/// A calendar date without time or zone: business dates, birth dates, enrolment periods.
///
/// Dates run from 0001-01-01 to 9999-12-31; arithmetic that would leave that range stops at its end instead of
/// trapping (the business date is bounded far inside it, `BusinessDateRange`, so no real rule gets there).
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static let earliest = LocalDate(unchecked: 1, 1, 1)
    public static let latest = LocalDate(unchecked: 9999, 12, 31)

    /// Creates a date when the components name a real day of the proleptic Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` strictly.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Parses the eight digits `YYYYMMDD` used inside ID numbers and serials.
    public init?(compact text: Substring) {
        guard text.count == 8, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(text) else { return nil }
        self.init(year: value / 10000, month: value / 100 % 100, day: value % 100)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date a number of days after 1970-01-01, kept inside 0001-01-01 … 9999-12-31.
    public init(dayNumber requested: Int) {
        let dayNumber = Swift.min(Swift.max(requested, LocalDate.earliest.dayNumber), LocalDate.latest.dayNumber)
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    public func adding(days: Int) -> LocalDate {
        let (sum, overflow) = dayNumber.addingReportingOverflow(days)
        return LocalDate(dayNumber: overflow ? (days < 0 ? Int.min : Int.max) : sum)
    }

    /// Adds calendar months, clamping the day to the end of a shorter month (01-31 + 1 month = 02-28).
    public func adding(months: Int) -> LocalDate {
        let index = year * 12 + (month - 1) + Swift.min(Swift.max(months, -120_000), 120_000)
        guard index >= 12 else { return .earliest }
        guard index < 10_000 * 12 else { return .latest }
        let y = index / 12, m = index % 12 + 1
        return LocalDate(unchecked: y, m, Swift.min(day, LocalDate.daysIn(month: m, year: y)))
    }

    /// Whole years from `self` to `date` (age on a date).
    public func wholeYears(until date: LocalDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    public var yearMonth: YearMonth { YearMonth(year: year, month: month) ?? .latest }

    public var iso: String {
        String(format4: year) + "-" + String(twoDigits: month) + "-" + String(twoDigits: day)
    }

    /// `YYYYMMDD`, as inside serial numbers.
    public var compact: String { String(format4: year) + String(twoDigits: month) + String(twoDigits: day) }

    public var description: String { iso }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(text)"))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension String {
    init(twoDigits value: Int) { self = String.padded(value, to: 2) }
    init(format4 value: Int) { self = String.padded(value, to: 4) }

    /// Decimal digits of a non-negative number with leading zeros up to a width.
    static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(describing: value)
        return String(repeating: "0", count: Swift.max(0, width - digits.count)) + digits
    }
}
