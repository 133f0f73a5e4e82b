import Foundation
import GuitaiCore
import PostgresNIO
import Testing
@testable import GuitaiStore

/// Encryption to the city's server, chosen as libpq chooses it (`PGSSLMODE`, `PGSSLROOTCERT`), tried on the test
/// server, which offers TLS with a certificate of its own for 127.0.0.1.
@Suite struct PostgresTLSTests {
    @Test func theModeAndAuthorityComeFromTheEnvironmentAsLibpqReadsThem() throws {
        #expect(try PostgresTLS.from(environment: [:]).mode == .prefer)
        #expect(try PostgresTLS.from(environment: ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": "/etc/hostname"])
            == PostgresTLS(mode: .verifyFull, rootCertificatePath: "/etc/hostname"))
        #expect(try PostgresTLS.from(environment: ["PGSSLMODE": "disable"]).mode == .disable)
        for wrong in [["PGSSLMODE": "on"], ["PGSSLMODE": "verify-full", "PGSSLROOTCERT": "/nonexistent/root.crt"]] {
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

        // A server whose certificate the city's authority did not sign is refused before the password is sent.
        for mode in [PostgresTLS.Mode.verifyCA, .verifyFull] {
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
