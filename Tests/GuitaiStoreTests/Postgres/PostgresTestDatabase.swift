import Foundation
import GuitaiCore
import Testing
@testable import GuitaiStore

/// A fresh database of its own on the throwaway server `scripts/with-postgres.sh` starts for `make test`, dropped when
/// the test lets go of it. Without that server the test fails and says how to run it: a suite that silently skipped
/// its PostgreSQL half would pass on a machine where the city's engine was never tried.
final class PostgresTestDatabase {
    /// The server's superuser, in the server's own `postgres` database.
    let admin: PostgresLocation
    let password: String
    /// The new database, reached as the superuser.
    let location: PostgresLocation
    let session: PostgresSession

    struct NoServer: Error, CustomStringConvertible {
        var description: String {
            "no PostgreSQL test server: run the suite through `make test`, or `scripts/with-postgres.sh swift test --filter ...`"
        }
    }

    init() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["GUITAI_TEST_POSTGRES"], let password = environment["GUITAI_TEST_POSTGRES_PASSWORD"] else {
            throw NoServer()
        }
        admin = try PostgresLocation.parse(url)
        self.password = password
        let name = "guitai_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let server = try PostgresSession.connect(to: admin, password: password)
        // Sorted as a city in China would sort (ICU's zh-CN), not in byte order: what must be in byte order says so.
        try server.execute("CREATE DATABASE \(name) ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' LOCALE 'C.UTF-8' TEMPLATE template0")
        location = PostgresLocation(user: admin.user, servers: admin.servers, database: name)
        session = try PostgresSession.connect(to: location, password: password)
    }

    deinit {
        let name = location.database
        guard let server = try? PostgresSession.connect(to: admin, password: password) else { return }
        try? server.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }
}
