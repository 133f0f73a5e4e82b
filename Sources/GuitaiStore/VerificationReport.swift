import GuitaiCore

/// What `verify` found.
public struct VerificationReport: Sendable {
    public var transactions: Int
    public var problems: [String]
    public var ok: Bool { problems.isEmpty }
}
