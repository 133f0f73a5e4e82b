import GRDB
import GuitaiCore

/// The index behind the clerk's search (`findPersons`), so that a search in a district of a million people reads a
/// few index pages instead of every person: the table `person_search_keys(key, person_uuid, name, id_number)`, one
/// row per way a person can be found, kept up to date by triggers on `persons` that every write connection installs.
/// Each key carries the person's name and ID number, the list's order, so a search that matches thousands (a common
/// name, two initials) sorts them from the index and reads only the fifty people it shows.
///
/// Keys, each a letter and text:
/// - `t` and the ID number reversed: the last digits typed are a prefix (`…1234` is `t4321…`).
/// - `n` and every suffix of the name without its dot, in lower case: a part of the name typed is the prefix of one
///   (`平措` is the start of `n平措`, a suffix of 扎西·平措).
/// - `i` and the letters of one reading of the name's pinyin initials (`izxpc`, `izxbc` when 平 reads b too). A name
///   whose readings combine in more than `maximumReadings` ways keeps the readings of its longest prefix that fit,
///   marked with `~`, and the search checks those candidates against the whole pattern.
///
/// Derived from `persons` like an index: not journaled, not digested, filled by the migration that made it, and checked
/// whole by `verify` against the people it must find.
enum PersonSearchKeys {
    static let table = "person_search_keys"
    static let functionName = "guitai_search_keys"
    static let maximumReadings = 256
    /// Sorts after every letter: marks a reading cut short.
    static let truncated: Character = "~"

    /// Every key of one person.
    static func keys(idNumber: String, name: String, initials: String) -> [String] {
        var keys = ["t" + String(idNumber.reversed())]
        let bare = bareName(name)
        var suffix = Substring(bare)
        while !suffix.isEmpty {
            keys.append("n" + suffix)
            suffix = suffix.dropFirst()
        }
        for reading in readings(of: initials) where !keys.contains("i" + reading) { keys.append("i" + reading) }
        return keys
    }

    /// A name as the keys hold it and a typed name is compared: without the dot (any of its variants), lower case.
    static func bareName(_ name: String) -> String {
        String(name.filter { $0 != StoredText.nameDot && !StoredText.nameDotVariants.contains($0) }).lowercased()
    }

    /// The letter strings an initials pattern `[z][x][pb][c]` stands for, or those of its longest prefix that stay
    /// within `maximumReadings`, each followed by `~`.
    static func readings(of pattern: String) -> [String] {
        var groups: [[Character]] = []
        var current: [Character]?
        for character in pattern {
            if character == "[" { current = [] } else if character == "]" {
                if let letters = current, !letters.isEmpty { groups.append(letters) }
                current = nil
            } else if current != nil { current?.append(character) }
        }
        var readings = [""]
        for letters in groups {
            guard readings.count * letters.count <= maximumReadings else {
                return readings.map { $0 + String(truncated) }
            }
            readings = readings.flatMap { reading in letters.map { reading + String($0) } }
        }
        return readings.filter { !$0.isEmpty }
    }

    /// `guitai_search_keys(id_number, name, initials)`: the keys as a JSON array, for the triggers' `json_each`.
    static let function = DatabaseFunction(functionName, argumentCount: 3, pure: true) { values in
        guard let id = String.fromDatabaseValue(values[0]), let name = String.fromDatabaseValue(values[1]),
              let initials = String.fromDatabaseValue(values[2]) else { return "[]" }
        return JSONValue.array(keys(idNumber: id, name: name, initials: initials).map { .string($0) }).rendered()
    }

    /// The keys of every person, computed again: the migration's fill (and a repair).
    static func rebuild(_ db: Database) throws {
        // Whatever connection migrates (the one `verify` builds its reference schema on has no functions of its own).
        db.add(function: function)
        try db.execute(sql: """
            DELETE FROM \(table);
            INSERT OR IGNORE INTO \(table)(key, person_uuid, name, id_number)
                SELECT k.value, p.uuid, p.name, p.id_number FROM persons p, json_each(\(functionName)(p.id_number, p.name, p.initials)) k;
            """)
    }

