import Crypto
import Foundation
import GRDB

extension Store {
    /// Columns that hold a secret, salted or random by design (password and PIN hashes, the security log's key): two
    /// stores with the same content differ in them, so the content digest leaves them out.
    static let secretColumns: [String: Set<String>] = [
        "operators": ["password_hash"],
        "ecards": ["pin_hash", "activation_hash"],
    ]
    static let secretSettings: Set<String> = ["security.key", "outreach.passphrase-hash", "outreach.device-key", Outreach.hallKeySetting]

    /// A SHA-256 over everything the store holds for its people and its business: every projected table row by row in
    /// key order, and the journal's entries (serial, time, date, operator, counter, device, kind, payload), but not the
    /// secrets (`secretColumns`, `secretSettings`), the journal's hash chain (which covers them) or the security log.
    /// Two stores with the same digest show the same people, states and history to every screen and command.
    /// - Returns: 64 lowercase hex digits.
    public func contentDigest() throws -> String {
        try read { tx in
            let db = tx.db
            var hasher = SHA256()
            func feed(_ text: String) {
                hasher.update(data: Data(text.utf8))
                hasher.update(data: Data([0]))
            }
            for table in Projection.tables.sorted(by: { $0.name < $1.name }) {
                feed("table " + table.name)
                let hidden = Store.secretColumns[table.name] ?? []
                // Named `whole_table`: a job that reads every row on purpose, which the statement-plan test lets scan.
                let rows = try db.allRows(sql: "SELECT * FROM \(table.name) AS whole_table ORDER BY " + table.key.joined(separator: ", "))
                for row in rows {
                    if table.name == "settings", let key = String.fromDatabaseValue(row["key"]), Store.secretSettings.contains(key) { continue }
                    for (column, value) in row.columnsAndValues where !hidden.contains(column) { feed(column + "=" + value.description) }
                    feed("")
                }
            }
            feed("journal")
            for row in try db.allRows(sql: """
                SELECT serial, at, business_date, operator, counter, device, kind, payload FROM journal ORDER BY seq
                """) {
                for (column, value) in row.columnsAndValues { feed(column + "=" + value.description) }
            }
            return hasher.finalize().map { String(format: "%02x", $0) }.joined()
        }
    }
}
