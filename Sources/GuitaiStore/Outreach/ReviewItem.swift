/// Laptop work the hall could not apply as it came: the laptop's version beside the hall's, for a supervisor.
public struct ReviewItem: Sendable, Hashable {
    public var uuid: String
    public var device: String
    /// The laptop's serials the item holds, oldest first.
    public var serials: [String]
    /// `same-person`, `possible-same-person`, `changed-at-hall`, `refused-by-hall`, `waits-for-review`.
    public var reason: String
    /// What the hall's records refused, in SQLite's words, for `refused-by-hall`; empty otherwise.
    public var detail: String
    /// The laptop's rows and the hall's rows they meet (the hall's as it stands at receive).
    public var laptop: [RowImage]
    public var hall: [RowImage]
    /// `open`, `kept-hall`, `kept-laptop`, `kept-both`, `rejected`.
    public var state: String
    public var receivedSerial: String
    public var decidedSerial: String?
    /// The laptop's journal entries, so an item kept later still says what was done.
    public var entries: [JournalEntry]
}
