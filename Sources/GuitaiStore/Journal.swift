import GRDB
import GuitaiCore

/// Appends to and reads the hash-chained audit journal.
enum Journal {
    /// Appends the entry of the transaction in progress, with the row changes its triggers noted.
    /// - Parameter chainStart: what the first entry follows (`HallSettings.chainStart`).
    static func append(_ db: StoreConnection, serial: String, context: WriteContext, device: String, kind: String, payload: String,
                       chainStart: String) throws {
        try append(db, serial: serial, at: context.at, businessDate: context.businessDate.iso, operatorID: context.operatorID,
                   counter: context.counter, device: device, kind: kind, payload: payload, changes: try Projection.takeCaptured(db),
                   securityHead: try SecurityLog.head(db), chainStart: chainStart)
    }

    /// - Parameter securityHead: the security log's last row (`seq:hash`) at this moment: each entry anchors the log,
    ///   so rows removed from its end before the entry are found even if SQLite's sequence was wound back too.
    static func append(_ db: StoreConnection, serial: String, at: Int64, businessDate: String, operatorID: String, counter: String,
                       device: String, kind: String, payload: String, changes: String, securityHead: String,
                       chainStart: String = JournalEntry.genesis) throws {
        let previous = try db.fetchOne(String.self, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1") ?? chainStart
        let hash = JournalEntry.hash(previous: previous, serial: serial, at: at, businessDate: businessDate,
                                     operatorID: operatorID, counter: counter, device: device, kind: kind, payload: payload,
                                     changes: changes, securityHead: securityHead)
        try db.execute(sql: """
            INSERT INTO journal(serial, at, business_date, operator, counter, device, kind, payload, changes, security_head, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [serial, at, businessDate, operatorID, counter, device, kind, payload, changes, securityHead, previous, hash])
    }

    static func entries(_ db: StoreConnection, where condition: String = "TRUE", _ arguments: SQLArguments = []) throws -> [JournalEntry] {
        try db.allRows(sql: "SELECT * FROM journal WHERE \(condition) ORDER BY seq", arguments: arguments).map(entry)
    }

    static func entry(_ row: StoreRow) throws -> JournalEntry {
        let reader = RowReader(row, table: "journal", keyColumn: "seq")
        return JournalEntry(seq: try reader.int("seq"), serial: try reader.text("serial"), at: try reader.int("at"),
                            businessDate: try reader.text("business_date"), operatorID: try reader.text("operator"),
                            counter: try reader.text("counter"), device: try reader.text("device"), kind: try reader.text("kind"),
                            payload: try reader.text("payload"), changes: try reader.text("changes"),
                            securityHead: try reader.text("security_head"),
                            previousHash: try reader.text("prev_hash"), hash: try reader.text("hash"))
    }
}
