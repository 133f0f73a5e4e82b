import GRDB
import GuitaiCore

/// The day's business and its close (日结).
extension StoreTransaction {
    /// The transactions of a business day at this store, oldest first: what its own counters recorded on that date,
    /// and the outreach laptops' transactions that a receive or a review decision of that day brought into the
    /// journal (they keep the laptop's device, serials and dates, and count on the day the hall took them in).
    public func journal(on date: LocalDate) throws -> [JournalEntry] {
        let own = try Journal.entries(db, where: "business_date = ? AND device = ?", [date.iso, deviceID])
        var brought: [JournalEntry] = []
        // A laptop's entries are appended inside the receive or review that applies them, just before its own entry.
        for entry in own where entry.kind == "outreach.receive" || entry.kind == "outreach.review" {
            let before = try db.fetchOne(Int64.self, sql: "SELECT seq FROM journal WHERE seq < ? AND device = ? ORDER BY seq DESC LIMIT 1",
                                            arguments: [entry.seq, deviceID]) ?? 0
            brought += try Journal.entries(db, where: "seq > ? AND seq < ? AND device != ?", [before, entry.seq, deviceID])
        }
        return brought.isEmpty ? own : (own + brought).sorted { $0.seq < $1.seq }
    }

    /// The close of a business date, if it is closed.
    /// - Throws: `store-damaged` for a row whose values are not what the product writes.
    public func dayClose(on date: LocalDate) throws -> DayCloseRecord? {
        try db.oneRow(sql: "SELECT * FROM day_closes WHERE business_date = ?", arguments: [date.iso]).map { row in
            let r = RowReader(row, table: "day_closes", keyColumn: "business_date")
            return DayCloseRecord(date: try r.date("business_date"), serial: try r.text("serial"), operatorID: try r.text("operator"),
                                  closedAt: try r.int("closed_at"), journalHead: try r.text("journal_head"), report: try r.text("report"))
        }
    }

    /// Records the close of a business date (the caller checked it is not closed yet).
    public func insertDayClose(_ close: DayCloseRecord) throws {
        try db.execute(sql: """
            INSERT INTO day_closes(business_date, serial, operator, closed_at, journal_head, report) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [close.date.iso, close.serial, close.operatorID, close.closedAt, close.journalHead, close.report])
    }
}
