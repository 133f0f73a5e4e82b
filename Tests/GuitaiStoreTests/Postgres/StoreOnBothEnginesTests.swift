import Foundation
import GuitaiCore
import Testing
@testable import GuitaiStore

/// The same store's operations on a hall's SQLite file and on the city's PostgreSQL database: the same records come
/// back, the journal notes the same rows with the same digests, serials follow on, and a refused transaction leaves
/// both as they were.
@Suite struct StoreOnBothEnginesTests {
    static let hall = HallSettings(code: "540102", name: "城关区社保经办大厅", regionCode: "540102", isTraining: false,
                                   deviceID: "device-hall", defaultPolicyID: "xizang-2023")

    /// Record UUIDs from a counter, so both engines give their rows the same keys.
    static func counter() -> @Sendable () -> String {
        let next = LockedValue(0)
        return {
            let value = next.get() + 1
            next.set(value)
            return String(format: "00000000-0000-4000-8000-%012d", value)
        }
    }

    /// A new store on each engine, made by the same first transaction.
    static func stores() throws -> (sqlite: TemporaryStore, postgres: Store, database: PostgresTestDatabase) {
        let database = try PostgresTestDatabase()
        setenv("PGPASSWORD", database.password, 1)
        let sqlite = try TemporaryStore(makeID: counter())
        let hash = try Store.hashSecret("admin-password")
        let postgres = try Store.create(at: database.location.description, hall: hall, context: TemporaryStore.context(),
                                        makeID: counter()) { tx in
            try tx.insertOperator(Operator(id: "admin", name: "管理员", role: .admin), passwordHash: hash)
            return ["hall": "540102"]
        }
        return (sqlite, postgres, database)
    }

    /// The business of a morning at the counter, as both engines are given it.
    static func morning(_ store: Store, _ fixtures: TemporaryStore) throws -> [String] {
        var serials: [String] = []
        for (sequence, name, initials) in [(1, "扎西·平措", "[z][x][pb][c]"), (2, "卓玛", "[z][m]")] {
            let person = fixtures.person(name, sequence: sequence)
            serials.append(try store.write(TemporaryStore.context(), kind: "person.add") { tx in
                let uuid = try tx.insertPerson(person, initials: initials)
                let enrolment = Enrolment(scheme: .residentMedical, status: .active, regionCode: "540102",
                                          from: TemporaryStore.date, coverFrom: TemporaryStore.date)
                _ = try tx.insertEnrolment(enrolment, personUUID: uuid)
                return ((), ["id": .string(person.id.value)])
            }.serial)
        }
        return serials
    }

