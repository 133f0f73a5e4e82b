import GuitaiCore

/// Where a city's store lives: `postgres://USER@HOST[:PORT]/DB` (`--store`, `cli.md`), or, for a city with a standby,
/// `postgres://USER@HOST1[:PORT1],HOST2[:PORT2]/DB` as libpq writes several hosts: the servers are tried in order and
/// the first that takes writes is used, so counters find the standby once it has been promoted.
///
/// The password is never part of the address (an argument shows in `ps` and the shell's history): it comes from
/// `PGPASSWORD` or the password file (`PostgresPassword`). `postgresql://` is accepted as libpq accepts it.
public struct PostgresLocation: Hashable, Sendable, CustomStringConvertible {
    /// One server of the address.
    public struct Server: Hashable, Sendable, CustomStringConvertible {
        public var host: String
        /// TCP port, 1...65535; 5432 when the address names none.
        public var port: Int

        public init(host: String, port: Int = 5432) {
            self.host = host
            self.port = port
        }

        public var description: String { "\(host):\(port)" }
    }

    public var user: String
    /// The servers to try, in order: the primary first, then its standbys. Never empty.
    public var servers: [Server]
    public var database: String

    public init(user: String, host: String, port: Int = 5432, database: String) {
        self.init(user: user, servers: [Server(host: host, port: port)], database: database)
    }

    public init(user: String, servers: [Server], database: String) {
        self.user = user
        self.servers = servers
        self.database = database
    }

    /// The address as given to `--store`, without any password.
    public var description: String {
        "postgres://\(user)@" + servers.map(\.description).joined(separator: ",") + "/\(database)"
    }

    /// Whether a `--store` value names a PostgreSQL database rather than a file.
    public static func names(_ store: String) -> Bool {
        store.hasPrefix("postgres://") || store.hasPrefix("postgresql://")
    }

    /// Reads a `--store` value that `names` a database.
    /// - Throws: `store-address` (usage, 64) naming what is wrong: no user, no host (or an empty one between commas), no
    ///   database, a port that is no port, a password written into the address, or anything after the database's name.
    public static func parse(_ text: String) throws -> PostgresLocation {
        guard names(text), let schemeEnd = text.range(of: "://") else { throw invalid(text, zh: "应以 postgres:// 开头", en: "it must begin with postgres://") }
        let rest = text[schemeEnd.upperBound...]
        guard let at = rest.lastIndex(of: "@") else {
            throw invalid(text, zh: "缺少用户名（USER@）", en: "the user is missing (USER@)")
        }
        let userPart = rest[..<at]
        if let colon = userPart.firstIndex(of: ":") {
            // The refusal must not print the password it refuses.
            let shown = text[..<colon] + ":***" + text[at...]
            throw invalid(String(shown), zh: "地址中不能写密码，请用 PGPASSWORD 或 ~/.pgpass",
                          en: "a password may not be written into the address; use PGPASSWORD or ~/.pgpass")
        }
        let user = String(userPart)
        guard !user.isEmpty else { throw invalid(text, zh: "缺少用户名（USER@）", en: "the user is missing (USER@)") }
        let afterUser = rest[rest.index(after: at)...]
        guard let slash = afterUser.firstIndex(of: "/") else {
            throw invalid(text, zh: "缺少数据库名（/DB）", en: "the database is missing (/DB)")
        }
        let hostPort = afterUser[..<slash]
        let database = String(afterUser[afterUser.index(after: slash)...])
        guard !database.isEmpty else { throw invalid(text, zh: "缺少数据库名（/DB）", en: "the database is missing (/DB)") }
        if database.contains(where: { "/?#".contains($0) }) {
            throw invalid(text, zh: "数据库名之后不能再有内容", en: "nothing may follow the database's name")
        }
        var servers: [Server] = []
        for part in hostPort.split(separator: ",", omittingEmptySubsequences: false) {
            var host = String(part)
            var port = 5432
            if let colon = part.lastIndex(of: ":") {
                host = String(part[..<colon])
                let digits = part[part.index(after: colon)...]
                guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits),
                      (1...65_535).contains(number) else {
                    throw invalid(text, zh: "端口应为 1 到 65535 的数字", en: "the port must be a number from 1 to 65535")
                }
                port = number
            }
            guard !host.isEmpty else { throw invalid(text, zh: "缺少主机名", en: "the host is missing") }
            servers.append(Server(host: host, port: port))
        }
        return PostgresLocation(user: user, servers: servers, database: database)
    }

    /// The refusal, showing the address only up to any `?` or `#` (libpq's `?password=` would otherwise be printed).
    private static func invalid(_ text: String, zh: String, en: String) -> DomainError {
        let shown = text.firstIndex(where: { $0 == "?" || $0 == "#" }).map { text[..<$0] + "…" } ?? text
        return DomainError(.usage, code: "store-address", zh: "库地址 \(shown) 无效：\(zh)。格式：postgres://USER@HOST[:PORT]/DB",
                           en: "The store address \(shown) is not valid: \(en). Form: postgres://USER@HOST[:PORT]/DB")
    }
}
