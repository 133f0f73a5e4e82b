import GRDB
import GuitaiCore

/// The activity register: venues, events, and which transactions were done at which event.
extension StoreTransaction {
    static let openEventSetting = "outreach.event"

    public func insertVenue(name: String, kind: String, regionCode: String?) throws -> String {
        let uuid = newID()
        try db.execute(sql: """
            INSERT INTO outreach_venues(uuid, name, kind, region_code, device, created_serial) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [uuid, name, kind, regionCode, deviceID, writingSerial])
        return uuid
    }

    /// The venues by name, then kind.
    public func venues() throws -> [OutreachVenue] {
        // In the order they were registered, so a venue's number never moves when another is added.
        try db.allRows(sql: "SELECT * FROM outreach_venues ORDER BY created_serial, uuid").map(venue)
    }

    private func venue(_ row: StoreRow) throws -> OutreachVenue {
        let r = RowReader(row, table: "outreach_venues", keyColumn: "uuid")
        return OutreachVenue(uuid: try r.text("uuid"), name: try r.text("name"), kind: try r.text("kind"), regionCode: try r.optionalText("region_code"))
    }

    /// Opens an event at a venue: transactions recorded until it closes are noted as done there.
    public func openEvent(venueUUID: String, on date: LocalDate) throws -> String {
        let uuid = newID()
        try db.execute(sql: """
            INSERT INTO outreach_events(uuid, venue_uuid, held_on, participants, leaflets, state, device, created_serial)
            VALUES (?, ?, ?, 0, 0, 'open', ?, ?)
            """, arguments: [uuid, venueUUID, date.iso, deviceID, writingSerial])
        try setSetting(Self.openEventSetting, uuid)
        return uuid
    }

    /// Closes the open event with its counts.
    public func closeEvent(_ uuid: String, participants: Int, leaflets: Int) throws {
        try db.execute(sql: "UPDATE outreach_events SET participants = ?, leaflets = ?, state = 'closed' WHERE uuid = ?",
                       arguments: [participants, leaflets, uuid])
        try db.execute(sql: "DELETE FROM settings WHERE key = ?", arguments: [Self.openEventSetting])
    }

    /// The event open now, if any.
    public func openEvent() throws -> OutreachEvent? {
        guard let uuid = try setting(Self.openEventSetting) else { return nil }
        return try events(where: "e.uuid = ?", [uuid]).first
    }

    /// Every event, newest first.
    public func events() throws -> [OutreachEvent] { try events(where: "TRUE", []) }

    private func events(where condition: String, _ arguments: SQLArguments) throws -> [OutreachEvent] {
        try db.allRows(sql: """
            SELECT e.uuid AS event_uuid, e.held_on, e.participants, e.leaflets, e.state, v.*,
                   (SELECT count(*) FROM outreach_event_transactions t WHERE t.event_uuid = e.uuid) AS transactions
            FROM outreach_events e JOIN outreach_venues v ON v.uuid = e.venue_uuid
            WHERE \(condition) ORDER BY e.held_on DESC, e.created_serial DESC
            """, arguments: arguments).map { row in
            let r = RowReader(row, table: "outreach_events", keyColumn: "event_uuid")
            return OutreachEvent(uuid: try r.text("event_uuid"), venue: try venue(row), heldOn: try r.text("held_on"),
                                 participants: Int(clamping: try r.int("participants")), leaflets: Int(clamping: try r.int("leaflets")),
                                 state: try r.text("state"), transactions: Int(clamping: try r.int("transactions")))
        }
    }

    /// Notes the transaction being written as done at the open event (a laptop's business, not its register keeping).
    func noteAtOpenEvent(kind: String) throws {
        guard !kind.hasPrefix("outreach."), let event = try setting(Self.openEventSetting) else { return }
        try db.execute(sql: "INSERT INTO outreach_event_transactions(serial, event_uuid) VALUES (?, ?)", arguments: [writingSerial, event])
    }

    /// The campaign's figures over events held between two dates (inclusive; nil for no bound). Transactions whose
    /// kind ends in `.reverse` are counted under their own kind.
    public func activityReport(from: LocalDate?, to: LocalDate?) throws -> ActivityReport {
        let within = "held_on >= ? AND held_on <= ?"
        let bounds: SQLArguments = [from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"]
        let events = "SELECT uuid FROM outreach_events WHERE \(within)"
        let totals = try db.oneRow(sql: """
            SELECT count(*) AS events, count(DISTINCT venue_uuid) AS venues, coalesce(sum(participants), 0) AS participants,
                   coalesce(sum(leaflets), 0) AS leaflets FROM outreach_events WHERE \(within)
            """, arguments: bounds)
        let reader = totals.map { RowReader($0, table: "outreach_events", keyColumn: "events") }
        let byKind = try db.allRows(sql: """
            SELECT v.kind, count(DISTINCT v.uuid) FROM outreach_venues v JOIN outreach_events e ON e.venue_uuid = v.uuid
            WHERE e.\(within) GROUP BY v.kind ORDER BY v.kind
            """, arguments: bounds).map { (try $0.require(String.self, atIndex: 0), try $0.require(Int.self, atIndex: 1)) }
        let transactions = try db.allRows(sql: """
            SELECT j.kind, count(*) FROM outreach_event_transactions t JOIN journal j ON j.serial = t.serial
            WHERE t.event_uuid IN (\(events)) GROUP BY j.kind ORDER BY j.kind
            """, arguments: bounds).map { (try $0.require(String.self, atIndex: 0), try $0.require(Int.self, atIndex: 1)) }
        return ActivityReport(venues: Int(clamping: try reader?.int("venues") ?? 0), venuesByKind: byKind,
                              events: Int(clamping: try reader?.int("events") ?? 0),
                              participants: Int(clamping: try reader?.int("participants") ?? 0),
                              leaflets: Int(clamping: try reader?.int("leaflets") ?? 0), transactionsByKind: transactions)
    }
}
