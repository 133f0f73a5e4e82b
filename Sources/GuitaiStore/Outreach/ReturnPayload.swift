/// What a return bundle carries from a laptop to its hall (inside the seal).
public struct ReturnPayload: Codable, Sendable {
    public var deviceCode: String
    /// The hash the first carried entry follows: the laptop's opening entry.
    public var anchor: String
    /// The laptop's journal since it was opened, oldest first.
    public var entries: [JournalEntry]
    /// Every travelling row those entries changed, as it stands now (nil values for a row deleted).
    public var rows: [RowImage]
}
