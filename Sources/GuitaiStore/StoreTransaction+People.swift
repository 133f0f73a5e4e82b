import Foundation
import GRDB
import GuitaiCore

extension StoreTransaction {
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

    public func person(idNumber: String) throws -> PersonRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM persons WHERE id_number = ?", arguments: [idNumber]).map(personRecord)
    }

    public func person(uuid: String) throws -> PersonRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM persons WHERE uuid = ?", arguments: [uuid]).map(personRecord)
    }

    /// People matching a search: the full number, its last digits, part of the name, or pinyin initials.
    public func findPersons(_ query: String, limit: Int = 50) throws -> [PersonRecord] {
        let text = query.trimmingSpaces
        guard !text.isEmpty else { return [] }
        let upper = text.uppercased()
        let isDigits = upper.allSatisfy { $0.isASCII && ($0.isNumber || $0 == "X") }
        let isLetters = text.allSatisfy { $0.isASCII && $0.isLetter }
        var rows: [Row]
        if isDigits && upper.count == 18 {
            rows = try Row.fetchAll(db, sql: "SELECT * FROM persons WHERE id_number = ?", arguments: [upper])
        } else if isDigits {
            rows = try Row.fetchAll(db, sql: "SELECT * FROM persons WHERE id_number LIKE ? ORDER BY name, id_number LIMIT ?",
                                    arguments: ["%" + upper, limit])
        } else if isLetters {
            // `initials` is a GLOB pattern with every reading's letter per character, `[z][x][pb][c]`.
            rows = try Row.fetchAll(db, sql: "SELECT * FROM persons WHERE ? GLOB initials ORDER BY name, id_number LIMIT ?",
                                    arguments: [text.lowercased(), limit])
        } else {
            let escaped = text.replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            rows = try Row.fetchAll(db, sql: "SELECT * FROM persons WHERE name LIKE ? ESCAPE '\\' ORDER BY name, id_number LIMIT ?",
                                    arguments: ["%" + escaped + "%", limit])
        }
        return try rows.map(personRecord)
    }

    private func personRecord(_ row: Row) throws -> PersonRecord {
        let uuid: String = row["uuid"]
        let groups = try Row.fetchAll(db, sql: "SELECT * FROM person_groups WHERE person_uuid = ? ORDER BY from_date, group_code",
                                      arguments: [uuid]).compactMap { g -> GroupMembership? in
            guard let group = SpecialGroup(rawValue: g["group_code"]), let from = LocalDate(iso: g["from_date"]) else { return nil }
            return GroupMembership(group: group, from: from, to: (g["to_date"] as String?).flatMap(LocalDate.init(iso:)))
        }
        let number: String = row["id_number"]
        guard let id = ResidentID(stored: number) else {
            throw DomainError(.failure, code: "store-damaged", zh: "库中的身份证号 \(number) 已损坏", en: "A stored ID number is damaged: \(number)")
        }
        let person = Person(id: id, name: row["name"], ethnicity: row["ethnicity"],
                            household: (row["household"] as String?).flatMap(Household.init(rawValue:)),
                            regionCode: row["region_code"], address: row["address"], phone: row["phone"],
                            isStudent: row["student"], groups: groups)
        return PersonRecord(uuid: uuid, person: person, createdSerial: row["created_serial"])
    }
}
