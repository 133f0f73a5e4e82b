import GRDB
import GuitaiCore

extension StoreTransaction {
    /// Adds an account with a hash from `Store.hashSecret` (computed before the transaction).
    public func insertOperator(_ account: Operator, passwordHash: String) throws {
        try db.execute(sql: """
            INSERT INTO operators(id, uuid, name, role, password_hash, device, created_serial) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [account.id, newID(), account.name, account.role.rawValue, passwordHash,
                             deviceID, writingSerial])
    }

    /// The account with an id, if any.
    public func operatorAccount(id: String) throws -> Operator? { try operatorRecord(id: id)?.account }

    /// An operator's stored password hash, to carry the account into a rebuilt store (the training store's trainer).
    public func passwordHash(operatorID id: String) throws -> String? { try operatorRecord(id: id)?.passwordHash }

    func operatorRecord(id: String) throws -> OperatorRecord? {
        try db.oneRow(sql: "SELECT * FROM operators WHERE id = ?", arguments: [id]).map(operatorRecord)
    }

    private func operatorRecord(_ row: StoreRow) throws -> OperatorRecord {
        let reader = RowReader(row, table: "operators", keyColumn: "id")
        return OperatorRecord(account: Operator(id: try reader.text("id"), name: try reader.text("name"), role: try reader.code(Role.self, "role")),
                              passwordHash: try reader.text("password_hash"), disabled: try reader.bool("disabled"))
    }

    /// Every account with its standing on `now` (seconds since 1970), ordered by id.
    public func operatorStandings(now: Int64) throws -> [OperatorStanding] {
        try db.allRows(sql: "SELECT * FROM operators ORDER BY id").map { row in
            let record = try operatorRecord(row)
            let events = try db.allRows(sql: """
                SELECT at, event FROM security_log WHERE operator = ? AND event != 'locked' ORDER BY seq DESC LIMIT 50
                """, arguments: [record.account.id]).map { row in
                let reader = RowReader(row, table: "security_log", keyColumn: "at")
                return (at: try reader.int("at"), event: try reader.text("event"))
            }
            let until = Store.lockedUntil(events: events.reversed()).flatMap { $0 > now ? $0 : nil }
            let login = events.first { $0.event == "login-ok" }?.at
            let worked = try db.fetchOne(Int64.self, sql: "SELECT max(at) FROM journal WHERE operator = ?", arguments: [record.account.id])
            return OperatorStanding(account: record.account, disabled: record.disabled, lockedUntil: until,
                                    lastSeen: [login, worked].compactMap { $0 }.max())
        }
    }

    /// Disables or enables an account; a disabled one cannot log in.
    public func setOperatorDisabled(id: String, _ disabled: Bool) throws {
        try db.execute(sql: "UPDATE operators SET disabled = ? WHERE id = ?", arguments: [disabled, id])
    }

    /// Replaces an account's password hash (from `Store.hashSecret`).
    public func setOperatorPassword(id: String, passwordHash: String) throws {
        try db.execute(sql: "UPDATE operators SET password_hash = ? WHERE id = ?", arguments: [passwordHash, id])
    }

    /// Lifts a lockout: the security log's count of failures starts again from this event.
    public func recordUnlock(operatorID: String, at: Int64, by administrator: String) throws {
        try SecurityLog.append(db, at: at, operatorLabel: operatorID, event: "unlocked", detail: "by \(administrator)")
    }

    /// The hall's own policy files, by id.
    public func storedPolicies() throws -> [(id: String, text: String)] {
        try db.allRows(sql: "SELECT id, text FROM policies ORDER BY id").map { row in
            let reader = RowReader(row, table: "policies", keyColumn: "id")
            return (try reader.text("id"), try reader.text("text"))
        }
    }

    /// Loads or replaces a hall policy file; the journal keeps every version.
    public func savePolicy(id: String, text: String) throws {
        try db.execute(sql: """
            INSERT INTO policies(id, text, loaded_serial) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET text = excluded.text, loaded_serial = excluded.loaded_serial
            """, arguments: [id, text, writingSerial])
    }
}

extension StoreTransaction {
    /// Every operator's name by id (reports name who did the day's business).
    public func operatorNames() throws -> [String: String] {
        Dictionary(try db.allRows(sql: "SELECT id, name FROM operators").map { row in
            let r = RowReader(row, table: "operators", keyColumn: "id")
            return (try r.text("id"), try r.text("name"))
        }, uniquingKeysWith: { first, _ in first })
    }
}
