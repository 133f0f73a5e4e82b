import GuitaiCore

/// An operator as the administrator's list shows them: role, whether disabled or locked, and when last seen.
public struct OperatorStanding: Hashable, Sendable {
    public var account: Operator
    public var disabled: Bool
    /// When the current lockout ends (seconds since 1970), if the account is locked now.
    public var lockedUntil: Int64?
    /// The latest desk login or journaled transaction of the operator (seconds since 1970).
    public var lastSeen: Int64?
}
