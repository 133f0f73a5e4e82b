import Foundation
import GRDB
import GuitaiCore
import Testing
import TestSupport
@testable import GuitaiStore

/// The clerk's search through its index (issue 13): the same people found as the whole-table reading found, on an
/// index whatever is typed, and the index kept whole as people come, change and go.
@Suite struct PersonSearchTests {
    /// 扎西·平措's initials as the pinyin table gives them: 平 reads píng or, in Tibetan names, bǐng.
    static let tashi = (name: "扎西·平措", initials: "[z][x][pb][c]")

    func add(_ s: TemporaryStore, _ name: String, initials: String, sequence: Int) throws -> String {
        let person = s.person(name, sequence: sequence)
        _ = try s.store.write(TemporaryStore.context(), kind: "person.add") { tx in
            (try tx.insertPerson(person, initials: initials), ["id": .string(person.id.value)])
        }
        return person.id.value
    }

    func names(_ s: TemporaryStore, _ query: String) throws -> [String] {
        try s.store.read { try $0.findPersons(query).map(\.person.name) }
    }

    @Test("ID tail, any part of the name with or without its dot, and initials in any reading find the person")
    func everyWayOfTypingFindsThePerson() throws {
        let s = try TemporaryStore()
        let id = try add(s, Self.tashi.name, initials: Self.tashi.initials, sequence: 123)
        _ = try add(s, "卓玛", initials: "[z][m]", sequence: 222)
        _ = try add(s, "Anna 卓玛", initials: "[a][n][n][a][z][m]", sequence: 224)
        // The number ends in its check character X: `3X` is a tail, a lone `x` is an initial (below).
        #expect(id.hasSuffix("X"))
        for query in [String(id.suffix(4)), String(id.suffix(2)), String(id.suffix(2)).lowercased(), String(id.dropFirst(1)), "扎西·平措", "扎西平措", "扎西.平措", "西平", "措",
                      "zxpc", "zxbc", "ZX", "z"] {
            #expect(try names(s, query).contains("扎西·平措"), "\(query)")
        }
        #expect(try names(s, "zxpc") == ["扎西·平措"])
        // Whole names first: zm is all of 卓玛 and the start of nobody else's initials here.
        #expect(try names(s, "zm") == ["卓玛"])
        #expect(try names(s, "ANNA") == ["Anna 卓玛"], "letters are initials, whatever their case")
        #expect(try names(s, "anna 卓").count == 1, "a Latin part of a name matches whatever its case")
        for query in ["平西", "zxpd", "zxpcx", String(id.suffix(4)) + "1", "曲珍"] {
            #expect(try names(s, query).isEmpty, "\(query)")
        }
    }

    @Test("letters are initials even when they are all x, and an ID tail may end in its check character X")
    func anXIsALetterUnlessItEndsDigits() throws {
        let s = try TemporaryStore()
        _ = try add(s, "徐霞", initials: "[x][x]", sequence: 500)
        let xu = try add(s, "许", initials: "[x]", sequence: 501)
        #expect(try names(s, "xx") == ["徐霞"])
        #expect(try names(s, "X").sorted() == ["徐霞", "许"])
        // 540102196001015011's last four are 5011; a number whose check character is X is found by its tail with the X.
        let withX = try s.store.read { try $0.findPersons(String(xu.suffix(3))).map(\.person.name) }
        #expect(withX == ["许"])
        let xTail = (0..<2_000).lazy.map { GB11643.number(region: "540102", birth: "19600101", sequence: $0) }.first { $0.hasSuffix("X") } ?? ""
        let sequence = Int(xTail.dropFirst(14).prefix(3)) ?? 0
        _ = try add(s, "达瓦", initials: "[d][w]", sequence: sequence)
        #expect(try names(s, String(xTail.suffix(4)).lowercased()) == ["达瓦"])
    }

    @Test("a name whose readings combine in too many ways is still found by every reading, checked against its pattern")
    func aNameWithVeryManyReadingsIsFound() throws {
        let s = try TemporaryStore()
        // Five characters of four readings each: 1,024 ways, more than the keys keep.
        let pattern = "[abcd][efgh][ijkl][mnop][qrst]"
        #expect(PersonSearchKeys.readings(of: pattern).allSatisfy { $0.hasSuffix("~") && $0.count == 5 })
        _ = try add(s, "阿巴卡达拉", initials: pattern, sequence: 300)
        for query in ["a", "dh", "aeimq", "dhlpt", "cgkos", "aei"] {
            #expect(try names(s, query) == ["阿巴卡达拉"], "\(query)")
        }
        for query in ["ae" + "z", "aeimqa", "b" + "a"] {
            #expect(try names(s, query).isEmpty, "\(query)")
        }
    }

