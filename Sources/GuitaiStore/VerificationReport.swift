import GuitaiCore

/// What `verify` found: how many transactions the journal holds, and every problem.
public struct VerificationReport: Sendable {
    public var transactions: Int
    public var problems: [VerificationProblem]
    public var ok: Bool { problems.isEmpty }
}
