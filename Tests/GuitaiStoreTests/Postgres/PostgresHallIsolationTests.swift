import Foundation
import GuitaiCore
import PostgresNIO
import TestSupport
import Testing
@testable import GuitaiStore

/// Two halls on one city database, each served by its own login through the store: each hall's clerks see and change
/// only their own business, with their own serials and keys, the city's supervisor reads both, and a citizen's open
/// enrolment is unique across the city, all enforced by the server (row-level security, keys and a trigger), not by
/// Guitai.
@Suite struct PostgresHallIsolationTests {
    /// The SQLSTATE of the server's refusal of `body` (42501: not permitted), nil when it was not refused so.
    private func refusal(_ body: () throws -> Void) throws -> String? {
        let error = try #require(throws: (any Error).self) { try body() }
        return (error as? PostgresSession.Failure)?.sqlState
    }

    /// A city database with its schema, and logins made for the test (dropped with it: roles outlive databases).
    private final class City {
        let db: PostgresTestDatabase
        private var logins: [String] = []
        let tag = String(UUID().uuidString.prefix(8)).lowercased()

        init() throws {
            db = try PostgresTestDatabase()
            setenv("PGPASSWORD", db.password, 1)
            try Store.migrateCity(PostgresStoreSession(address: db.location.description))
        }

        deinit {
            for login in logins {
                try? db.session.execute("DROP OWNED BY \(login)")
                try? db.session.execute("DROP ROLE IF EXISTS \(login)")
            }
        }

        /// A login of the test's own: a hall's when `hall` is given, else one made by `creating`.
        func login(_ name: String, hall: String? = nil, creating: String? = nil) throws -> String {
            let login = "\(name)_\(tag)"
            logins.append(login)
            if let hall {
                for statement in try PostgresHallIsolation.addHallLogin(login, hall: hall) { try db.session.execute(statement) }
            }
            if let creating { try db.session.execute(creating.replacingOccurrences(of: "LOGIN_NAME", with: login)) }
            try db.session.execute("ALTER ROLE \(login) PASSWORD '\(db.password)'")
            return login
        }

        func address(_ login: String) -> String {
            var location = db.location
            location.user = login
            return location.description
        }

        func session(_ login: String) throws -> PostgresSession {
            var location = db.location
            location.user = login
            return try PostgresSession.connect(to: location, password: db.password)
        }

        /// A hall's store in the city database, made through the hall's own login, with an administrator `admin`.
        func store(hall code: String, login: String) throws -> Store {
            let hall = HallSettings(code: code, name: "大厅 \(code)", regionCode: code, isTraining: false,
                                    deviceID: "device-\(code)", defaultPolicyID: "xizang-2023")
            let hash = try Store.hashSecret("admin-password")
            return try Store.create(at: address(login), hall: hall, context: TemporaryStore.context()) { tx in
                try tx.insertOperator(Operator(id: "admin", name: "管理员", role: .admin), passwordHash: hash)
                return ["hall": .string(code)]
            }
        }
    }

    private static func enrol(_ store: Store, _ person: Person, in scheme: Scheme = .residentMedical) throws -> String {
        try store.write(TemporaryStore.context(), kind: "person.add") { tx in
            let uuid = try tx.insertPerson(person, initials: "x")
            let enrolment = Enrolment(scheme: scheme, status: .active, regionCode: person.regionCode,
                                      from: TemporaryStore.date, coverFrom: TemporaryStore.date)
            _ = try tx.insertEnrolment(enrolment, personUUID: uuid)
            return ((), ["id": .string(person.id.value)])
        }.serial
    }

    private static func person(_ name: String, sequence: Int) -> Person {
        guard let id = ResidentID(stored: GB11643.number(region: "540102", birth: "19600101", sequence: sequence)) else {
            fatalError("fixture sequence \(sequence) makes no valid ID number")
        }
        return Person(id: id, name: name, regionCode: "540102")
    }

