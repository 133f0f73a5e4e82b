import Foundation
import GuitaiCore
import Logging
import PostgresNIO

/// One connection to a city's PostgreSQL server, used synchronously: each call returns when the server has answered.
///
/// The store's operations are synchronous (a clerk's transaction runs start to end on one thread), so the session
/// waits on postgres-nio's futures rather than making every caller asynchronous. It must not be used from an event
/// loop's own thread (postgres-nio's loops are its own; the store never runs there).
final class PostgresSession {
    private let connection: PostgresConnection
    private let logger: Logger
    let location: PostgresLocation

    /// Seconds a statement waits for another session's lock before the server gives up on it: the store's whole wait
    /// for another counter, so a lock held too long is "busy" (75) after the same wait as on SQLite.
    static let lockTimeout = Int(Store.busyTimeout)

    private init(connection: PostgresConnection, logger: Logger, location: PostgresLocation) {
        self.connection = connection
        self.logger = logger
        self.location = location
    }

    /// The connection ends with the session; postgres-nio insists it be closed, not dropped.
    deinit {
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    /// Connects and logs in.
    /// - Parameters:
    ///   - password: from `PostgresPassword.find`; nil for a server that trusts the address.
    ///   - connectTimeout: seconds to wait for the server to answer at all.
    /// - Throws: `store-unreachable` (busy, 75) when the server does not answer; `store-login-failed` (1) when it
    ///   refuses the user or password; `store-missing` (66) when the database does not exist.
    static func connect(to location: PostgresLocation, password: String?, connectTimeout: Int = 10) throws -> PostgresSession {
        let logger = Logger(label: "guitai.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        var configuration = PostgresConnection.Configuration(host: location.host, port: location.port, username: location.user,
                                                             password: password, database: location.database, tls: .disable)
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        let eventLoop = PostgresConnection.defaultEventLoopGroup.any()
        do {
            let connection = try PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: logger).wait()
            let session = PostgresSession(connection: connection, logger: logger, location: location)
            try session.execute("SET lock_timeout = '\(lockTimeout)s'")
            return session
        } catch {
            throw translate(error, at: location, connecting: true)
        }
    }

    /// Runs one statement and returns every row it gives. SQL text written by the product only: values go in `query`'s
    /// bindings (`"... WHERE uuid = \(uuid)"` binds `uuid`), never into the text.
    /// - Throws: the server's refusal as `translate` words it.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return Array(try connection.query(query, logger: logger).wait().rows)
        } catch {
            throw Self.translate(error, at: location, connecting: false)
        }
    }

    /// Runs statements with no values (`SET`, `BEGIN`, DDL); several may be separated by semicolons.
    func execute(_ sql: String) throws {
        try query(PostgresQuery(unsafeSQL: sql))
    }

    /// The SQLSTATE of a server's refusal (`40001` a serialization failure...), nil for any other error.
    static func sqlState(of error: Error) -> String? {
        guard let error = error as? PSQLError, error.code == .server else { return nil }
        return error.serverInfo?[.sqlState]
    }

    /// Whether trying the whole transaction again may succeed: a serialization failure or a deadlock (another session
    /// won), or a lock not granted within `lockTimeout`. For `BusyWait` to retry until its limit, then answer busy,
    /// once the store's transactions run on PostgreSQL (issue 14); today only its tests ask.
    static func isRetryable(_ error: Error) -> Bool {
        guard let state = (error as? Failure)?.sqlState ?? sqlState(of: error) else { return false }
        return ["40001", "40P01", "55P03"].contains(state)
    }

    /// A server refusal the store has no words of its own for, kept with its SQLSTATE for `isRetryable`.
    struct Failure: Error, CustomStringConvertible {
        var sqlState: String
        var message: String
        var description: String { "\(message) (SQLSTATE \(sqlState))" }
    }

    /// Turns postgres-nio's errors into the contract's refusals; any other refusal of the server stays a `Failure`
    /// with its SQLSTATE.
    /// - Parameter connecting: whether the error came before any statement ran. A connection lost later may have lost
    ///   it during a COMMIT the server carried out, so the clerk is not told that nothing was saved.
    static func translate(_ error: Error, at location: PostgresLocation, connecting: Bool) -> Error {
        if error is DomainError || error is Failure { return error }
        guard let error = error as? PSQLError else {
            return unreachable(location, detail: "\(error)", connecting: connecting)
        }
        guard error.code == .server, let info = error.serverInfo else {
            if error.code == .authMechanismRequiresPassword {
                return DomainError(.failure, code: "store-login-failed",
                                   zh: "数据库服务器 \(location.host):\(location.port) 要求密码：请设置 PGPASSWORD 或 ~/.pgpass",
                                   en: "The database server \(location.host):\(location.port) asks for a password: set PGPASSWORD or ~/.pgpass")
            }
            return unreachable(location, detail: "\(error.underlying.map { "\($0)" } ?? error.code.description)", connecting: connecting)
        }
        let state = info[.sqlState] ?? ""
        let message = info[.message] ?? ""
        switch state {
        case "28P01", "28000":
            return DomainError(.failure, code: "store-login-failed",
                               zh: "数据库服务器拒绝用户 \(location.user) 登录（\(message)）：请检查 PGPASSWORD 或 ~/.pgpass",
                               en: "The database server refused user \(location.user) (\(message)): check PGPASSWORD or ~/.pgpass")
        case "3D000":
            return DomainError(.notFound, code: "store-missing",
                               zh: "数据库 \(location.database) 不存在于 \(location.host):\(location.port)",
                               en: "There is no database \(location.database) on \(location.host):\(location.port)")
        case "57P01", "57P02", "57P03", "08000", "08003", "08006":
            return unreachable(location, detail: message, connecting: connecting)
        default:
            return Failure(sqlState: state, message: message)
        }
    }

    private static func unreachable(_ location: PostgresLocation, detail: String, connecting: Bool) -> DomainError {
        let server = "\(location.host):\(location.port)"
        if connecting {
            return DomainError(.busy, code: "store-unreachable",
                               zh: "无法连接数据库服务器 \(server)（\(detail)）：本笔业务没有办理，请稍后重试；如持续出现请联系管理员",
                               en: "Cannot reach the database server \(server) (\(detail)): nothing was done; try again shortly, and call the administrator if it persists")
        }
        return DomainError(.busy, code: "store-unreachable",
                           zh: "与数据库服务器 \(server) 的连接中断（\(detail)）：最后一笔业务是否已保存未知，重试前请先查询该业务",
                           en: "The connection to the database server \(server) was lost (\(detail)): whether the last transaction was saved is not known; look it up before doing it again")
    }
}
