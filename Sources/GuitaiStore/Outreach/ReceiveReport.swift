/// What a receive did: entries applied, entries already at the hall, and entries waiting for review, each with why.
public struct ReceiveReport: Sendable {
    public struct Conflict: Sendable, Hashable {
        public var serial: String
        /// `same-person`, `possible-same-person`, `changed-at-hall`, `refused-by-hall`, `waits-for-review`.
        public var reason: String
        /// The review item it waits in.
        public var review: String
    }

    public var device: String
    public var applied: [String]
    public var skipped: [String]
    public var conflicts: [Conflict]
    /// The receive's own serial; nil when the bundle had been received before and nothing was written.
    public var serial: String?
    /// Whether this very bundle (same id and content) had been received before.
    public var repeated: Bool
}
