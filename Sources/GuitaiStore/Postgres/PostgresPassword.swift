#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GuitaiCore

/// The password for a `PostgresLocation`, found where PostgreSQL's own tools find it: `PGPASSWORD`, else the password
/// file (`PGPASSFILE`, else `~/.pgpass`), never an argument (`cli.md`).
///
/// The file's lines are `hostname:port:database:username:password`; `*` matches anything, `\:` and `\\` stand for a
/// colon and a backslash, `#` starts a comment, and the first matching line wins (PostgreSQL's manual, "The Password
/// File"). Like libpq, a file that its group or others may read is not used; unlike libpq, which then goes on without
/// a password and fails at the login, that is an error naming the file and the `chmod` that mends it.
public enum PostgresPassword {
    /// The password for `location` on `server` (one of its servers), or nil when neither source has one (a server
    /// trusting the address needs none).
    /// - Parameters:
    ///   - environment: the process's environment (`PGPASSWORD`, `PGPASSFILE`, `HOME`).
    /// - Throws: `store-password-file` (failure, 1) when the file may be read by others, or is no regular file.
    public static func find(for location: PostgresLocation, on server: PostgresLocation.Server,
                            environment: [String: String]) throws -> String? {
        if let password = environment["PGPASSWORD"], !password.isEmpty { return password }
        let path: String
        if let chosen = environment["PGPASSFILE"], !chosen.isEmpty {
            path = chosen
        } else if let home = environment["HOME"], !home.isEmpty {
            path = home + "/.pgpass"
        } else {
            return nil
        }
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            throw DomainError(.failure, code: "store-password-file", zh: "密码文件 \(path) 不是普通文件",
                              en: "The password file \(path) is not a regular file")
        }
        guard status.st_mode & (S_IRWXG | S_IRWXO) == 0 else {
            let mode = String(status.st_mode & 0o777, radix: 8)
            throw DomainError(.failure, code: "store-password-file",
                              zh: "密码文件 \(path) 的权限为 \(mode)，其他用户可读，PostgreSQL 不会使用它：请运行 chmod 600 \(path)",
                              en: "The password file \(path) has mode \(mode), readable by others, so PostgreSQL will not use it: run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return password(in: String(decoding: data, as: UTF8.self), for: location, on: server)
    }

    /// The password of the first line of a password file's `text` that matches `location` on `server`, nil when none
    /// does. Lines with fewer than five fields are passed over, as libpq passes them over.
    public static func password(in text: String, for location: PostgresLocation, on server: PostgresLocation.Server) -> String? {
        let wanted = [server.host, String(server.port), location.database, location.user]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count >= 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { field, value in field == "*" || field == value }
            if matches { return fields[4] }
        }
        return nil
    }

    /// A line's fields at its unescaped colons, with `\x` read as `x`.
    private static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
