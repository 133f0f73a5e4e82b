import GRDB
import GuitaiCore

/// Reads and intent-named writes inside one transaction of the store.
public final class StoreTransaction {
    let db: StoreConnection
    /// The serial number of the business transaction being written; nil when only reading.
    public let serial: String?
    let deviceID: String
    private let makeID: () -> String
    /// The columns of projected tables as this transaction found them, for code that reads or writes whole rows many
    /// times (outreach bundles).
    private var columnCache: [String: [String]] = [:]

    /// A projected table's columns in declared order, read once per transaction.
    func cachedColumns(of table: String) throws -> [String] {
        if let known = columnCache[table] { return known }
        let columns = try Projection.columns(of: table, db)
        columnCache[table] = columns
        return columns
    }

    init(db: StoreConnection, serial: String?, deviceID: String, makeID: @escaping () -> String) {
        self.db = db
        self.serial = serial
        self.deviceID = deviceID
        self.makeID = makeID
    }

    func newID() -> String { makeID() }

    /// The serial of the transaction being written; a write outside one is a programming error, and SQLite refuses
    /// it anyway (the connection is read-only there).
    var writingSerial: String { serial ?? "" }

    /// The business journal, oldest first.
    public func journal() throws -> [JournalEntry] { try Journal.entries(db) }

    /// The journal entry of a transaction, by its serial.
    public func journalEntry(serial: String) throws -> JournalEntry? {
        try Journal.entries(db, where: "serial = ?", [serial]).first
    }

    /// The transaction that reversed another, if one did: the entry whose payload names it as `reversed`.
    public func reversal(of serial: String) throws -> String? {
        try db.fetchOne(String.self, sql: Self.reversalOfSQL, arguments: [serial])
    }

    /// Read through the index `journal_by_reversed` (a test checks the plan).
    static let reversalOfSQL = "SELECT serial FROM journal WHERE json_extract(payload, '$.reversed') = ? LIMIT 1"

    /// One operator's transactions of one business day, oldest first: the day's receipts.
    public func journal(on date: LocalDate, operatorID: String) throws -> [JournalEntry] {
        try Journal.entries(db, where: "business_date = ? AND operator = ?", [date.iso, operatorID])
    }

    /// The transactions of one kind recorded on or after a business date, oldest first (a training scenario's checks).
    public func journal(kind: String, onOrAfter date: LocalDate) throws -> [JournalEntry] {
        try Journal.entries(db, where: "kind = ? AND business_date >= ?", [kind, date.iso])
    }

    /// A setting of the store (`hall.code`, `mode`...).
    public func setting(_ key: String) throws -> String? {
        try db.fetchOne(String.self, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key])
    }

    /// Writes a setting of the store.
    public func setSetting(_ key: String, _ value: String) throws {
        try db.execute(sql: "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }

    /// The number of the journal's last entry: a long job decides on a snapshot up to it, then re-checks only what
    /// changed after it (`changedKeys`).
    public func journalHead() throws -> Int64 {
        try db.fetchOne(Int64.self, sql: "SELECT max(seq) FROM journal") ?? 0
    }

    /// The keys of the rows of `tables` (nil: every table) that entries after `seq` changed, by table, leaving out the
    /// entries of `excluding` (a long job's own transactions, a supervisor's decisions about a laptop's work) and those
    /// written on `excludingDevice` (a laptop's own, brought home).
    public func changedKeys(since seq: Int64, in tables: Set<String>?, excluding: Set<String> = [],
                            excludingDevice device: String? = nil) throws -> [String: Set<String>] {
        var keys: [String: Set<String>] = [:]
        for row in try db.allRows(sql: "SELECT serial, changes FROM journal WHERE seq > ? AND device != ? ORDER BY seq",
                                    arguments: [seq, device ?? ""]) {
            let reader = RowReader(row, table: "journal", keyColumn: "serial")
            guard !excluding.contains(try reader.text("serial")) else { continue }
            let changes = try reader.text("changes")
            for line in changes.split(separator: "\n") {
                guard let change = Projection.Change(line: line), tables?.contains(change.table) ?? true else { continue }
                keys[change.table, default: []].insert(change.key)
            }
        }
        return keys
    }

    /// The benefits whose payment decision may differ from a snapshot taken at journal entry `seq`: their own row,
    /// their recipient's death or certifications, or their payment lines changed since (other than by `excluding`).
    public func benefitsChanged(since seq: Int64, excluding: Set<String> = []) throws -> Set<String> {
        let changed = try changedKeys(since: seq, in: ["benefits", "deaths", "certifications", "payments"], excluding: excluding)
        var benefits = changed["benefits"] ?? []
        var people = changed["deaths"] ?? []
        for uuid in changed["certifications"] ?? [] {
            if let person = try db.fetchOne(String.self, sql: "SELECT person_uuid FROM certifications WHERE uuid = ?", arguments: [uuid]) {
                people.insert(person)
            }
        }
        for uuid in changed["payments"] ?? [] {
            if let benefit = try db.fetchOne(String.self, sql: "SELECT benefit_uuid FROM payments WHERE uuid = ?", arguments: [uuid]) {
                benefits.insert(benefit)
            }
        }
        for person in people {
            if let benefit = try db.fetchOne(String.self, sql: "SELECT uuid FROM benefits WHERE person_uuid = ?", arguments: [person]) {
                benefits.insert(benefit)
            }
        }
        return benefits
    }

    /// Counts rows of a table, for verification and tests.
    public func count(_ table: String) throws -> Int {
        try db.fetchOne(Int.self, sql: "SELECT count(*) FROM \(table)") ?? 0
    }
}
