import Foundation
import GRDB
import GuitaiCore
import PostgresNIO
import Testing
@testable import GuitaiStore

/// The connection to a real PostgreSQL server (`scripts/with-postgres.sh`): logging in, the refusals a clerk or an
/// administrator can meet, and which refusals the store tries again.
@Suite struct PostgresSessionTests {
    @Test func theRightPasswordConnectsAndAWrongOneIsALoginFailure() throws {
        let db = try PostgresTestDatabase()
        let rows = try db.session.query("SELECT current_user, current_setting('lock_timeout')")
        let (user, timeout) = try rows[0].decode((String, String).self)
        #expect(user == "postgres")
        // Each session waits as long for a lock as SQLite waits for another counter (Store.busyTimeout, 10 s).
        #expect(timeout == "10s")

        do {
            _ = try PostgresSession.connect(to: db.location, password: "not-the-password")
            Issue.record("a wrong password logged in")
        } catch let error as DomainError {
            #expect(error.code == "store-login-failed")
            #expect(error.kind == .failure)
            #expect(error.message.en.contains("PGPASSWORD"))
        }
        do {
            _ = try PostgresSession.connect(to: db.location, password: nil)
            Issue.record("no password logged in to a server that asks for one")
        } catch let error as DomainError {
            #expect(error.code == "store-login-failed")
        }
    }

    @Test func aMissingDatabaseAndAServerThatDoesNotAnswerAreNamed() throws {
        let db = try PostgresTestDatabase()
        var missing = db.location
        missing.database = "no_such_database"
        do {
            _ = try PostgresSession.connect(to: missing, password: db.password)
            Issue.record("connected to a database that does not exist")
        } catch let error as DomainError {
            #expect(error.code == "store-missing")
            #expect(error.kind == .notFound)
        }
        // Nothing listens on port 1 of loopback: the server is unreachable, which is worth trying again (75).
        var nowhere = db.location
        nowhere.servers = [.init(host: "127.0.0.1", port: 1)]
        do {
            _ = try PostgresSession.connect(to: nowhere, password: db.password, connectTimeout: 2)
            Issue.record("connected to a port where nothing listens")
        } catch let error as DomainError {
            #expect(error.code == "store-unreachable")
            #expect(error.kind == .busy)
            #expect(error.message.en.contains("127.0.0.1:1"))
        }
    }

    @Test func aLockNotGrantedAndALostSerializationAreTriedAgainAndAConstraintIsNot() throws {
        let db = try PostgresTestDatabase()
        try db.session.execute("CREATE TABLE counters (day text PRIMARY KEY, last bigint NOT NULL)")
        try db.session.execute("INSERT INTO counters VALUES ('20261201', 1)")
        let other = try PostgresSession.connect(to: db.location, password: db.password)

        // Another counter holds the row; this one gives up after its lock timeout (shortened here from 10 s).
        try other.execute("BEGIN")
        try other.execute("UPDATE counters SET last = last + 1")
        try db.session.execute("SET lock_timeout = '100ms'")
        let lockError = try #require(throws: (any Error).self) {
            try db.session.execute("UPDATE counters SET last = last + 1")
        }
        #expect(PostgresSession.isRetryable(lockError), "\(lockError)")
        try other.execute("COMMIT")

        // A repeatable-read transaction whose row another committed since it began loses (40001), and may try again.
        try db.session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        _ = try db.session.query("SELECT last FROM counters")
        try other.execute("UPDATE counters SET last = last + 1")
        let serializationError = try #require(throws: (any Error).self) {
            try db.session.execute("UPDATE counters SET last = last + 1")
        }
        #expect(PostgresSession.isRetryable(serializationError), "\(serializationError)")
        try db.session.execute("ROLLBACK")

        // A broken rule is no reason to try again.
        let duplicate = try #require(throws: (any Error).self) {
            try db.session.execute("INSERT INTO counters VALUES ('20261201', 1)")
        }
        #expect(!PostgresSession.isRetryable(duplicate))
        #expect((duplicate as? PostgresSession.Failure)?.sqlState == "23505")
    }
}
