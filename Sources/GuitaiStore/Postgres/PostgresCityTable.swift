import Foundation

/// One of SQLite's `CREATE TABLE` statements as the city's table: the same columns in the same order, then the hall
/// each row belongs to (`hall_code`), and every key, uniqueness and reference taken per hall.
///
/// A city database holds the halls' books side by side: a hall's settings, serial counters, operators, people and
/// journal are its own, as in its file, so a key (`settings.key`, `persons.id_number`, `journal.seq`) is unique within
/// its hall, and a reference never crosses halls (`(hall_code, person_uuid) → persons(hall_code, uuid)`). What must
/// hold across the city is added apart (`PostgresCitySchema`).
///
/// - `INTEGER` is `bigint`, `TEXT` `text`; `STRICT` and `WITHOUT ROWID` go (a column is always of its type).
/// - `seq INTEGER PRIMARY KEY AUTOINCREMENT` is a plain `bigint` numbered per hall by a trigger
///   (`PostgresCitySchema.sequenceTrigger`).
/// - A table SQLite gives a `rowid` gets one, numbered as rows arrive: statements order by it.
struct PostgresCityTable {
    /// The column every city table adds, naming the hall a row belongs to; filled in by the server from the session
    /// (`guitai_hall()`), never by the product's statements.
    static let hallColumn = "hall_code"
    /// The column standing in for SQLite's implicit `rowid`.
    static let rowidColumn = "rowid"

    let name: String
    /// Whether the table numbers its rows per hall (SQLite's `AUTOINCREMENT`).
    let numbersRows: Bool
    /// SQLite's columns, in SQLite's order (the ones a row's digest covers).
    let columns: [String]
    /// Every column of the city's table, in order: SQLite's, the hall, and the row number where SQLite has one.
    let allColumns: [String]
    let statement: String

    /// - Throws: `PostgresSchema.Untranslatable` for a table of a shape not known here.
    init(_ object: Schema.SchemaObject) throws {
        let sql = object.sql
        let untranslatable = PostgresSchema.Untranslatable(object: object.key)
        guard let open = sql.firstIndex(of: "("), let close = sql.lastIndex(of: ")"), open < close else { throw untranslatable }
        let options = sql[sql.index(after: close)...].trimmingCharacters(in: .whitespaces)
        guard ["", "STRICT", "WITHOUT ROWID, STRICT", "STRICT, WITHOUT ROWID", "WITHOUT ROWID"].contains(options) else {
            throw untranslatable
        }
        name = object.name
        let hall = Self.hallColumn
        var columns: [String] = []
        var constraints: [String] = []
        var numbersRows = false
        var names: [String] = []
        for element in Self.topLevel(String(sql[sql.index(after: open)..<close])) {
            let upper = element.uppercased()
            if upper.hasPrefix("PRIMARY KEY (") || upper.hasPrefix("UNIQUE (") {
                guard let paren = element.firstIndex(of: "(") else { throw untranslatable }
                constraints.append(element[..<paren] + "(" + hall + ", " + element[element.index(after: paren)...])
                continue
            }
            if upper.hasPrefix("CHECK (") {
                constraints.append(Self.types(element))
                continue
            }
            if upper.hasPrefix("FOREIGN KEY") || upper.hasPrefix("CONSTRAINT") { throw untranslatable }
            // A column: its name, then its type and constraints.
            var words = element
            guard let column = words.split(separator: " ").first.map(String.init) else { throw untranslatable }
            if let range = words.range(of: " PRIMARY KEY AUTOINCREMENT") {
                words.removeSubrange(range)
                words += " NOT NULL"
                numbersRows = true
                constraints.append("PRIMARY KEY (\(hall), \(column))")
            } else if let range = words.range(of: " PRIMARY KEY") {
                words.removeSubrange(range)
                constraints.append("PRIMARY KEY (\(hall), \(column))")
            }
            if let range = words.range(of: " UNIQUE") {
                words.removeSubrange(range)
                constraints.append("UNIQUE (\(hall), \(column))")
            }
            if let range = words.range(of: #" REFERENCES "?(\w+)"?\((\w+)\)"#, options: .regularExpression) {
                let reference = String(words[range])
                words.removeSubrange(range)
                guard let target = reference.firstMatch(of: /REFERENCES "?(\w+)"?\((\w+)\)/) else { throw untranslatable }
                constraints.append("FOREIGN KEY (\(hall), \(column)) REFERENCES \(target.1)(\(hall), \(target.2))")
            }
            if words.uppercased().contains("PRIMARY KEY") || words.uppercased().contains(" REFERENCES ") { throw untranslatable }
            columns.append(Self.types(words))
            names.append(column)
        }
        let sqliteRowid = !options.contains("WITHOUT ROWID") && !numbersRows
        let added = ["\(hall) text NOT NULL DEFAULT guitai_hall()"]
            + (sqliteRowid ? ["\(Self.rowidColumn) bigint GENERATED ALWAYS AS IDENTITY"] : [])
        self.numbersRows = numbersRows
        self.columns = names
        allColumns = names + [hall] + (sqliteRowid ? [Self.rowidColumn] : [])
        statement = "CREATE TABLE \(object.name) (" + (columns + added + constraints).joined(separator: ", ") + ")"
    }

    /// The comma-separated elements of a table's definition, commas inside parentheses or quotes left alone.
    private static func topLevel(_ body: String) -> [String] {
        var elements: [String] = []
        var current = ""
        var depth = 0
        var quoted = false
        for character in body {
            switch character {
            case "'": quoted.toggle()
            case "(" where !quoted: depth += 1
            case ")" where !quoted: depth -= 1
            case "," where !quoted && depth == 0:
                elements.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { elements.append(last) }
        return elements
    }

    /// SQLite's column types as PostgreSQL's. Text compares and sorts byte by byte (`COLLATE "C"`), as SQLite's
    /// does: a search's key ranges, the order of a list and of the journal's notes are then the same on both engines,
    /// whatever collation the city's database was made with.
    private static func types(_ text: String) -> String {
        text.replacing(/\bINTEGER\b/, with: "bigint").replacing(/\bTEXT\b/, with: "text COLLATE \"C\"")
    }
}
