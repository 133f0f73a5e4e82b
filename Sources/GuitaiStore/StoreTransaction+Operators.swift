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

    public func operatorAccount(id: String) throws -> Operator? { try operatorRecord(id: id)?.account }

    func operatorRecord(id: String) throws -> OperatorRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM operators WHERE id = ?", arguments: [id]).map { row in
            OperatorRecord(account: Operator(id: row["id"], name: row["name"], role: Role(rawValue: row["role"])!),
                           passwordHash: row["password_hash"])
        }
    }

    public func storedPolicies() throws -> [(id: String, text: String)] {
        try Row.fetchAll(db, sql: "SELECT id, text FROM policies ORDER BY id").map { ($0["id"], $0["text"]) }
    }

    /// Loads or replaces a hall policy file; the journal keeps every version.
    public func savePolicy(id: String, text: String) throws {
        try db.execute(sql: """
            INSERT INTO policies(id, text, loaded_serial) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET text = excluded.text, loaded_serial = excluded.loaded_serial
            """, arguments: [id, text, writingSerial])
    }
}
