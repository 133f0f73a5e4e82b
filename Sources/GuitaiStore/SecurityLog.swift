import Crypto
import Foundation
import GRDB
import GuitaiCore

/// The log of logins, kept apart from business data and chained by SHA-256 like the journal, so a removed or edited
/// row breaks the chain and a cut-off tail leaves SQLite's sequence higher than the last row.
///
/// An operator id that names no account is never written as typed (it may be a password typed in the wrong field):
/// it is kept as `?` and 16 hex digits of HMAC-SHA-256 under the store's own key (`settings.security.key`), which
/// still lets repeated attempts with the same id be counted.
enum SecurityLog {
    struct Entry {
        var seq: Int64
        var at: Int64
        var operatorLabel: String
        var event: String
        var detail: String
        var previousHash: String
        var hash: String

        func computedHash(after previous: String) -> String {
            sha256Hex([previous, String(seq), String(at), operatorLabel, event, detail].joined(separator: "\n"))
        }
    }

    /// A new random key for the keyed hash of unknown operator ids: 32 bytes as hex.
    static func newKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    /// How an operator id is written in the log: as typed when it names an account, else keyed-hashed.
    static func label(for operatorID: String, known: Bool, key: String) -> String {
        guard !known else { return operatorID }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(operatorID.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return "?" + mac.prefix(8).map { String($0, radix: 16).leftPadded(2) }.joined()
    }

    static func append(_ db: StoreConnection, at: Int64, operatorLabel: String, event: String, detail: String) throws {
        let last = try db.oneRow(sql: "SELECT hash FROM security_log ORDER BY seq DESC LIMIT 1")
        let previous = try last?.decode(String.self, atIndex: 0) ?? JournalEntry.genesis
        // The sequence the row will get: one past the highest ever used (AUTOINCREMENT), so the hash can cover it.
        let highest = try db.fetchOne(Int64.self, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'security_log'") ?? 0
        guard highest >= 0 && highest < Int64.max else {
            throw DomainError(.failure, code: "store-damaged", zh: "库已损坏：安全日志的序号为 \(highest)",
                              en: "The store is damaged: the security log's sequence is \(highest)")
        }
        let next = highest + 1
        let entry = Entry(seq: next, at: at, operatorLabel: operatorLabel, event: event, detail: detail, previousHash: previous, hash: "")
        try db.execute(sql: """
            INSERT INTO security_log(seq, at, operator, event, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [next, at, operatorLabel, event, detail, previous, entry.computedHash(after: previous)])
    }

    /// The last row as `seq:hash`, or empty when the log is empty.
    static func head(_ db: StoreConnection) throws -> String {
        guard let row = try db.oneRow(sql: "SELECT seq, hash FROM security_log ORDER BY seq DESC LIMIT 1") else { return "" }
        let reader = RowReader(row, table: "security_log", keyColumn: "seq")
        return String(try reader.int("seq")) + ":" + (try reader.text("hash"))
    }

    static func entries(_ db: StoreConnection) throws -> [Entry] {
        try db.allRows(sql: "SELECT * FROM security_log ORDER BY seq").map { row in
            let reader = RowReader(row, table: "security_log", keyColumn: "seq")
            return Entry(seq: try reader.int("seq"), at: try reader.int("at"), operatorLabel: try reader.text("operator"),
                         event: try reader.text("event"), detail: try reader.text("detail"),
                         previousHash: try reader.text("prev_hash"), hash: try reader.text("hash"))
        }
    }
}
