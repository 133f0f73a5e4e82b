/// A row of a projected table as a bundle carries it: its table, its key as the journal notes it, and its columns
/// (nil for a row the laptop deleted).
public struct RowImage: Codable, Hashable, Sendable {
    public var table: String
    public var key: String
    public var values: [String: RowValue]?

    /// The people the row is about (`persons` by its key, every other row by its `person_uuid`): rows about one person
    /// travel together through review.
    public var personUUID: String? {
        if table == "persons" { return key }
        return values?["person_uuid"]?.string
    }
}
