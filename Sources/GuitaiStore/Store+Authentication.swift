import GRDB
import GuitaiCore

extension Store {
    /// Consecutive failed logins that lock an account.
    public static let lockoutThreshold = 5
    /// How long a locked account stays locked, in seconds.
    public static let lockoutSeconds: Int64 = 15 * 60

    /// Checks an operator's password. Failures go to the security log (even though the command fails). Five
    /// failures in a row lock the account for `lockoutSeconds` from the fifth; when a lock expires the count starts
    /// again, and a success resets it.
    public func authenticate(operatorID: String, password: String, now: Int64) throws -> Operator {
        let refused = DomainError(.permission, code: "authentication-failed",
                                  zh: "操作员编号或密码不正确", en: "Wrong operator id or password")
        let (record, events) = try read { tx in
            (try tx.operatorRecord(id: operatorID),
             try Row.fetchAll(tx.db, sql: """
                SELECT at, event FROM security_log WHERE operator = ? AND event != 'locked' ORDER BY seq DESC LIMIT 50
                """, arguments: [operatorID]).map { ($0["at"] as Int64, $0["event"] as String) })
        }
        if let until = Store.lockedUntil(events: events.reversed()), now < until {
            try log(operatorID, "locked", "refused while locked", now)
            let minutes = (until - now + 59) / 60
            throw DomainError(.permission, code: "account-locked",
                              zh: "连续\(Store.lockoutThreshold)次密码错误，账号已锁定，请\(minutes)分钟后再试或联系管理员",
                              en: "Locked after \(Store.lockoutThreshold) wrong passwords in a row; try again in \(minutes) minutes or ask an administrator")
        }
        // An unknown operator costs the same scrypt work as a wrong password, so timing does not tell which ids exist.
        let matches = PasswordHasher.verify(password, against: record?.passwordHash ?? PasswordHasher.decoy)
        guard let record, matches else {
            try log(operatorID, "login-failed", record == nil ? "unknown operator" : "wrong password", now)
            throw refused
        }
        if events.first?.1 == "login-failed" { try log(operatorID, "login-ok", "after failures", now) }
        return record.account
    }

    /// When the lock from these login events (oldest first) ends, if they lock the account at all.
    static func lockedUntil(events: [(at: Int64, event: String)]) -> Int64? {
        var streak = 0
        var until: Int64?
        for (at, event) in events {
            if event == "login-ok" { streak = 0; until = nil; continue }
            if let end = until, at >= end { streak = 0; until = nil }
            streak += 1
            if streak >= lockoutThreshold && until == nil { until = at + lockoutSeconds }
        }
        return until
    }

    /// Hashes a password or PIN outside any transaction, so no counter waits on scrypt.
    public static func hashSecret(_ secret: String) throws -> String { try PasswordHasher.hash(secret) }

    private func log(_ operatorID: String, _ event: String, _ detail: String, _ now: Int64) throws {
        try writeSecurity { db in
            try db.execute(sql: "INSERT INTO security_log(at, operator, event, detail) VALUES (?, ?, ?, ?)",
                           arguments: [now, operatorID, event, detail])
        }
    }
}
