import Foundation
import GRDB
import PostgresNIO

/// The store's statements, written in SQLite's words, as PostgreSQL takes them; and PostgreSQL's values as the store's
/// decoders read SQLite's.
///
/// - Placeholders: `?` in order and `:name` by name become `$1`, `$2`… (outside quotes; `::type` is a cast).
/// - `INSERT OR IGNORE INTO …` becomes `INSERT INTO … ON CONFLICT DO NOTHING`.
/// - `COLLATE BINARY` (SQLite's byte order, written where an order is hashed or compared across engines) becomes
///   `COLLATE "C"`, the same order whatever the city database's collation.
/// - `json_extract(c, '$.k')` becomes `(c::jsonb ->> 'k')`, in statements and in the schema's indexes alike;
///   `json_group_array(json_array(…))` becomes `json_agg(json_build_array(…))` (NULL over no rows, which the store
///   reads as an empty list, as SQLite's `[]`).
/// - `ON CONFLICT(k)` becomes `ON CONFLICT(hall_code, k)`: every key of the city's tables is per hall
///   (`PostgresCityTable`). `sqlite_sequence` is the city's `guitai_sequence`, per hall.
/// - `a IS ?` is `a IS NOT DISTINCT FROM ?` (`IS NOT ?` likewise): SQLite's `IS` compares NULLs as values.
/// - `a GLOB b` is `guitai_glob(a, b)`; SQLite's two-argument `max(a, b)` and `min(a, b)` are `greatest` and `least`
///   (the one-argument aggregates stay).
/// - `instr(a, b)` is `strpos(a, b)`, `char(10)` `chr(10)`; `temp.t` is `pg_temp.t`; a temporary table's
///   `WITHOUT ROWID` goes.
/// - A `boolean` comes back as 0 or 1, `json` as its text, a whole `numeric` (a sum of `bigint`s) as an integer: what
///   SQLite would give.
///
/// What has no rewrite here is SQLite's own (a `PRAGMA`, `GLOB`, `rowid`): a statement using it fails on PostgreSQL
/// with the server's error, never silently.
enum PostgresDialect {
    /// A statement and its values, ready for the server.
    /// - Throws: `UnboundPlaceholder` when the statement has more placeholders than values, or names one not given.
    static func query(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQuery {
        var text: String
        if let known = translated.get()[sql] {
            text = known
        } else {
            text = rewritten(sql)
            translated.update { $0[sql] = text }
        }
        var values: [DatabaseValue] = []
        text = try numbered(text) { placeholder in
            switch (placeholder, arguments.values) {
            case (.position(let index), .positional(let given)):
                guard given.indices.contains(index) else { throw UnboundPlaceholder(name: "?\(index + 1)") }
                values.append(given[index])
                return values.count
            case (.name(let name), .named(let given)):
                guard let value = given[name] else { throw UnboundPlaceholder(name: ":" + name) }
                values.append(value)
                return values.count
            case (.position(let index), .named):
                throw UnboundPlaceholder(name: "?\(index + 1)")
            case (.name(let name), .positional):
                throw UnboundPlaceholder(name: ":" + name)
            }
        }
        var bindings = PostgresBindings(capacity: values.count)
        for value in values {
            switch value.storage {
            case .null: bindings.appendNull()
            case .int64(let number): bindings.append(number)
            case .double(let number): bindings.append(number)
            case .string(let string): bindings.append(string)
            case .blob(let data): bindings.append(ByteBuffer(bytes: data))
            }
        }
        return PostgresQuery(unsafeSQL: text, binds: bindings)
    }

    /// Each statement's rewritten text, worked out once: the product's statements are a fixed set of texts, as on
    /// SQLite, where each is prepared once per connection.
    private static let translated = LockedValue<[String: String]>([:])

    /// A placeholder the statement has and its values do not.
    struct UnboundPlaceholder: Error, CustomStringConvertible {
        var name: String
        var description: String { "the statement's placeholder \(name) has no value" }
    }

    private enum Placeholder {
        case position(Int)
        case name(String)
    }

    /// The statement with each placeholder replaced by `$n`, `n` from `number` (a `:name` used twice gets its number
    /// once); quoted text and identifiers are left alone.
    private static func numbered(_ sql: String, _ number: (Placeholder) throws -> Int) throws -> String {
        var result = ""
        var names: [String: Int] = [:]
        var positional = 0
        let characters = Array(sql.unicodeScalars)
        var index = 0
        var quote: Unicode.Scalar?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                result.unicodeScalars.append(character)
                if character == open { quote = nil }
                index += 1
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                result.unicodeScalars.append(character)
                index += 1
            case "?":
                result += "$\(try number(.position(positional)))"
                positional += 1
                index += 1
            case ":" where index + 1 < characters.count && characters[index + 1] == ":":
                result += "::"
                index += 2
            case ":" where index + 1 < characters.count && isNameStart(characters[index + 1]):
                var end = index + 1
                while end < characters.count && isNamePart(characters[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(characters[(index + 1)..<end]))
                if let known = names[name] {
                    result += "$\(known)"
                } else {
                    let assigned = try number(.name(name))
                    names[name] = assigned
                    result += "$\(assigned)"
                }
                index = end
            default:
                result.unicodeScalars.append(character)
                index += 1
            }
        }
        return result
    }

    private static func isNameStart(_ character: Unicode.Scalar) -> Bool {
        character == "_" || (character.isASCII && CharacterSet.letters.contains(character))
    }

    private static func isNamePart(_ character: Unicode.Scalar) -> Bool {
        isNameStart(character) || ("0"..."9").contains(character)
    }

