import GRDB
import GuitaiCore

extension StoreTransaction {
    /// The card in use (not cancelled), if any.
    public func liveCard(personUUID: String) throws -> CardRecord? {
        try db.oneRow(sql: "SELECT * FROM cards WHERE person_uuid = ? AND state != 'cancelled'", arguments: [personUUID]).map(cardRecord)
    }

    /// The card with a number, whatever its state.
    public func card(number: String) throws -> CardRecord? {
        try db.oneRow(sql: "SELECT * FROM cards WHERE number = ?", arguments: [number]).map(cardRecord)
    }

    func cardRecord(_ row: StoreRow) throws -> CardRecord {
        let r = RowReader(row, table: "cards", keyColumn: "uuid")
        return CardRecord(uuid: try r.text("uuid"), card: PhysicalCard(
            number: CardNumber(stored: try r.text("number")), regionCode: try r.text("region_code"), issuedOn: try r.date("issued_on"),
            state: try r.code(PhysicalCardState.self, "state"), stateSince: try r.date("state_since")),
            replacedBy: try r.optionalText("replaced_by"))
    }

    /// Records a physical card; returns its record's UUID.
    public func insertCard(_ card: PhysicalCard, personUUID: String) throws -> String {
        let uuid = newID()
        try db.execute(sql: """
            INSERT INTO cards(uuid, person_uuid, number, region_code, issued_on, state, state_since, device, created_serial)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [uuid, personUUID, card.number.value, card.regionCode, card.issuedOn.iso, card.state.rawValue,
                             card.stateSince.iso, deviceID, writingSerial])
        return uuid
    }

    /// Records a card's new state (and the number that replaced it).
    public func updateCard(uuid: String, state: PhysicalCardState, since: LocalDate, replacedBy: String? = nil) throws {
        try db.execute(sql: "UPDATE cards SET state = ?, state_since = ?, replaced_by = coalesce(?, replaced_by) WHERE uuid = ?",
                       arguments: [state.rawValue, since.iso, replacedBy, uuid])
    }

    /// The latest e-card of a person (a cancelled one when nothing newer exists).
    public func latestECard(personUUID: String) throws -> ECardRecord? {
        try db.oneRow(sql: """
            SELECT * FROM ecards WHERE person_uuid = ? ORDER BY (status != 'cancelled') DESC, created_serial DESC LIMIT 1
            """, arguments: [personUUID]).map(ecardRecord)
    }

    func ecardRecord(_ row: StoreRow) throws -> ECardRecord {
        let r = RowReader(row, table: "ecards", keyColumn: "uuid")
        return ECardRecord(uuid: try r.text("uuid"), serial: try r.text("serial"), status: try r.code(ECardStatus.self, "status"),
                           statusSince: try r.date("status_since"), phone: try r.text("phone"),
                           identityCheck: try r.text("identity_check"), voucherOn: try r.optionalDate("voucher_on"),
                           issuedSerial: try r.text("created_serial"))
    }

    /// Issues an e-card with the PIN's and activation code's hashes (from `Store.hashSecret`); neither is stored in clear.
    public func insertECard(personUUID: String, serial: String, phone: String, identityCheck: String, pinHash: String,
                            activationHash: String, on date: LocalDate, voucher: Bool) throws {
        try db.execute(sql: """
            INSERT INTO ecards(uuid, person_uuid, serial, status, status_since, phone, identity_check, pin_hash, activation_hash,
                               voucher_on, device, created_serial)
            VALUES (?, ?, ?, 'issued', ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [newID(), personUUID, serial, date.iso, phone, identityCheck, pinHash,
                             activationHash, voucher ? date.iso : nil, deviceID, writingSerial])
    }

    /// Whether a typed activation code matches the one printed on the issue receipt.
    public func activationCodeMatches(ecardUUID: String, code: String) throws -> Bool {
        guard let row = try db.oneRow(sql: "SELECT uuid, activation_hash FROM ecards WHERE uuid = ?", arguments: [ecardUUID]),
              let hash = try RowReader(row, table: "ecards", keyColumn: "uuid").optionalText("activation_hash") else {
            return false
        }
        return PasswordHasher.verify(code, against: hash)
    }

    /// Records an e-card's new status. The activation code's hash stays: only an issued e-card is activated, so the
    /// code opens nothing once it is used, and an activation reversed in error is done again with the code printed.
    public func updateECard(uuid: String, status: ECardStatus, since: LocalDate) throws {
        try db.execute(sql: "UPDATE ecards SET status = ?, status_since = ? WHERE uuid = ?", arguments: [status.rawValue, since.iso, uuid])
    }

    /// Records the medical e-voucher as activated, once.
    public func activateVoucher(ecardUUID: String, on date: LocalDate) throws {
        try db.execute(sql: "UPDATE ecards SET voucher_on = ? WHERE uuid = ? AND voucher_on IS NULL", arguments: [date.iso, ecardUUID])
    }
}