    @Test func theSameBusinessGivesTheSameRecordsAndJournalOnBothEngines() throws {
        let (sqlite, postgres, database) = try Self.stores()
        _ = database
        let fromSQLite = try Self.morning(sqlite.store, sqlite)
        let fromPostgres = try Self.morning(postgres, sqlite)
        // Serials: hall code, business date, then one after another, the store's first transaction being 1.
        #expect(fromSQLite == ["54010220230601000002", "54010220230601000003"])
        #expect(fromPostgres == fromSQLite)

        let id = sqlite.person("扎西·平措", sequence: 1).id.value
        for store in [sqlite.store, postgres] {
            let (person, enrolments, count) = try store.read { tx in
                let person = try #require(try tx.person(idNumber: id))
                return (person, try tx.enrolments(personUUID: person.uuid), try tx.count("persons"))
            }
            #expect(person.person.name == "扎西·平措")
            #expect(enrolments.map(\.enrolment.scheme) == [.residentMedical])
            #expect(count == 2)
        }
        // The clerk's search finds the same people in the same order: part of a name, the last digits of a number,
        // initials (平 read either way, and the first letters of both names).
        for query in ["平措", "卓玛", String(id.suffix(4)), "扎西·平措", "zxbc", "zxp", "z"] {
            let fromFile = try sqlite.store.read { try $0.findPersons(query) }.map(\.person.name)
            let fromCity = try postgres.read { try $0.findPersons(query) }.map(\.person.name)
            #expect(!fromFile.isEmpty && fromCity == fromFile, "\(query)")
        }
        let sqliteRecord = try sqlite.store.read { try $0.person(idNumber: id) }
        let postgresRecord = try postgres.read { try $0.person(idNumber: id) }
        #expect(sqliteRecord == postgresRecord)

        // Every entry notes the same rows with the same digests (but the settings' and the administrator's, which
        // hold each store's own random key and password salt), so one journal replays on either engine.
        let sqliteJournal = try sqlite.store.read { try $0.journal() }
        let postgresJournal = try postgres.read { try $0.journal() }
        #expect(postgresJournal.map(\.seq) == [1, 2, 3])
        #expect(postgresJournal.map(\.serial) == sqliteJournal.map(\.serial))
        #expect(postgresJournal.map(\.kind) == sqliteJournal.map(\.kind))
        func rows(_ entry: JournalEntry) -> [String] {
            entry.changes.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("settings\t") && !$0.hasPrefix("operators\t") }
        }
        #expect(postgresJournal.map(rows) == sqliteJournal.map(rows))
        #expect(postgresJournal.dropFirst().allSatisfy { $0.changes.contains("persons\t") && $0.changes.contains("enrolments\t") })
        // The chain links each entry to the one before, on PostgreSQL as on SQLite.
        for (previous, entry) in zip(postgresJournal, postgresJournal.dropFirst()) {
            #expect(entry.isIntact(after: previous.hash))
        }
    }

    @Test func aRefusedTransactionLeavesTheCityDatabaseAsItWas() throws {
        let (sqlite, postgres, database) = try Self.stores()
        _ = database
        _ = try Self.morning(postgres, sqlite)
        struct Refused: Error {}
        let before = try postgres.read { tx in (try tx.count("persons"), try tx.count("enrolments"), try tx.journal().count) }
        #expect(throws: Refused.self) {
            _ = try postgres.write(TemporaryStore.context(), kind: "person.add") { tx -> ((), JSONValue) in
                _ = try tx.insertPerson(sqlite.person("次仁", sequence: 3), initials: "cr")
                throw Refused()
            }
        }
        let after = try postgres.read { tx in (try tx.count("persons"), try tx.count("enrolments"), try tx.journal().count) }
        #expect(after == before)
        // The serial the refused transaction took is taken again: nothing of it was kept.
        let next = try postgres.write(TemporaryStore.context(), kind: "person.add") { tx in
            ((), ["uuid": .string(try tx.insertPerson(sqlite.person("次仁", sequence: 3), initials: "cr"))])
        }
        #expect(next.serial == "54010220230601000004")
    }

    @Test func verifyOnTheCityFindsWhatWasChangedBehindTheProductsBack() throws {
        let (sqlite, postgres, database) = try Self.stores()
        _ = try Self.morning(postgres, sqlite)
        let clean = try postgres.verify()
        #expect(clean.ok, "\(clean.problems.map(\.message.en))")
        #expect(clean.transactions == 3)

        // Changes made with the server's own powers (the superuser, held to no policy and no trigger of ours).
        let admin = database.session
        try admin.execute("UPDATE persons SET name = '改名' WHERE name = '卓玛'")
        try admin.execute("DELETE FROM person_search_keys WHERE name = '扎西·平措' AND key LIKE 't%'")
        try admin.execute("ALTER TABLE journal DISABLE TRIGGER journal_refuses_update")
        try admin.execute("UPDATE journal SET payload = '{}' WHERE seq = 2")
        try admin.execute("ALTER TABLE enrolments NO FORCE ROW LEVEL SECURITY")
        let found = try postgres.verify().problems
        #expect(found.contains { $0.table == "persons" }, "\(found.map(\.message.en))")
        #expect(found.contains { $0.table == "journal" && $0.row == "2" })
        #expect(found.contains { $0.table == PersonSearchKeys.table })
        #expect(found.contains { $0.table == "schema" && $0.row == "enrolments" })
        // A trigger of the schema's, switched off, is still there: dropped, it is named.
        try admin.execute("DROP TRIGGER guitai_capture ON cards")
        #expect(try postgres.verify().problems.contains { $0.row == "cards.guitai_capture" })
    }
}

/// A hall's store file copied into the city's database: the same rows, the journal replaying there, and the hall
/// working on from where the file stopped.
@Suite struct StoreCopyTests {
    @Test func aHallsFileCopiesIntoTheCityAndGoesOnThere() throws {
        let database = try PostgresTestDatabase()
        setenv("PGPASSWORD", database.password, 1)
        let file = try TemporaryStore()
        _ = try StoreOnBothEnginesTests.morning(file.store, file)
        let address = database.location.description
        let report = try Store.copy(from: file.directory + "/guitai.sqlite", to: address)
        #expect(report.hall == "540102" && report.transactions == 3 && report.rows > 10)

        // The hall opens there (as its hall) with the file's people, journal and serials, and goes on.
        setenv("GUITAI_HALL", "540102", 1)
        let city = try Store.open(at: address)
        let id = file.person("扎西·平措", sequence: 1).id.value
        #expect(try city.read { try $0.person(idNumber: id) } == (try file.store.read { try $0.person(idNumber: id) }))
        #expect(try city.read { try $0.journal() }.map(\.hash) == (try file.store.read { try $0.journal() }.map(\.hash)))
        #expect(try city.read { try $0.findPersons("平措") }.count == 1)
        let next = try city.write(TemporaryStore.context(), kind: "person.add") { tx in
            ((), ["uuid": .string(try tx.insertPerson(file.person("次仁", sequence: 3), initials: "[c][r]"))])
        }
        #expect(next.serial == "54010220230601000004")
        #expect(try city.verify().ok)

        // A second copy of the same hall is refused, and changes nothing.
        let again = try #require(throws: DomainError.self) { _ = try Store.copy(from: file.directory + "/guitai.sqlite", to: address) }
        #expect(again.code == "store-exists")
        #expect(try city.read { try $0.journal().count } == 4)
    }
}