    /// The rewrites of SQLite's words that PostgreSQL spells otherwise.
    static func rewritten(_ sql: String) -> String {
        var text = withJSONOperators(sql)
        for (sqlite, postgres) in words where text.contains(sqlite) {
            text = text.replacingOccurrences(of: sqlite, with: postgres)
        }
        if text.contains(" GLOB ") { text = globs(text) }
        if text.contains("max(") || text.contains("min(") { text = scalarExtremes(text) }
        if let ignore = text.range(of: "INSERT OR IGNORE INTO ") {
            text.replaceSubrange(ignore, with: "INSERT INTO ")
            text = text.trimmingCharacters(in: .whitespacesAndNewlines) + " ON CONFLICT DO NOTHING"
        }
        return text
    }

    /// SQLite's words and PostgreSQL's for the same thing, as the product's statements write them.
    private static let words: [(String, String)] = [
        ("COLLATE BINARY", "COLLATE \"C\""),
        ("ON CONFLICT(", "ON CONFLICT(\(PostgresCityTable.hallColumn), "),
        ("sqlite_sequence", "guitai_sequence"),
        ("json_group_array(json_array(", "json_agg(json_build_array("),
        ("instr(", "strpos("),
        ("char(10)", "chr(10)"),
        (" temp.", " pg_temp."),
        (" IS ?", " IS NOT DISTINCT FROM ?"),
        (" IS NOT ?", " IS DISTINCT FROM ?"),
        (") WITHOUT ROWID", ")"),
    ]

    /// `a GLOB b` as `guitai_glob(a, b)`: each operand a word, a placeholder or a function call.
    private static func globs(_ sql: String) -> String {
        var text = sql
        while let glob = text.range(of: " GLOB ") {
            let before = text[..<glob.lowerBound]
            let leftStart = before.lastIndex(where: { $0 == " " || $0 == "(" || $0 == "\n" }).map { text.index(after: $0) } ?? text.startIndex
            var rightEnd = glob.upperBound
            var depth = 0
            while rightEnd < text.endIndex {
                let character = text[rightEnd]
                if character == "(" { depth += 1 }
                if character == ")" { if depth == 0 { break }; depth -= 1 }
                if depth == 0 && (character == " " || character == "\n" || character == ",") { break }
                rightEnd = text.index(after: rightEnd)
            }
            let left = text[leftStart..<glob.lowerBound], right = text[glob.upperBound..<rightEnd]
            text.replaceSubrange(leftStart..<rightEnd, with: "guitai_glob(\(left), \(right))")
        }
        return text
    }

    /// `max(a, b)` and `min(a, b)` (two arguments or more: SQLite's scalar forms) as `greatest` and `least`.
    private static func scalarExtremes(_ sql: String) -> String {
        var text = sql
        var searchFrom = text.startIndex
        while let call = text.range(of: #"\b(max|min)\("#, options: .regularExpression, range: searchFrom..<text.endIndex) {
            var depth = 0, commas = 0
            var index = text.index(before: call.upperBound)
            while index < text.endIndex {
                let character = text[index]
                if character == "(" { depth += 1 }
                if character == ")" { depth -= 1; if depth == 0 { break } }
                if character == "," && depth == 1 { commas += 1 }
                index = text.index(after: index)
            }
            if commas > 0 {
                let name = text[call].hasPrefix("max") ? "greatest(" : "least("
                text.replaceSubrange(call, with: name)
                searchFrom = text.startIndex
            } else {
                searchFrom = call.upperBound
            }
        }
        return text
    }

    /// SQLite's `json_extract(c, '$.k')` as PostgreSQL's `(c::jsonb ->> 'k')`.
    static func withJSONOperators(_ sql: String) -> String {
        guard sql.contains("json_extract("), let regex = try? NSRegularExpression(pattern: #"json_extract\((\w+), '\$\.(\w+)'\)"#) else {
            return sql
        }
        return regex.stringByReplacingMatches(in: sql, range: NSRange(sql.startIndex..., in: sql), withTemplate: "($1::jsonb ->> '$2')")
    }

    /// A cell as SQLite would hold it.
    /// - Throws: `UnreadableCell` for a type the store never stores (naming the column and the type).
    static func value(_ cell: PostgresCell) throws -> DatabaseValue {
        guard var bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int8, .int4, .int2:
            return try cell.decode(Int64.self).databaseValue
        case .bool:
            return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
        case .float8, .float4:
            return try cell.decode(Double.self).databaseValue
        case .text, .varchar, .name, .bpchar:
            return try cell.decode(String.self).databaseValue
        case .json:
            return (bytes.readString(length: bytes.readableBytes) ?? "").databaseValue
        case .jsonb where cell.format == .binary:
            bytes.moveReaderIndex(forwardBy: 1)
            return (bytes.readString(length: bytes.readableBytes) ?? "").databaseValue
        case .bytea:
            return Data(bytes.readableBytesView).databaseValue
        case .numeric:
            let text = try cell.decode(Decimal.self).description
            if let whole = Int64(text) { return whole.databaseValue }
            if let number = Double(text) { return number.databaseValue }
            throw UnreadableCell(column: cell.columnName, type: "numeric \(text)")
        default:
            throw UnreadableCell(column: cell.columnName, type: "\(cell.dataType)")
        }
    }

    /// A column of a type the store never stores.
    struct UnreadableCell: Error, CustomStringConvertible {
        var column: String
        var type: String
        var description: String { "the column \(column) is of type \(type), which the store does not read" }
    }
}
