/// A laptop's journal entry travels home as it is, every hashed field with it, so the hall checks the laptop's chain
/// link by link (`isIntact(after:)`) before it believes a row.
extension JournalEntry {
    /// The entry's noted changes to the tables that travel home (`Outreach.travellingTables`).
    var travellingChanges: [Projection.Change] {
        changes.split(separator: "\n").compactMap { Projection.Change(line: $0) }.filter { Outreach.travelling.contains($0.table) }
    }
}
