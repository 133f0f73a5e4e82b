import GuitaiCore

/// An operator account as stored: the public part and the password hash.
struct OperatorRecord: Sendable {
    var account: Operator
    var passwordHash: String
}
