import GuitaiCore

/// An operator account as stored: the public part, the password hash and whether it is disabled.
struct OperatorRecord: Sendable {
    var account: Operator
    var passwordHash: String
    var disabled: Bool
}
