/// The business dates a store accepts: 1990-01-01 to 2099-12-31 (`domain.md`, "Dates that cannot be true").
///
/// A date outside is a usage error (exit 64): it is a mistyped `--today`, and keeping the business date inside this
/// range keeps every date any rule computes from it (twelve months on, ten years of card validity) far inside
/// `LocalDate`'s own.
public enum BusinessDateRange {
    public static let first = LocalDate(year: 1990, month: 1, day: 1) ?? .earliest
    public static let last = LocalDate(year: 2099, month: 12, day: 31) ?? .latest

    /// - Throws: `bad-business-date` (usage) when the date is outside the range.
    public static func check(_ date: LocalDate) throws(DomainError) {
        guard date >= first && date <= last else {
            throw DomainError(.usage, code: "bad-business-date",
                              zh: "业务日期 \(date.iso) 不在 \(first.iso) 至 \(last.iso) 之间，请核对 --today",
                              en: "The business date \(date.iso) is outside \(first.iso) to \(last.iso): check --today")
        }
    }
}
