import GRDB
import GuitaiCore

/// What a reversal (冲正) needs to know before it undoes a transaction, and the undoing writes themselves. A reversal is
/// always a new journaled transaction; these methods run inside it.
extension StoreTransaction {
    /// The first later transaction that changed a row this one wrote, if any: once another transaction built on a row,
    /// undoing the first would undo the second's work unseen. A later transaction that was itself reversed, and its
    /// reversal, do not count: together they left the row as it was. The serial counter and settings every entry touches are
    /// not business rows and do not count.
    /// - Returns: that transaction's serial, or nil when every row this one wrote is as it left it.
    public func laterChange(of serial: String) throws -> String? {
        guard let entry = try journalEntry(serial: serial) else { return nil }
        let rows = entry.changes.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count >= 2, !["serial_counters", "settings"].contains(String(parts[0])) else { return nil }
            // Anchored at the line's start, so `cards<TAB>K` never matches inside `ecards<TAB>K`.
            return "\n" + parts[0] + "\t" + parts[1] + "\t"
        }
        for row in rows {
            // A later transaction since reversed, and its reversal, left the row as it was. Payment runs write only
            // payment lines, never the rows a reversible transaction made, and are the journal's longest entries.
            if let later = try db.fetchOne(String.self, sql: """
                SELECT serial FROM journal WHERE seq > ? AND kind NOT LIKE 'payments.run%' AND instr(char(10) || changes, ?) > 0
                    AND json_extract(payload, '$.reversed') IS NULL
                    AND serial NOT IN (SELECT json_extract(payload, '$.reversed') FROM journal
                                       WHERE seq > ? AND json_extract(payload, '$.reversed') IS NOT NULL)
                ORDER BY seq LIMIT 1
                """, arguments: [entry.seq, row, entry.seq]) {
                return later
            }
        }
        return nil
    }

    /// The first transaction of one of `kinds` about the same ID number recorded after `serial` and not reversed since,
    /// if any.
    public func laterTransaction(after serial: String, kinds: [String], idNumber: String) throws -> String? {
        guard !kinds.isEmpty else { return nil }
        return try db.fetchOne(String.self, sql: """
            SELECT serial FROM journal WHERE seq > (SELECT seq FROM journal WHERE serial = ?)
                AND kind IN (\(kinds.map { _ in "?" }.joined(separator: ","))) AND json_extract(payload, '$.id') = ?
                AND serial NOT IN (SELECT json_extract(payload, '$.reversed') FROM journal WHERE json_extract(payload, '$.reversed') IS NOT NULL)
            ORDER BY seq LIMIT 1
            """, arguments: SQLArguments([serial] + kinds + [idNumber]))
    }

    /// The first payment run after `serial` that wrote a line for the benefit, if any (a death's withdrawal lines the
    /// months it skipped too, but is no run).
    public func laterPaymentRun(after serial: String, benefitUUID: String) throws -> String? {
        try db.fetchOne(String.self, sql: """
            SELECT p.run_serial FROM payments p JOIN journal j ON j.serial = p.run_serial
            WHERE p.benefit_uuid = ? AND (p.run_uuid IS NOT NULL OR j.kind LIKE 'payments.run%') AND j.seq > (SELECT seq FROM journal WHERE serial = ?) ORDER BY j.seq LIMIT 1
            """, arguments: [benefitUUID, serial])
    }

    /// The first certification of a person recorded after `serial` (at the counter, by import or by data comparison),
    /// by the transaction that recorded it.
    public func laterCertification(after serial: String, personUUID: String) throws -> String? {
        try db.fetchOne(String.self, sql: """
            SELECT c.created_serial FROM certifications c JOIN journal j ON j.serial = c.created_serial
            WHERE c.person_uuid = ? AND j.seq > (SELECT seq FROM journal WHERE serial = ?) ORDER BY j.seq LIMIT 1
            """, arguments: [personUUID, serial])
    }

    /// The live e-card of a person, if one is not cancelled.
    public func liveECard(personUUID: String) throws -> ECardRecord? {
        try db.oneRow(sql: "SELECT * FROM ecards WHERE person_uuid = ? AND status != 'cancelled'", arguments: [personUUID]).map(ecardRecord)
    }

    /// Of the given transactions, those a later transaction reversed: one query for a whole list.
    public func reversed(among serials: [String]) throws -> Set<String> {
        guard !serials.isEmpty else { return [] }
        return Set(try db.fetchAll(String.self, sql: Self.reversedAmongSQL(serials.count), arguments: SQLArguments(serials)))
    }

    /// Read through the index `journal_by_reversed` (a test checks the plan).
    static func reversedAmongSQL(_ count: Int) -> String {
        "SELECT json_extract(payload, '$.reversed') FROM journal WHERE json_extract(payload, '$.reversed') IN ("
            + Array(repeating: "?", count: count).joined(separator: ",") + ")"
    }

    // MARK: The rows a transaction made

    /// The physical card a transaction recorded (registered, or issued as a replacement).
    public func card(createdBy serial: String) throws -> CardRecord? {
        try db.oneRow(sql: "SELECT * FROM cards WHERE created_serial = ?", arguments: [serial]).map(cardRecord)
    }

    /// The e-card a transaction issued.
    public func ecard(createdBy serial: String) throws -> ECardRecord? {
        try db.oneRow(sql: "SELECT * FROM ecards WHERE created_serial = ?", arguments: [serial]).map(ecardRecord)
    }

    /// The certification a transaction recorded: its UUID and the person's. Nil when the transaction recorded none (the
    /// same certification was already on record that day).
    public func certification(createdBy serial: String) throws -> (uuid: String, personUUID: String)? {
        try db.oneRow(sql: "SELECT uuid, person_uuid FROM certifications WHERE created_serial = ?", arguments: [serial]).map { row in
            let r = RowReader(row, table: "certifications", keyColumn: "uuid")
            return (try r.text("uuid"), try r.text("person_uuid"))
        }
    }

    /// The benefit a transaction started: its UUID.
    public func benefit(createdBy serial: String) throws -> String? {
        try db.fetchOne(String.self, sql: "SELECT uuid FROM benefits WHERE created_serial = ?", arguments: [serial])
    }

    /// Whether a benefit has any payment line or recovery: then it is history, not an error to take back.
    public func benefitHasHistory(_ benefitUUID: String) throws -> Bool {
        try db.fetchOne(Bool.self, sql: """
            SELECT EXISTS (SELECT 1 FROM payments WHERE benefit_uuid = ?) OR EXISTS (SELECT 1 FROM recoveries WHERE benefit_uuid = ?)
            """, arguments: [benefitUUID, benefitUUID]) ?? true
    }

    // MARK: Undoing

    /// Removes a card recorded in error.
    public func deleteCard(uuid: String) throws {
        try db.execute(sql: "DELETE FROM cards WHERE uuid = ?", arguments: [uuid])
    }

    /// Puts a card back in the state it had before a change or a replacement, no longer replaced by anything.
    public func restoreCard(uuid: String, state: PhysicalCardState, since: LocalDate) throws {
        try db.execute(sql: "UPDATE cards SET state = ?, state_since = ?, replaced_by = NULL WHERE uuid = ?",
                       arguments: [state.rawValue, since.iso, uuid])
    }

    /// Removes an e-card issued in error.
    public func deleteECard(uuid: String) throws {
        try db.execute(sql: "DELETE FROM ecards WHERE uuid = ?", arguments: [uuid])
    }

    /// Takes back an e-voucher activation recorded in error.
    public func deactivateVoucher(ecardUUID: String) throws {
        try db.execute(sql: "UPDATE ecards SET voucher_on = NULL WHERE uuid = ?", arguments: [ecardUUID])
    }

    /// Removes a certification recorded in error.
    public func deleteCertification(uuid: String) throws {
        try db.execute(sql: "DELETE FROM certifications WHERE uuid = ?", arguments: [uuid])
    }

    /// Removes a benefit started in error (one that has paid nothing and is owed nothing).
    public func deleteBenefit(uuid: String) throws {
        try db.execute(sql: "DELETE FROM benefits WHERE uuid = ?", arguments: [uuid])
    }
}
