import Foundation
import GuitaiCore
import PostgresNIO
import Testing
@testable import GuitaiStore

/// Encryption to the city's server, chosen as libpq chooses it (`PGSSLMODE`, `PGSSLROOTCERT`), tried on the test
/// server, which offers TLS with a certificate of its own for 127.0.0.1.
@Suite struct PostgresTLSTests {
    @Test func theModeAndAuthorityComeFromTheEnvironmentAsLibpqReadsThem() throws {
        #expect(try PostgresTLS.from(environment: ["HOME": "/nonexistent"]) == PostgresTLS(mode: .prefer))
        #expect(try PostgresTLS.from(environment: ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": "/etc/hostname"])
            == PostgresTLS(mode: .verifyFull, rootCertificatePath: "/etc/hostname"))
        #expect(try PostgresTLS.from(environment: ["PGSSLMODE": "disable"]).mode == .disable)
        // The system's authorities: verify-full, whatever mode was left unset.
        #expect(try PostgresTLS.from(environment: ["PGSSLROOTCERT": "system"]) == PostgresTLS(mode: .verifyFull))
        // ~/.postgresql/root.crt is the authority when PGSSLROOTCERT names none, as in libpq.
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("guitai-tls-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: home + "/.postgresql", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        try "a certificate".write(toFile: home + "/.postgresql/root.crt", atomically: true, encoding: .utf8)
        #expect(try PostgresTLS.from(environment: ["HOME": home, "PGSSLMODE": "require"])
            == PostgresTLS(mode: .require, rootCertificatePath: home + "/.postgresql/root.crt"))
        for wrong in [["PGSSLMODE": "on"], ["PGSSLMODE": "allow"],
                      ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": "/nonexistent/root.crt"],
                      // No authority's file anywhere: verify-ca refuses to go on, as libpq does.
                      ["PGSSLMODE": "verify-ca", "HOME": "/nonexistent"],
                      ["PGSSLMODE": "require", "PGSSLROOTCERT": "system"]] {
            do {
                _ = try PostgresTLS.from(environment: wrong)
                Issue.record("\(wrong) was accepted")
            } catch let error as DomainError {
                #expect(error.code == "store-tls")
                #expect(error.kind == .usage)
            }
        }
    }

    @Test func eachModeConnectsAsItSaysAndAStrangeAuthorityIsRefused() throws {
        let db = try PostgresTestDatabase()
        let environment = ProcessInfo.processInfo.environment
        let authority = try #require(environment["GUITAI_TEST_POSTGRES_CA"])
        let stranger = try #require(environment["GUITAI_TEST_POSTGRES_STRANGER"])
        func encrypted(_ tls: PostgresTLS) throws -> Bool {
            let session = try PostgresSession.connect(to: db.location, password: db.password, tls: tls)
            return try session.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0].decode(Bool.self)
        }
        #expect(try encrypted(PostgresTLS(mode: .disable)) == false)
        #expect(try encrypted(PostgresTLS(mode: .prefer)) == true)
        #expect(try encrypted(PostgresTLS(mode: .require)) == true)
        #expect(try encrypted(PostgresTLS(mode: .verifyCA, rootCertificatePath: authority)) == true)
        #expect(try encrypted(PostgresTLS(mode: .verifyFull, rootCertificatePath: authority)) == true)

        // A server whose certificate the city's authority did not sign is refused before the password is sent; with
        // the authority's file given, `require` checks it too.
        for mode in [PostgresTLS.Mode.require, .verifyCA, .verifyFull] {
            do {
                _ = try PostgresSession.connect(to: db.location, password: db.password,
                                                tls: PostgresTLS(mode: mode, rootCertificatePath: stranger))
                Issue.record("\(mode) accepted a certificate from another authority")
            } catch let error as DomainError {
                #expect(error.code == "store-tls", "\(error)")
                #expect(error.kind == .failure)
            }
        }
        // verify-full also checks the name: the certificate is for 127.0.0.1 and localhost, not for 127.0.0.2, where
        // the test server also listens. verify-ca does not check the name, and connects.
        var elsewhere = db.location
        elsewhere.servers = elsewhere.servers.map { .init(host: "127.0.0.2", port: $0.port) }
        do {
            _ = try PostgresSession.connect(to: elsewhere, password: db.password,
                                            tls: PostgresTLS(mode: .verifyFull, rootCertificatePath: authority))
            Issue.record("verify-full accepted a certificate for another name")
        } catch let error as DomainError {
            #expect(error.code == "store-tls", "\(error)")
        }
        let unnamed = try PostgresSession.connect(to: elsewhere, password: db.password,
                                                  tls: PostgresTLS(mode: .verifyCA, rootCertificatePath: authority))
        #expect(try unnamed.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")[0].decode(Bool.self))
    }
}