    @Test func twoHallsClerksEachSeeAndChangeOnlyTheirOwnAndTheCityReadsBoth() throws {
        let city = try City()
        let loginA = try city.login("hall_a", hall: "540102"), loginB = try city.login("hall_b", hall: "540103")
        let supervisor = try city.login("city", creating: "CREATE ROLE LOGIN_NAME LOGIN IN ROLE guitai_city")
        // Both halls have an administrator called admin: each hall's keys are its own.
        let a = try city.store(hall: "540102", login: loginA), b = try city.store(hall: "540103", login: loginB)
        let tashi = Self.person("扎西·平措", sequence: 1), dolma = Self.person("卓玛", sequence: 2)
        // Serial numbers are each hall's: both halls' first business after init is their second transaction.
        #expect(try Self.enrol(a, tashi) == "54010220230601000002")
        #expect(try Self.enrol(b, dolma) == "54010320230601000002")

        // Each hall sees its own person and journal only.
        #expect(try a.read { try $0.person(idNumber: tashi.id.value)?.person.name } == "扎西·平措")
        #expect(try a.read { try $0.person(idNumber: dolma.id.value) } == nil)
        #expect(try b.read { try $0.person(idNumber: tashi.id.value) } == nil)
        #expect(try a.read { try $0.journal().map(\.serial) } == ["54010220230601000001", "54010220230601000002"])
        #expect(try b.read { try $0.journal().map(\.seq) } == [1, 2])
        #expect(try a.read { try $0.operatorRecord(id: "admin") } != nil && (try b.read { try $0.operatorRecord(id: "admin") }) != nil)

        // Through hall B's own login, with psql's powers: hall A's rows are not there to change, and none can be
        // written in hall A's name, nor moved to it.
        let raw = try city.session(loginB)
        #expect(try raw.query("UPDATE persons SET name = '改' RETURNING id_number").map { try $0.decode(String.self) } == [dolma.id.value])
        #expect(try a.read { try $0.person(idNumber: tashi.id.value)?.person.name } == "扎西·平措")
        #expect(try refusal {
            try raw.execute("INSERT INTO settings (key, value, hall_code) VALUES ('mode', 'training', '540102')")
        } == "42501")
        #expect(try refusal { try raw.execute("UPDATE settings SET hall_code = '540102'") } == "42501")
        // Setting another hall does not make a hall's login that hall.
        try raw.execute("SET guitai.hall = '540102'")
        #expect(try raw.query("SELECT count(*) FROM persons")[0].decode(Int.self) == 1)

        // The city's supervisor reads both halls and writes neither.
        let statistics = try city.session(supervisor)
        #expect(try statistics.query("SELECT hall_code, count(*) FROM enrolments GROUP BY hall_code ORDER BY hall_code")
            .map { try $0.decode((String, Int).self) }.map { "\($0.0):\($0.1)" } == ["540102:1", "540103:1"])
        #expect(try refusal { try statistics.execute("DELETE FROM outreach_venues") } == "42501")

        // 扎西 is enrolled at hall A; hall B may register him as its own, but not enrol him in the same scheme: the whole
        // transaction is refused, naming the scheme and the hall, and hall B's store is as it was.
        let before = try b.read { tx in (try tx.count("persons"), try tx.journal().count) }
        let refused = try #require(throws: DomainError.self) { try Self.enrol(b, tashi) }
        #expect(refused.code == "enrolled-at-another-hall" && refused.kind == .refused)
        #expect(refused.message.en.contains("resident-medical") && refused.message.en.contains("540102"), "\(refused.message.en)")
        #expect(try b.read { tx in (try tx.count("persons"), try tx.journal().count) } == before)
        // Another scheme is no duplicate.
        #expect(try Self.enrol(b, tashi, in: .residentPension).hasPrefix("540103"))
    }

    @Test func aHallsLoginMissingFromTheListSeesNothingAndBadNamesAreRefused() throws {
        let city = try City()
        let loginA = try city.login("hall_a", hall: "540102")
        let a = try city.store(hall: "540102", login: loginA)
        _ = try Self.enrol(a, Self.person("扎西·平措", sequence: 1))
        // A member of guitai_hall missing from hall_logins has no hall, and naming one changes nothing.
        let stray = try city.login("stray", creating: "CREATE ROLE LOGIN_NAME LOGIN IN ROLE guitai_hall")
        let session = try city.session(stray)
        try session.execute("SET guitai.hall = '540102'")
        #expect(try session.query("SELECT uuid FROM persons").isEmpty)
        #expect(try refusal {
            try session.execute("INSERT INTO outreach_venues (uuid, name, kind, device, created_serial) VALUES ('v', '村', 'village', 'd', 's')")
        } != nil)
        // Nor does a login that has guitai_hall's rights through a role of its own: the hall it names is not taken.
        let group = try city.login("group", creating: "CREATE ROLE LOGIN_NAME NOLOGIN IN ROLE guitai_hall")
        let indirect = try city.session(try city.login("indirect", creating: "CREATE ROLE LOGIN_NAME LOGIN IN ROLE \(group)"))
        try indirect.execute("SET guitai.hall = '540102'")
        #expect(try indirect.query("SELECT uuid FROM persons").isEmpty)
        #expect(try indirect.query("UPDATE settings SET value = 'x' RETURNING key").isEmpty)
        // Nor can it read who is which hall's login, nor the city's list of enrolments.
        #expect(try refusal { try session.execute("SELECT * FROM hall_logins") } == "42501")
        #expect(try refusal { try session.execute("SELECT * FROM guitai_city_enrolments") } == "42501")
        // Its store does not open: it works for no hall.
        let error = try #require(throws: DomainError.self) { _ = try Store.open(at: city.address(stray)) }
        #expect(error.code == "hall-login")

        for (login, hall) in [("Hall_A", "540102"), ("a; DROP TABLE x", "540102"), ("1hall", "540102"), ("hall_a", "54'01")] {
            #expect(throws: DomainError.self) { _ = try PostgresHallIsolation.addHallLogin(login, hall: hall) }
        }
    }
}
