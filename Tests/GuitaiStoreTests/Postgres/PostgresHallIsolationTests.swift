import Foundation
import GuitaiCore
import PostgresNIO
import Testing
@testable import GuitaiStore

/// Two halls on one city database: each hall's login sees and changes only its own business, the city's supervisor
/// reads both, and a person's open enrolment is unique across the city, all enforced by the server (row-level
/// security and a unique index), not by Guitai.
@Suite struct PostgresHallIsolationTests {
    /// The SQLSTATE of the server's refusal of `body` (42501: not permitted), nil when it was not refused so.
    private func refusal(_ body: () throws -> Void) throws -> String? {
        let error = try #require(throws: (any Error).self) { try body() }
        return (error as? PostgresSession.Failure)?.sqlState
    }

    @Test func eachHallSeesAndChangesOnlyItsOwnAndTheCityReadsAll() throws {
        let db = try PostgresTestDatabase()
        let tag = String(UUID().uuidString.prefix(8)).lowercased()
        let (loginA, loginB, city) = ("hall_a_\(tag)", "hall_b_\(tag)", "city_\(tag)")
        for statement in PostgresHallIsolation.setup { try db.session.execute(statement) }
        // An enrolments table of the shape the city's schema gives it: the hall beside the business columns.
        try db.session.execute("""
            CREATE TABLE enrolments (uuid text PRIMARY KEY, hall text NOT NULL, person_uuid text NOT NULL,
                                     scheme text NOT NULL, to_date text)
            """)
        try db.session.execute("CREATE UNIQUE INDEX enrolments_one_open_per_scheme ON enrolments(person_uuid, scheme) WHERE to_date IS NULL")
        for statement in PostgresHallIsolation.confine("enrolments") { try db.session.execute(statement) }
        for statement in try PostgresHallIsolation.addHallLogin(loginA, hall: "540102") + PostgresHallIsolation.addHallLogin(loginB, hall: "540103") {
            try db.session.execute(statement)
        }
        try db.session.execute("CREATE ROLE \(city) LOGIN IN ROLE guitai_city")
        for login in [loginA, loginB, city] { try db.session.execute("ALTER ROLE \(login) PASSWORD '\(db.password)'") }
        defer {
            // Roles outlive the database; the test's own go with it.
            for login in [loginA, loginB, city] {
                try? db.session.execute("DROP OWNED BY \(login)")
                try? db.session.execute("DROP ROLE IF EXISTS \(login)")
            }
        }

        func login(_ role: String) throws -> PostgresSession {
            var location = db.location
            location.user = role
            return try PostgresSession.connect(to: location, password: db.password)
        }
        func uuids(_ session: PostgresSession) throws -> [String] {
            try session.query("SELECT uuid FROM enrolments ORDER BY uuid").map { try $0.decode(String.self) }
        }
        let a = try login(loginA), b = try login(loginB), supervisor = try login(city)

        try a.execute("INSERT INTO enrolments VALUES ('e-a1', '540102', 'p-tashi', 'resident-medical', NULL)")
        try b.execute("INSERT INTO enrolments VALUES ('e-b1', '540103', 'p-dolma', 'resident-medical', NULL)")
        #expect(try uuids(a) == ["e-a1"])
        #expect(try uuids(b) == ["e-b1"])
        #expect(try uuids(supervisor) == ["e-a1", "e-b1"])

        // Hall B can neither change nor end hall A's enrolment: the rows are not there for it.
        let changed = try b.query("UPDATE enrolments SET to_date = '2026-12-01' WHERE uuid = 'e-a1' RETURNING uuid")
        let deleted = try b.query("DELETE FROM enrolments WHERE uuid = 'e-a1' RETURNING uuid")
        #expect(changed.isEmpty && deleted.isEmpty)
        #expect(try uuids(a) == ["e-a1"])
        #expect(try a.query("SELECT to_date FROM enrolments").map { try $0.decode(String?.self) } == [nil])
        // Nor write a row in hall A's name, nor move its own row to hall A.
        let forged = try #require(throws: (any Error).self) {
            try b.execute("INSERT INTO enrolments VALUES ('e-b2', '540102', 'p-norbu', 'resident-medical', NULL)")
        }
        #expect((forged as? PostgresSession.Failure)?.sqlState == "42501", "\(forged)")
        #expect(try refusal { try b.execute("UPDATE enrolments SET hall = '540102' WHERE uuid = 'e-b1'") } == "42501")
        // The city's supervisor reads everything and writes nothing.
        #expect(try refusal {
            try supervisor.execute("INSERT INTO enrolments VALUES ('e-c1', '540102', 'p-norbu', 'resident-medical', NULL)")
        } == "42501")

        // 扎西 is enrolled at hall A; hall B cannot see that, and still cannot enrol him a second time.
        let duplicate = try #require(throws: (any Error).self) {
            try b.execute("INSERT INTO enrolments VALUES ('e-b3', '540103', 'p-tashi', 'resident-medical', NULL)")
        }
        #expect((duplicate as? PostgresSession.Failure)?.sqlState == "23505", "\(duplicate)")
        #expect(try uuids(supervisor) == ["e-a1", "e-b1"])
    }

    @Test func aLoginThatNamesNoHallSeesNothingAndBadNamesAreRefused() throws {
        let db = try PostgresTestDatabase()
        let stray = "stray_\(String(UUID().uuidString.prefix(8)).lowercased())"
        for statement in PostgresHallIsolation.setup { try db.session.execute(statement) }
        try db.session.execute("CREATE TABLE settlements (uuid text PRIMARY KEY, hall text NOT NULL)")
        for statement in PostgresHallIsolation.confine("settlements") { try db.session.execute(statement) }
        try db.session.execute("INSERT INTO settlements VALUES ('s-1', '540102')")
        // A member of guitai_hall missing from hall_logins: its hall is null, and null equals nothing.
        try db.session.execute("CREATE ROLE \(stray) LOGIN IN ROLE guitai_hall PASSWORD '\(db.password)'")
        defer {
            try? db.session.execute("DROP OWNED BY \(stray)")
            try? db.session.execute("DROP ROLE IF EXISTS \(stray)")
        }
        var location = db.location
        location.user = stray
        let session = try PostgresSession.connect(to: location, password: db.password)
        #expect(try session.query("SELECT uuid FROM settlements").isEmpty)
        #expect(try refusal { try session.execute("INSERT INTO settlements VALUES ('s-2', '540102')") } == "42501")
        // Nor can it read who is which hall's login.
        #expect(try refusal { try session.execute("SELECT * FROM hall_logins") } == "42501")

        for (login, hall) in [("Hall_A", "540102"), ("a; DROP TABLE x", "540102"), ("1hall", "540102"), ("hall_a", "54'01")] {
            #expect(throws: DomainError.self) { _ = try PostgresHallIsolation.addHallLogin(login, hall: hall) }
        }
    }
}
