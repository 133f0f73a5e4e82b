import GRDB
import GuitaiCore

/// Reads and intent-named writes inside one transaction of the store.
public final class StoreTransaction {
    let db: Database
    /// The serial number of the business transaction being written; nil when only reading.
    public let serial: String?
    let deviceID: String
    private let makeID: () -> String

    init(db: Database, serial: String?, deviceID: String, makeID: @escaping () -> String) {
        self.db = db
        self.serial = serial
        self.deviceID = deviceID
        self.makeID = makeID
    }

    func newID() -> String { makeID() }

    var writingSerial: String {
        guard let serial else { preconditionFailure("a write outside a business transaction") }
        return serial
    }

    /// The business journal, oldest first.
    public func journal() throws -> [JournalEntry] { try Journal.entries(db) }

    /// One operator's transactions of one business day, oldest first: the day's receipts.
    public func journal(on date: LocalDate, operatorID: String) throws -> [JournalEntry] {
        try Journal.entries(db, where: "business_date = ? AND operator = ?", [date.iso, operatorID])
    }

    public func setting(_ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key])
    }

    public func setSetting(_ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// Counts rows of a table, for verification and tests.
    public func count(_ table: String) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
    }
}
