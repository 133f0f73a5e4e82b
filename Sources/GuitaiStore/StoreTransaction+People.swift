import Foundation
import GRDB
import GuitaiCore

extension StoreTransaction {
    /// Registers a person with their groups; `initials` is the pinyin search pattern. Returns the record's UUID.
    public func insertPerson(_ person: Person, initials: String) throws -> String {
        let uuid = newID()
        try db.execute(sql: """
            INSERT INTO persons(uuid, id_number, name, initials, ethnicity, household, region_code, address, phone, student,
                                device, created_serial)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [uuid, person.id.value, person.name, initials, person.ethnicity, person.household?.rawValue,
                             person.regionCode, person.address, person.phone, person.isStudent, deviceID, writingSerial])
        for membership in person.groups {
            try db.execute(sql: """
                INSERT INTO person_groups(uuid, person_uuid, group_code, from_date, to_date, device) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [newID(), uuid, membership.group.rawValue, membership.from.iso, membership.to?.iso, deviceID])
        }
        return uuid
    }

    /// The person with an ID number (18 characters, normalised), if registered.
    public func person(idNumber: String) throws -> PersonRecord? {
        try db.firstRow(sql: Self.personWithGroups + " WHERE p.id_number = ?", arguments: [idNumber], personRecord)
    }

    /// The person with a record UUID, if any.
    public func person(uuid: String) throws -> PersonRecord? {
        try db.firstRow(sql: Self.personWithGroups + " WHERE p.uuid = ?", arguments: [uuid], personRecord)
    }

    /// People matching a search: the full number, its last digits, part of the name, or pinyin initials.
    public func findPersons(_ query: String, limit: Int = 50) throws -> [PersonRecord] {
        guard let (sql, arguments) = searchStatement(query, limit: limit) else { return [] }
        return try db.rows(sql: sql, arguments: arguments, personRecord)
    }

    /// What SQLite plans for a search (`EXPLAIN QUERY PLAN`, one line per step), for the tests that keep every search
    /// on an index.
    func searchPlan(_ query: String) throws -> [String] {
        guard let (sql, arguments) = searchStatement(query, limit: 50) else { return [] }
        return try db.allRows(sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { String.fromDatabaseValue($0["detail"]) ?? "" }
    }

    /// The statement of a search, or nil for an empty one. Every search but the full number reads the search keys'
    /// index (`PersonSearchKeys`) for the people to read.
    private func searchStatement(_ query: String, limit: Int) -> (String, SQLArguments)? {
        let text = query.trimmingSpaces
        guard !text.isEmpty else { return nil }
        let upper = text.uppercased()
        // Digits, with an X only as the check character at the end: `xx` is the initials of 徐霞, not an ID tail.
        let isDigits = upper.contains { $0.isASCII && $0.isNumber }
            && upper.dropLast().allSatisfy { $0.isASCII && $0.isNumber } && (upper.last?.isNumber == true || upper.last == "X")
        let isLetters = text.allSatisfy { $0.isASCII && $0.isLetter }
        if isDigits && upper.count == 18 {
            return (Self.personWithGroups + " WHERE p.id_number = ?", [upper])
        }
        if isDigits {
            let prefix = "t" + String(upper.reversed())
            return (Self.searchByKey, [prefix, prefix + Self.keyRangeEnd, limit])
        }
        if isLetters {
            // A key `i` + letters is one reading of a name's initials (`PersonSearchKeys`): the keys that start with
            // what was typed are the names whose first characters it matches (`zx` finds every 扎西·…), and the key
            // equal to it a whole name's, listed first. A name whose readings were cut short is found by a key that
            // is a prefix of what was typed, and checked against its whole pattern.
            let letters = text.lowercased()
            let cut = (1..<max(1, letters.count)).map { "i" + letters.prefix($0) + String(PersonSearchKeys.truncated) }
            // One letter typed has no shorter prefix: `IN (NULL)` matches nothing, where PostgreSQL refuses an empty list.
            let marks = cut.isEmpty ? "NULL" : cut.map { _ in "?" }.joined(separator: ", ")
            let range: [any DatabaseValueConvertible] = ["i" + letters, "i" + letters, "i" + letters + Self.keyRangeEnd]
            return ("""
                SELECT p.*, \(Self.groupList) FROM (
                    SELECT person_uuid, max(whole) AS whole, name, id_number FROM (
                        SELECT person_uuid, CASE WHEN key = ? THEN 1 ELSE 0 END AS whole, name, id_number
                        FROM person_search_keys WHERE key >= ? AND key < ?
                        UNION ALL
                        SELECT k.person_uuid, CASE WHEN ? GLOB c.initials THEN 1 ELSE 0 END, k.name, k.id_number
                        FROM person_search_keys k JOIN persons c ON c.uuid = k.person_uuid
                        WHERE k.key IN (\(marks)) AND ? GLOB guitai_initials_prefix(c.initials, ?)) AS candidates
                    GROUP BY person_uuid, name, id_number ORDER BY whole DESC, name, id_number LIMIT ?) m
                JOIN persons p ON p.uuid = m.person_uuid ORDER BY m.whole DESC, m.name, m.id_number
                """, SQLArguments(range + [letters] + cut + [letters, letters.count, limit]))
        }
        // A name matches with or without its dot, and whichever dot was typed (`扎西平措`, `扎西.平措` find 扎西·平措).
        let prefix = "n" + PersonSearchKeys.bareName(text)
        return (Self.searchByKey, [prefix, prefix + Self.keyRangeEnd, limit])
    }

    /// Every `every`-th person in the store's own order, up to `limit` of them.
    public func samplePeople(every: Int, limit: Int) throws -> [PersonSample] {
        try db.allRows(sql: "SELECT id_number, name, initials FROM persons WHERE rowid % ? = 0 ORDER BY rowid LIMIT ?",
                         arguments: [max(1, every), limit]).map { row in
            let r = RowReader(row, table: "persons", keyColumn: "id_number")
            // The pattern `[z][x][pb][c]`: the first letter of each bracket.
            var letters = "", open = false
            for character in try r.text("initials") {
                if character == "[" { open = true } else if open, character.isLetter { letters.append(character); open = false }
            }
            return PersonSample(id: try r.text("id_number"), name: try r.text("name"), initialLetters: letters)
        }
    }

    /// People with a search key in a range `[from, to)`.
    /// The people with a key in a range, in the list's order, sorted on the keys' own names and numbers: only the
    /// people listed are read.
    private static let searchByKey = """
        SELECT p.*, \(groupList) FROM (
            SELECT DISTINCT person_uuid, name, id_number FROM person_search_keys WHERE key >= ? AND key < ?
            ORDER BY name, id_number LIMIT ?) m
        JOIN persons p ON p.uuid = m.person_uuid ORDER BY m.name, m.id_number
        """
    /// Appended to a key prefix, the end of the range of every key that starts with it (U+10FFFF sorts after every
    /// character in SQLite's byte order).
    private static let keyRangeEnd = "\u{10FFFF}"

    /// A person's group memberships as a column of their row (`group_list`: a JSON array of each membership's uuid,
    /// code, from and to, as stored, so no value can pass for another): every statement that reads people reads them
    /// in the same step, so a lookup at the counter is one statement, not two.
    private static let groupList = """
        (SELECT json_group_array(json_array(g.uuid, g.group_code, g.from_date, g.to_date))
         FROM person_groups g WHERE g.person_uuid = p.uuid) AS group_list
        """
    /// A person's row with their memberships.
    private static let personWithGroups = "SELECT p.*, \(groupList) FROM persons p"

    private func personRecord(_ row: StoreRow) throws -> PersonRecord {
        let r = RowReader(row, table: "persons", keyColumn: "uuid")
        let uuid = try r.text("uuid")
        let groups = try groupMemberships(listed: try r.optionalText("group_list"))
        guard let id = ResidentID(stored: try r.text("id_number")) else {
            throw r.damaged("id_number", expected: Bilingual(zh: "有效的18位身份证号", en: "a valid 18-character ID number"))
        }
        let person = Person(id: id, name: try r.text("name"), ethnicity: try r.optionalText("ethnicity"),
                            household: try r.optionalCode(Household.self, "household"),
                            regionCode: try r.text("region_code"), address: try r.optionalText("address"), phone: try r.optionalText("phone"),
                            isStudent: try r.bool("student"), groups: groups)
        return PersonRecord(uuid: uuid, person: person, createdSerial: try r.text("created_serial"))
    }

    private func groupMembership(_ row: StoreRow) throws -> GroupMembership {
        let g = RowReader(row, table: "person_groups", keyColumn: "uuid")
        return GroupMembership(group: try g.code(SpecialGroup.self, "group_code"), from: try g.date("from_date"), to: try g.optionalDate("to_date"))
    }

    /// The memberships `groupList` listed, read as their rows would be (a damaged value names its row), by start date,
    /// then code.
    private func groupMemberships(listed: String?) throws -> [GroupMembership] {
        let damaged = {
            RowReader(StoreRow(columns: .init(["uuid"]), values: [.null]), table: "person_groups", keyColumn: "uuid")
                .damaged("group_code", expected: Bilingual(zh: "可读的特殊人群记录", en: "a readable membership"))
        }
        guard let listed else { return [] }
        guard let entries = try? JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[Any]] else { throw damaged() }
        return try entries.map { entry in
            guard entry.count == 4 else { throw damaged() }
            // The table is STRICT: text or NULL in each of these columns (a number, too, where checks were switched off).
            let values = entry.map { value -> DatabaseValue in
                switch value {
                case let text as String: text.databaseValue
                case let number as NSNumber: number.int64Value.databaseValue
                default: .null
                }
            }
            return try groupMembership(StoreRow(columns: .init(["uuid", "group_code", "from_date", "to_date"]), values: values))
        }.sorted { ($0.from, $0.group.rawValue) < ($1.from, $1.group.rawValue) }
    }
}

extension StoreTransaction {
    /// `guitai_initials_prefix(initials, k)`: a name's initials pattern cut after its first `k` characters
    /// (`[z][x][pb][c]`, 2 → `[z][x]`), or NULL when the name has fewer, so typed initials match a name's beginning.
    static let initialsPrefix = DatabaseFunction("guitai_initials_prefix", argumentCount: 2, pure: true) { values in
        guard let pattern = String.fromDatabaseValue(values[0]), let count = Int.fromDatabaseValue(values[1]), count > 0 else {
            return nil
        }
        var closed = 0
        for index in pattern.indices where pattern[index] == "]" {
            closed += 1
            if closed == count { return String(pattern[...index]) }
        }
        return nil
    }
}
