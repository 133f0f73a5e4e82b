import GuitaiCore
import GuitaiStore

/// What a self-service import did.
public struct SelfServiceImport: Sendable {
    public var serial: String?
    public var certified: [(id: String, date: LocalDate)]
    /// Rows whose result was `fail`: reported, not recorded.
    public var failed: [(id: String, line: Int)]
    /// Rows already on record (the same file imported twice).
    public var alreadyRecorded: Int
}
