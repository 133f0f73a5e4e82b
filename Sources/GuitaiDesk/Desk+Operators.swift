import GuitaiCore
import GuitaiStore

/// Operator accounts, for the administrator (`cli.md`, `operator list|disable|enable|unlock|reset-password`).
/// Each change is a journaled transaction.
extension Desk {
    /// Every account with its role, whether it is disabled or locked now, and when it was last seen.
    public func listOperators() throws -> [OperatorStanding] {
        try require(.administration)
        return try store.read { try $0.operatorStandings(now: clock.secondsSince1970()) }
    }

    /// Disables or enables an account: a disabled operator cannot log in. An administrator cannot disable their own
    /// account, so a hall is never left without one who can undo it.
    /// - Throws: `operator-not-found` (66), `own-account` and `no-change` (65).
    public func setOperatorDisabled(_ id: String, _ disabled: Bool) throws -> String {
        try require(.administration)
        if disabled && id == account.id {
            throw DomainError.refused("own-account", zh: "不能停用自己的账号", en: "You cannot disable your own account")
        }
        return try store.write(context, kind: disabled ? "operator.disable" : "operator.enable") { tx in
            let standing = try requireOperator(id, tx)
            guard standing.disabled != disabled else {
                throw DomainError.refused("no-change", zh: "操作员 \(id) 已经\(disabled ? "停用" : "启用")",
                                          en: "Operator \(id) is already \(disabled ? "disabled" : "enabled")")
            }
            try tx.setOperatorDisabled(id: id, disabled)
            return ((), ["id": .string(id)])
        }.serial
    }

    /// Lifts a lockout before its 15 minutes are over.
    /// - Throws: `operator-not-found` (66), `not-locked` (65).
    public func unlockOperator(_ id: String) throws -> String {
        try require(.administration)
        let now = clock.secondsSince1970()
        return try store.write(context, kind: "operator.unlock") { tx in
            guard try requireOperator(id, tx).lockedUntil != nil else {
                throw DomainError.refused("not-locked", zh: "操作员 \(id) 没有被锁定", en: "Operator \(id) is not locked")
            }
            try tx.recordUnlock(operatorID: id, at: now, by: account.id)
            return ((), ["id": .string(id)])
        }.serial
    }

    /// Sets a new password (the old one is forgotten) and lifts any lockout.
    /// - Throws: `operator-not-found` (66), `weak-password` (65).
    public func resetOperatorPassword(_ id: String, password: String) throws -> String {
        try require(.administration)
        if let problem = Operator.validatePassword(password) { throw problem }
        let hash = try Store.hashSecret(password)
        let now = clock.secondsSince1970()
        return try store.write(context, kind: "operator.reset-password") { tx in
            let standing = try requireOperator(id, tx)
            try tx.setOperatorPassword(id: id, passwordHash: hash)
            if standing.lockedUntil != nil { try tx.recordUnlock(operatorID: id, at: now, by: account.id) }
            return ((), ["id": .string(id)])
        }.serial
    }

    private func requireOperator(_ id: String, _ tx: StoreTransaction) throws -> OperatorStanding {
        guard let standing = try tx.operatorStandings(now: clock.secondsSince1970()).first(where: { $0.account.id == id }) else {
            throw DomainError.notFound("operator-not-found", zh: "没有操作员 \(StoredText.sanitised(id, as: .counter))",
                                       en: "There is no operator \(StoredText.sanitised(id, as: .counter))")
        }
        return standing
    }
}
