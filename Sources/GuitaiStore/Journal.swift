import GRDB
import GuitaiCore

/// Appends to and checks the hash-chained audit journal.
enum Journal {
    static func append(_ db: Database, serial: String, context: WriteContext, device: String, kind: String, payload: String) throws {
        let previous = try String.fetchOne(db, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1") ?? JournalEntry.genesis
        let date = context.businessDate.iso
        let hash = JournalEntry.hash(previous: previous, serial: serial, at: context.at, businessDate: date,
                                     operatorID: context.operatorID, counter: context.counter, device: device,
                                     kind: kind, payload: payload)
        try db.execute(sql: """
            INSERT INTO journal(serial, at, business_date, operator, counter, device, kind, payload, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [serial, context.at, date, context.operatorID, context.counter, device, kind, payload, previous, hash])
    }

    static func entries(_ db: Database, where condition: String = "1", _ arguments: [String] = []) throws -> [JournalEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM journal WHERE \(condition) ORDER BY seq", arguments: StatementArguments(arguments)).map { row in
            JournalEntry(seq: row["seq"], serial: row["serial"], at: row["at"], businessDate: row["business_date"],
                         operatorID: row["operator"], counter: row["counter"], device: row["device"], kind: row["kind"],
                         payload: row["payload"], previousHash: row["prev_hash"], hash: row["hash"])
        }
    }
}
