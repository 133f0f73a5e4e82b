import Foundation
import GuitaiCore
import PostgresNIO

/// The store's session with the city's database: one connection, one transaction at a time on it, connected again
/// after it was lost (a failover: the address's next server is the promoted standby).
///
/// Each session notes the rows its transactions change (`PostgresProjection.beginNoting`), and works as one hall: the
/// hall of its login (`hall_logins`), or, for a login that is no hall's (the tables' owner copying a store in), the
/// hall it is given, set as `guitai.hall` for the server's policies.
final class PostgresStoreSession: @unchecked Sendable {
    let location: PostgresLocation
    private let password: String?
    private let tls: PostgresTLS
    /// The hall set for a login that is no hall's; nil for a hall's login.
    private let namedHall: String?
    private let lock = NSLock()
    private var session: PostgresSession?

    /// Connects now, so that a wrong address, password or certificate is reported before any work starts.
    /// - Parameters:
    ///   - hall: the hall to work as when the login is no hall's login; ignored for a hall's login, whose hall the
    ///     server decides.
    /// - Throws: `PostgresSession.connect`'s refusals; `store-address` (64) for a malformed address;
    ///   `store-password-file` (1); `store-tls` (64).
    init(address: String, hall: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let location = try PostgresLocation.parse(address)
        self.location = location
        password = try location.servers.first.flatMap { try PostgresPassword.find(for: location, on: $0, environment: environment) }
        tls = try PostgresTLS.from(environment: environment)
        namedHall = hall
        lock.lock()
        defer { lock.unlock() }
        _ = try current()
    }

    /// The hall this session works as, as the server sees it; nil when the login is no hall's and none was given.
    func hall() throws -> String? {
        try transaction(readOnly: true) { try $0.fetchOne(String.self, sql: "SELECT guitai_hall()") }
    }

    /// Runs `body` in one transaction: a read-only snapshot, or a write that commits when `body` returns and rolls
    /// back when it throws. A connection lost on the way is dropped, and the next transaction connects again.
    /// - Throws: `body`'s error; the server's (`PostgresSession.translate`).
    func transaction<T>(readOnly: Bool, _ body: (StoreConnection) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        let session = try current()
        do {
            try session.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
            let value = try body(StoreConnection(postgres: session))
            // A transaction a statement failed in answers COMMIT with ROLLBACK, and no error: never a saved write.
            let ended = try session.run(PostgresQuery(unsafeSQL: "COMMIT")).command
            guard ended == "COMMIT" else {
                throw DomainError(.failure, code: "store-error", zh: "数据库撤销了本笔业务（\(ended)），没有保存",
                                  en: "The database rolled this transaction back (\(ended)); nothing was saved")
            }
            return value
        } catch {
            do { try session.execute("ROLLBACK") } catch { self.session = nil }
            throw error
        }
    }

    /// A connection of its own to the same database as the same hall, for what must be held apart from the store's
    /// transactions (a long job's lock).
    func separateSession() throws -> PostgresSession {
        let session = try PostgresSession.connect(to: location, password: password, tls: tls)
        if let namedHall {
            try session.query("SELECT set_config('guitai.hall', \(namedHall), false)")
        }
        return session
    }

    private func current() throws -> PostgresSession {
        if let session { return session }
        let session = try separateSession()
        for statement in PostgresProjection.beginNoting { try session.execute(statement) }
        self.session = session
        return session
    }
}
