import GRDB
import GuitaiCore

extension Store {
    /// Consecutive failed logins that lock an account.
    public static let lockoutThreshold = 5
    /// How long a locked account stays locked, in seconds.
    public static let lockoutSeconds: Int64 = 15 * 60

    /// Checks an operator's password. Failures go to the security log (even though the command fails). Five
    /// failures in a row lock the account for `lockoutSeconds` from the fifth; when a lock expires the count starts
    /// again, and a success or an administrator's unlock resets it.
    ///
    /// Exactly one scrypt derivation runs whether the operator exists or not, so the answer takes as long for an
    /// unknown id as for a wrong password. A disabled account is named only to someone who knows its password.
    /// - Parameter recordSuccess: log the login itself (the desk's logins; a command's per-run login is not logged,
    ///   so commands that only read never write).
    /// - Throws: `authentication-failed`, `account-locked`, `account-disabled` (exit 77).
    public func authenticate(operatorID: String, password: String, now: Int64, recordSuccess: Bool = false) throws -> Operator {
        let refused = DomainError(.permission, code: "authentication-failed",
                                  zh: "操作员编号或密码不正确", en: "Wrong operator id or password")
        let (record, label, events) = try read { tx in
            let record = try tx.operatorRecord(id: operatorID)
            let label = SecurityLog.label(for: operatorID, known: record != nil, key: try tx.setting("security.key") ?? hall.deviceID)
            let events = try tx.db.allRows(sql: """
                SELECT at, event FROM security_log WHERE operator = ? AND event != 'locked' ORDER BY seq DESC LIMIT 50
                """, arguments: [label]).map { row in
                let reader = RowReader(row, table: "security_log", keyColumn: "at")
                return (at: try reader.int("at"), event: try reader.text("event"))
            }
            return (record, label, events)
        }
        if let until = Store.lockedUntil(events: events.reversed()), now < until {
            try log(label, "locked", "refused while locked", now)
            let minutes = (until - now + 59) / 60
            throw DomainError(.permission, code: "account-locked",
                              zh: "连续\(Store.lockoutThreshold)次密码错误，账号已锁定，请\(minutes)分钟后再试或联系管理员解锁",
                              en: "Locked after \(Store.lockoutThreshold) wrong passwords in a row; try again in \(minutes) minutes or ask an administrator to unlock it")
        }
        let matches = PasswordHasher.verify(password, against: record?.passwordHash ?? PasswordHasher.decoy)
        guard let record, matches else {
            try log(label, "login-failed", record == nil ? "unknown operator" : "wrong password", now)
            throw refused
        }
        if record.disabled {
            throw DomainError(.permission, code: "account-disabled", zh: "操作员 \(operatorID) 已停用，请联系管理员",
                              en: "Operator \(operatorID) is disabled: ask an administrator")
        }
        if recordSuccess || events.first?.event == "login-failed" {
            try log(label, "login-ok", events.first?.event == "login-failed" ? "after failures" : "desk", now)
        }
        return record.account
    }

    /// When the lock from these login events (oldest first) ends, if they lock the account at all.
    static func lockedUntil(events: [(at: Int64, event: String)]) -> Int64? {
        var streak = 0
        var until: Int64?
        for (at, event) in events {
            if event == "login-ok" || event == "unlocked" { streak = 0; until = nil; continue }
            if let end = until, at >= end { streak = 0; until = nil }
            streak += 1
            if streak >= lockoutThreshold && until == nil { until = at + lockoutSeconds }
        }
        return until
    }

    /// Hashes a password or PIN outside any transaction, so no counter waits on scrypt.
    public static func hashSecret(_ secret: String) throws -> String { try PasswordHasher.hash(secret) }

    /// Logs a login event; a read-only store cannot keep one, and the refusal stands without it.
    private func log(_ label: String, _ event: String, _ detail: String, _ now: Int64) throws {
        guard !isReadOnly else { return }
        try writeSecurity { db in
            try SecurityLog.append(db, at: now, operatorLabel: label, event: event, detail: detail)
        }
    }
}