    @Test("the readings of a pattern are every combination of its letters, in order")
    func readingsAreEveryCombination() {
        #expect(PersonSearchKeys.readings(of: Self.tashi.initials) == ["zxpc", "zxbc"])
        #expect(PersonSearchKeys.readings(of: "") == [])
        #expect(PersonSearchKeys.readings(of: "[z][]x[m") == ["z"])
    }

    @Test("a person's keys follow them when the row changes or goes, as a reversal or a correction writes it")
    func keysFollowTheRow() throws {
        let s = try TemporaryStore()
        let id = try add(s, "次仁", initials: "[c][r]", sequence: 400)
        _ = try s.store.write(TemporaryStore.context(), kind: "person.correct") { tx in
            try tx.db.execute(sql: "UPDATE persons SET name = '次仁多吉', initials = '[c][r][d][j]' WHERE id_number = ?", arguments: [id])
            return ((), [:])
        }
        #expect(try names(s, "多吉") == ["次仁多吉"])
        #expect(try names(s, "crdj") == ["次仁多吉"])
        _ = try s.store.write(TemporaryStore.context(), kind: "person.remove") { tx in
            try tx.db.execute(sql: "DELETE FROM persons WHERE id_number = ?", arguments: [id])
            return ((), [:])
        }
        #expect(try names(s, "次仁").isEmpty)
        #expect(try s.raw().read { try Int.fetchOne($0, sql: "SELECT count(*) FROM person_search_keys") } == 0)
    }

    @Test("a store from before the index gets its keys when it is upgraded")
    func anOlderStoreIsIndexedOnUpgrade() throws {
        let s = try TemporaryStore()
        let id = try add(s, Self.tashi.name, initials: Self.tashi.initials, sequence: 123)
        // As the previous version left it: no index, and no record of this migration.
        try s.raw().write { db in
            try db.execute(sql: """
                DROP TABLE person_search_keys;
                DELETE FROM grdb_migrations WHERE identifier IN ('v8-person-search-keys', 'v12-search-keys-in-list-order')
                """)
        }
        let store = try Store.open(at: s.directory + "/guitai.sqlite")
        #expect(try store.read { try $0.findPersons(String(id.suffix(6))).map(\.person.name) } == ["扎西·平措"])
        #expect(try store.read { try $0.findPersons("zxbc").count } == 1)
        #expect(try store.verify().ok)
    }

    @Test("a store whose keys carry no names gets them when it is upgraded, and lists in name order")
    func keysWithoutNamesAreRebuiltOnUpgrade() throws {
        let s = try TemporaryStore()
        _ = try add(s, "次仁卓玛", initials: "[c][r][zh][m]", sequence: 401)
        _ = try add(s, "次仁", initials: "[c][r]", sequence: 402)
        // As version 11 left it: keys of (key, person) only, and no record of the migration that adds the names.
        try s.raw().write { db in
            try db.execute(sql: """
                DROP TABLE person_search_keys;
                CREATE TABLE person_search_keys (key TEXT NOT NULL, person_uuid TEXT NOT NULL, PRIMARY KEY (key, person_uuid)) WITHOUT ROWID, STRICT;
                INSERT INTO person_search_keys SELECT 'n' || name, uuid FROM persons;
                DELETE FROM grdb_migrations WHERE identifier = 'v12-search-keys-in-list-order';
                """)
        }
        let store = try Store.open(at: s.directory + "/guitai.sqlite")
        #expect(try store.read { try $0.findPersons("次仁").map(\.person.name) } == ["次仁", "次仁卓玛"])
        #expect(try store.read { try $0.findPersons("cr").map(\.person.name) } == ["次仁", "次仁卓玛"])
        #expect(try store.read { try $0.findPersons("卓玛").map(\.person.name) } == ["次仁卓玛"])
        #expect(try store.verify().ok)
    }

    @Test("every search reads the index, never the whole table", arguments: ["1234", "扎西", "zx", "zxpcd", "540102196001011230"])
    func everySearchIsOnAnIndex(_ query: String) throws {
        let s = try TemporaryStore()
        _ = try add(s, Self.tashi.name, initials: Self.tashi.initials, sequence: 123)
        let plan = try s.store.read { try $0.searchPlan(query) }
        #expect(!plan.isEmpty)
        #expect(!plan.contains { $0.hasPrefix("SCAN persons") || $0.hasPrefix("SCAN person_search_keys") }, "\(plan)")
        #expect(plan.contains { $0.contains("SEARCH") && ($0.contains("person_search_keys") || $0.contains("id_number")) }, "\(plan)")
    }
}
