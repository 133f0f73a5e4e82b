import GRDB
import GuitaiCore

/// Reads the columns of one stored row into domain values, and never traps: a value that does not decode (a NULL, a
/// wrong type, an unknown state, an impossible date, written behind the product's back) is "store damaged" (exit 1)
/// naming the table, the row and the column.
struct RowReader {
    let row: StoreRow
    let table: String
    /// The row's key as shown in the message.
    let key: String

    init(_ row: StoreRow, table: String, keyColumn: String) {
        self.row = row
        self.table = table
        self.key = RowReader.shown(row[keyColumn])
    }

    static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: "NULL"
        case .int64(let number): String(number)
        case .double(let number): String(number)
        case .string(let text): text
        case .blob(let data): "<\(data.count) bytes>"
        }
    }

    func damaged(_ column: String, expected: Bilingual) -> DomainError {
        let found = RowReader.shown(row[column])
        return DomainError(.failure, code: "store-damaged",
                           zh: "库已损坏：表 \(table) 中 \(key) 一行的 \(column) 为「\(found)」，应为\(expected.zh)；请运行 guitai verify 并联系管理员",
                           en: "The store is damaged: table \(table), row \(key), column \(column) holds \"\(found)\", not \(expected.en); run guitai verify and call the administrator")
    }

    private static let textExpected = Bilingual(zh: "文本", en: "text")
    private static let numberExpected = Bilingual(zh: "整数", en: "a whole number")

    func optionalText(_ column: String) throws -> String? {
        do { return try row.decode(String.self, forColumn: column) } catch { throw damaged(column, expected: Self.textExpected) }
    }

    func text(_ column: String) throws -> String {
        guard let value = try optionalText(column) else { throw damaged(column, expected: Self.textExpected) }
        return value
    }

    func optionalInt(_ column: String) throws -> Int64? {
        do { return try row.decode(Int64.self, forColumn: column) } catch { throw damaged(column, expected: Self.numberExpected) }
    }

    func int(_ column: String) throws -> Int64 {
        guard let value = try optionalInt(column) else { throw damaged(column, expected: Self.numberExpected) }
        return value
    }

    func bool(_ column: String) throws -> Bool {
        let value = try int(column)
        guard value == 0 || value == 1 else { throw damaged(column, expected: Bilingual(zh: "0或1", en: "0 or 1")) }
        return value == 1
    }

    /// An amount the product wrote: never negative, never beyond `limit` (by default the largest figure any
    /// computation reaches); anything else was written behind its back.
    func money(_ column: String, limit: Money = Money.maximumComputed) throws -> Money {
        let fen = try int(column)
        guard fen >= 0 && fen <= limit.fen else {
            throw damaged(column, expected: Bilingual(zh: "0 至 \(limit.grouped) 元之间的金额", en: "an amount from 0 to \(limit.grouped) yuan"))
        }
        return Money(fen: fen)
    }

    func optionalMoney(_ column: String) throws -> Money? {
        guard try optionalInt(column) != nil else { return nil }
        return try money(column)
    }

    /// A stored word from a fixed set (a payment line's kind).
    func word(_ column: String, oneOf allowed: Set<String>) throws -> String {
        let value = try text(column)
        guard allowed.contains(value) else {
            let list = allowed.sorted().joined(separator: ", ")
            throw damaged(column, expected: Bilingual(zh: "其中之一：\(list)", en: "one of \(list)"))
        }
        return value
    }

    private static let dateExpected = Bilingual(zh: "YYYY-MM-DD 格式的日期", en: "a YYYY-MM-DD date")

    func optionalDate(_ column: String) throws -> LocalDate? {
        guard let text = try optionalText(column) else { return nil }
        guard let date = LocalDate(iso: text) else { throw damaged(column, expected: Self.dateExpected) }
        return date
    }

    func date(_ column: String) throws -> LocalDate {
        guard let value = try optionalDate(column) else { throw damaged(column, expected: Self.dateExpected) }
        return value
    }

    func month(_ column: String) throws -> YearMonth {
        guard let value = YearMonth(iso: try text(column)) else {
            throw damaged(column, expected: Bilingual(zh: "YYYY-MM 格式的月份", en: "a YYYY-MM month"))
        }
        return value
    }

    /// A stored code of a domain enum (`scheme`, `status`...).
    func code<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ column: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: try text(column)) else { throw damaged(column, expected: Self.codes(T.self)) }
        return value
    }

    func optionalCode<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ column: String) throws -> T? where T.RawValue == String {
        guard let text = try optionalText(column) else { return nil }
        guard let value = T(rawValue: text) else { throw damaged(column, expected: Self.codes(T.self)) }
        return value
    }

    private static func codes<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> Bilingual where T.RawValue == String {
        let list = T.allCases.map(\.rawValue).joined(separator: ", ")
        return Bilingual(zh: "其中之一：\(list)", en: "one of \(list)")
    }
}
