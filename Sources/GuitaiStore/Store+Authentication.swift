import GRDB
import GuitaiCore

extension Store {
    /// Consecutive failed logins that lock an account.
    public static let lockoutThreshold = 5
    /// How long a locked account stays locked, in seconds.
    public static let lockoutSeconds: Int64 = 15 * 60

    /// Checks an operator's password. Failures go to the security log (even though the command fails), and
    /// after `lockoutThreshold` failures in a row the account refuses every password for `lockoutSeconds`.
    public func authenticate(operatorID: String, password: String, now: Int64) throws -> Operator {
        let refused = DomainError(.permission, code: "authentication-failed",
                                  zh: "操作员编号或密码不正确", en: "Wrong operator id or password")
        let (record, recent) = try read { tx in
            (try tx.operatorRecord(id: operatorID),
             try Row.fetchAll(tx.db, sql: "SELECT at, event FROM security_log WHERE operator = ? AND event != 'locked' ORDER BY seq DESC LIMIT ?",
                              arguments: [operatorID, Store.lockoutThreshold]).map { ($0["at"] as Int64, $0["event"] as String) })
        }
        // Refusals while locked are logged but do not extend the lock.
        let failures = recent.prefix { $0.1 == "login-failed" }
        if failures.count >= Store.lockoutThreshold, let last = failures.first, now - last.0 < Store.lockoutSeconds {
            try log(operatorID, "locked", "refused while locked", now)
            let minutes = (Store.lockoutSeconds - (now - last.0) + 59) / 60
            throw DomainError(.permission, code: "account-locked",
                              zh: "连续\(Store.lockoutThreshold)次密码错误，账号已锁定，请\(minutes)分钟后再试或联系管理员",
                              en: "Locked after \(Store.lockoutThreshold) wrong passwords in a row; try again in \(minutes) minutes or ask an administrator")
        }
        guard let record, PasswordHasher.verify(password, against: record.passwordHash) else {
            try log(operatorID, "login-failed", record == nil ? "unknown operator" : "wrong password", now)
            throw refused
        }
        if !failures.isEmpty { try log(operatorID, "login-ok", "after \(failures.count) failures", now) }
        return record.account
    }

    private func log(_ operatorID: String, _ event: String, _ detail: String, _ now: Int64) throws {
        try writeSecurity { db in
            try db.execute(sql: "INSERT INTO security_log(at, operator, event, detail) VALUES (?, ?, ?, ?)",
                           arguments: [now, operatorID, event, detail])
        }
    }
}
