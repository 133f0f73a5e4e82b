import GRDB
import GuitaiCore

/// The day's business and its close (日结).
extension StoreTransaction {
    /// Every transaction this device recorded on a business date, oldest first (a hall's own counters; the work an
    /// outreach laptop did that day is its own device's, counted where it was received).
    public func journal(on date: LocalDate) throws -> [JournalEntry] {
        try Journal.entries(db, where: "business_date = ? AND device = ?", [date.iso, deviceID])
    }

    /// The close of a business date, if it is closed.
    /// - Throws: `store-damaged` for a row whose values are not what the product writes.
    public func dayClose(on date: LocalDate) throws -> DayCloseRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM day_closes WHERE business_date = ?", arguments: [date.iso]).map { row in
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