    /// What `verify` finds wrong with the index: a person's key missing or carrying another name or number (they could
    /// not be found that way, or would be listed out of order), or keys no person gives. Each person's keys are
    /// computed again and looked up; the count shows what was added.
    static func problems(_ db: StoreConnection) throws -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        var expected = 0
        let lookup = "SELECT 1 FROM \(table) WHERE key = ? AND person_uuid = ? AND name IS ? AND id_number IS ?"
        try db.forEachRow(sql: "SELECT uuid, id_number, name, initials FROM persons") { row in
            let uuid = RowReader.shown(row[0])
            let name = row[2], idNumber = row[1]
            let keys = Set(keys(idNumber: String.fromDatabaseValue(idNumber) ?? "", name: String.fromDatabaseValue(name) ?? "",
                                initials: String.fromDatabaseValue(row[3]) ?? ""))
            expected += keys.count
            let missing = try keys.filter { try db.fetchOne(Int.self, sql: lookup, arguments: [$0, uuid, name, idNumber]) == nil }.count
            if missing > 0 {
                problems.append(.derived(table: table, row: uuid,
                                                    zh: "\(table) 缺少 persons 中 \(uuid) 的 \(missing) 个检索键，或其姓名、证件号与本人不符（被绕过柜台删除或改动），按这些方式查不到此人或排序有误",
                                                    en: "\(table) lacks \(missing) search keys of person \(uuid), or they carry another name or number (deleted or changed behind the product's back): they cannot be found that way, or are listed out of order"))
            }
        }
        let stored = try db.fetchOne(Int.self, sql: "SELECT count(*) FROM \(table)") ?? 0
        if problems.isEmpty && stored != expected {
            problems.append(.derived(table: table, row: "",
                                                zh: "\(table) 有 \(stored) 个检索键，persons 只给出 \(expected) 个（被绕过柜台添加或改动）",
                                                en: "\(table) holds \(stored) search keys where persons give \(expected) (added or changed behind the product's back)"))
        }
        return problems
    }

    /// The triggers that keep the keys with their person, on a write connection (temporary, as the projection's are:
    /// another program writing `persons` is not asked to know the function).
    static func install(_ db: Database) throws {
        // A damaged store without these tables has nothing to keep; `verify` reports what is missing.
        guard try db.tableExists(table), try db.tableExists("persons") else { return }
        let keysOf = { (row: String) in "json_each(\(functionName)(\(row).id_number, \(row).name, \(row).initials))" }
        try db.execute(sql: """
            CREATE TEMP TRIGGER IF NOT EXISTS guitai_search_keys_insert AFTER INSERT ON main.persons BEGIN
                INSERT OR IGNORE INTO \(table)(key, person_uuid, name, id_number) SELECT value, NEW.uuid, NEW.name, NEW.id_number FROM \(keysOf("NEW"));
            END;
            CREATE TEMP TRIGGER IF NOT EXISTS guitai_search_keys_update
                AFTER UPDATE OF uuid, id_number, name, initials ON main.persons BEGIN
                DELETE FROM \(table) WHERE person_uuid = OLD.uuid AND key IN (SELECT value FROM \(keysOf("OLD")));
                INSERT OR IGNORE INTO \(table)(key, person_uuid, name, id_number) SELECT value, NEW.uuid, NEW.name, NEW.id_number FROM \(keysOf("NEW"));
            END;
            CREATE TEMP TRIGGER IF NOT EXISTS guitai_search_keys_delete AFTER DELETE ON main.persons BEGIN
                DELETE FROM \(table) WHERE person_uuid = OLD.uuid AND key IN (SELECT value FROM \(keysOf("OLD")));
            END;
            """)
    }
}
