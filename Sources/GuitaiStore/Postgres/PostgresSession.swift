import Foundation
import GuitaiCore
import Logging
import PostgresNIO

/// One connection to a city's PostgreSQL server, used synchronously: each call returns when the server has answered.
///
/// The store's operations are synchronous (a clerk's transaction runs start to end on one thread), so the session
/// waits on postgres-nio's futures rather than making every caller asynchronous. It must not be used from an event
/// loop's own thread (postgres-nio's loops are its own; the store never runs there). `package`: the benchmarks measure
/// the server's floors through it.
package final class PostgresSession {
    private let connection: PostgresConnection
    private let logger: Logger
    private let watch = ConnectionWatch()
    let location: PostgresLocation
    /// The server of `location` this session is connected to.
    let server: PostgresLocation.Server

    /// Seconds to wait for the server's answer to a statement before the connection counts as lost: a server whose
    /// power was cut sends nothing, not even the end of the connection. The store's statements take milliseconds and
    /// its long jobs go in slices; a lock is given up after `lockTimeout`, well within this.
    static let answerTimeout = 120

    /// Seconds a statement waits for another session's lock before the server gives up on it: the store's whole wait
    /// for another counter, so a lock held too long is "busy" (75) after the same wait as on SQLite.
    static let lockTimeout = Int(Store.busyTimeout)

    private init(connection: PostgresConnection, logger: Logger, location: PostgresLocation, server: PostgresLocation.Server) {
        self.connection = connection
        self.logger = logger
        self.location = location
        self.server = server
        let watch = self.watch
        connection.closeFuture.whenComplete { _ in watch.connectionEnded() }
    }

    /// The connection ends with the session; postgres-nio insists it be closed, not dropped.
    deinit {
        let closing: EventLoopFuture<Void> = connection.close()
        try? closing.wait()
    }

    /// Connects to the first of `location`'s servers that answers and takes writes, and logs in. With one server it is
    /// used as it is; with several, one in recovery (a standby) is passed over, so after a failover the counters find
    /// the promoted standby by the same address.
    /// - Parameters:
    ///   - password: for every server of `location` (`PostgresPassword.find`); nil for a server that trusts the address.
    ///   - tls: whether and how the connection is encrypted (`PostgresTLS.from(environment:)`).
    ///   - connectTimeout: seconds to wait for each server to answer at all.
    /// - Throws: `store-unreachable` (busy, 75) when no server answers; `store-no-primary` (busy, 75) when only
    ///   standbys do (a failover under way); `store-login-failed` (1) when a server refuses the user or password;
    ///   `store-missing` (66) when the database does not exist; `store-tls` (1) when encryption was asked for and the
    ///   server does not offer it, or its certificate is not accepted.
    package static func connect(to location: PostgresLocation, password: String?, tls: PostgresTLS = PostgresTLS(mode: .prefer),
                                connectTimeout: Int = 10) throws -> PostgresSession {
        var unanswered: Error?
        var standbys: [PostgresLocation.Server] = []
        for server in location.servers {
            do {
                let session = try open(server, of: location, password: password, tls: tls, connectTimeout: connectTimeout)
                if location.servers.count > 1,
                   try session.query("SELECT pg_is_in_recovery()").first?.decode(Bool.self) ?? true {
                    standbys.append(server)
                    continue
                }
                return session
            } catch let error as DomainError where error.code == "store-unreachable" {
                unanswered = error
            }
        }
        if !standbys.isEmpty {
            let names = standbys.map(\.description).joined(separator: ", ")
            throw DomainError(.busy, code: "store-no-primary",
                              zh: "数据库服务器 \(names) 均为只读备库，主库可能正在切换：本笔业务没有办理，请稍后重试",
                              en: "The database servers \(names) are all read-only standbys; a failover may be under way: nothing was done; try again shortly")
        }
        throw unanswered ?? unreachable(location.servers.first ?? .init(host: "?"), detail: "no server", connecting: true)
    }

    private static func open(_ server: PostgresLocation.Server, of location: PostgresLocation, password: String?,
                             tls: PostgresTLS, connectTimeout: Int) throws -> PostgresSession {
        let logger = Logger(label: "guitai.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        let encryption: PostgresConnection.Configuration.TLS
        do {
            encryption = try tls.connectionSetting()
        } catch {
            throw DomainError(.failure, code: "store-tls", zh: "无法读取数据库证书 \(tls.rootCertificatePath ?? "")：\(error)",
                              en: "Cannot read the database's certificate authority \(tls.rootCertificatePath ?? ""): \(error)")
        }
        var configuration = PostgresConnection.Configuration(host: server.host, port: server.port, username: location.user,
                                                             password: password, database: location.database, tls: encryption)
        configuration.options.connectTimeout = .seconds(Int64(connectTimeout))
        let eventLoop = PostgresConnection.defaultEventLoopGroup.any()
        do {
            let connecting = PostgresConnection.connect(on: eventLoop, configuration: configuration, id: 1, logger: logger)
            let connection: PostgresConnection
            do {
                connection = try answer(connecting, unless: nil, within: connectTimeout * 2)
            } catch let lost as ConnectionLost {
                // Given up on: should it connect after all, it is closed, not left open until TCP notices.
                connecting.whenSuccess { late in
                    let closing: EventLoopFuture<Void> = late.close()
                    _ = closing
                }
                throw lost
            }
            let session = PostgresSession(connection: connection, logger: logger, location: location, server: server)
            try session.execute("SET lock_timeout = '\(lockTimeout)s'")
            return session
        } catch {
            throw translate(error, on: server, of: location, connecting: true)
        }
    }

    /// Runs one statement and returns every row it gives. SQL text written by the product only: values go in `query`'s
    /// bindings (`"... WHERE uuid = \(uuid)"` binds `uuid`), never into the text.
    /// - Throws: the server's refusal as `translate` words it.
    @discardableResult
    package func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        try run(query).rows
    }

    /// Runs one statement and returns its rows, how many rows it wrote (`INSERT`, `UPDATE`, `DELETE`) and the
    /// server's word for what it did (`COMMIT`, or `ROLLBACK` for a COMMIT of a failed transaction).
    /// - Throws: the server's refusal as `translate` words it.
    func run(_ query: PostgresQuery) throws -> (rows: [PostgresRow], written: Int, command: String) {
        do {
            guard !connection.isClosed else { throw ConnectionLost() }
            let result = try Self.answer(connection.query(query, logger: logger), unless: watch, within: Self.answerTimeout)
            return (Array(result.rows), result.metadata.rows ?? 0, result.metadata.command)
        } catch {
            // An answer that may still come would be taken for the next statement's: the session is done.
            if error is ConnectionLost, !connection.isClosed {
                let closing: EventLoopFuture<Void> = connection.close()
                _ = closing
            }
            throw Self.translate(error, on: server, of: location, connecting: false)
        }
    }

    /// Runs statements with no values (`SET`, `BEGIN`, DDL); several may be separated by semicolons.
    package func execute(_ sql: String) throws {
        try query(PostgresQuery(unsafeSQL: sql))
    }

    /// The connection ended, or gave no answer in time, while a statement was under way or about to be sent.
    struct ConnectionLost: Error, CustomStringConvertible {
        var description: String { "the connection ended without an answer" }
    }

    /// Waits for `future`, but no longer than `seconds`, nor past the end of the connection `watch` watches.
    /// postgres-nio sends a statement without a promise for the sending, so a statement sent as the connection ends
    /// would never be answered: waiting on the future alone hung a counter for good in the failover test.
    /// - Throws: the future's error; `ConnectionLost` when the connection ended or the time ran out first.
    private static func answer<Value: Sendable>(_ future: EventLoopFuture<Value>, unless watch: ConnectionWatch?,
                                                within seconds: Int) throws -> Value {
        let done = DispatchSemaphore(value: 0)
        let outcome = LockedValue<Result<Value, Error>?>(nil)
        future.whenComplete { result in
            outcome.set(result)
            done.signal()
        }
        let wait = { _ = done.wait(timeout: .now() + .seconds(seconds)) }
        if let watch {
            // Not waited at all when the connection had already ended: that statement is never answered.
            _ = watch.whileWaiting(on: done, wait)
        } else {
            wait()
        }
        guard let result = outcome.get() else { throw ConnectionLost() }
        return try result.get()
    }

    /// Whether trying the whole transaction again may succeed: a serialization failure or a deadlock (another session
    /// won), or a lock not granted within `lockTimeout`. For `BusyWait` to retry until its limit, then answer busy,
    /// once the store's transactions run on PostgreSQL (issue 14); today only its tests ask.
    static func isRetryable(_ error: Error) -> Bool {
        guard let state = (error as? Failure)?.sqlState else { return false }
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
    static func translate(_ error: Error, on server: PostgresLocation.Server, of location: PostgresLocation,
                          connecting: Bool) -> Error {
        if error is DomainError || error is Failure { return error }
        let underlying = (error as? PSQLError)?.underlying
        if error is NIOSSLError || error is NIOSSLExtraError || underlying is NIOSSLError || underlying is NIOSSLExtraError {
            let detail = (error as? PSQLError)?.underlying.map { "\($0)" } ?? "\(error)"
            return DomainError(.failure, code: "store-tls",
                               zh: "数据库服务器 \(server) 的证书未被接受（\(detail)）：请检查 PGSSLROOTCERT 和服务器证书",
                               en: "The certificate of the database server \(server) was not accepted (\(detail)): check PGSSLROOTCERT and the server's certificate")
        }
        guard let error = error as? PSQLError else {
            return unreachable(server, detail: "\(error)", connecting: connecting)
        }
        if error.code == .sslUnsupported {
            return DomainError(.failure, code: "store-tls",
                               zh: "数据库服务器 \(server) 不提供加密连接，而 PGSSLMODE 要求加密",
                               en: "The database server \(server) offers no encryption, and PGSSLMODE requires it")
        }
        guard error.code == .server, let info = error.serverInfo else {
            if error.code == .authMechanismRequiresPassword {
                return DomainError(.failure, code: "store-login-failed",
                                   zh: "数据库服务器 \(server) 要求密码：请设置 PGPASSWORD 或 ~/.pgpass",
                                   en: "The database server \(server) asks for a password: set PGPASSWORD or ~/.pgpass")
            }
            return unreachable(server, detail: "\(error.underlying.map { "\($0)" } ?? error.code.description)", connecting: connecting)
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
                               zh: "数据库 \(location.database) 不存在于 \(server)",
                               en: "There is no database \(location.database) on \(server)")
        case "57P01", "57P02", "57P03", "08000", "08003", "08006":
            return unreachable(server, detail: message, connecting: connecting)
        default:
            return Failure(sqlState: state, message: message)
        }
    }

    private static func unreachable(_ server: PostgresLocation.Server, detail: String, connecting: Bool) -> DomainError {
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
