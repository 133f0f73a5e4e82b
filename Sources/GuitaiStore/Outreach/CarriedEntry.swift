/// A laptop's journal entry as a return bundle carries it: every hashed field, so the hall can check the laptop's
/// chain link by link before it believes a row.
public struct CarriedEntry: Codable, Hashable, Sendable {
    public var serial: String
    public var at: Int64
    public var businessDate: String
    public var operatorID: String
    public var counter: String
    public var device: String
    public var kind: String
    public var payload: String
    public var changes: String
    public var securityHead: String
    public var previousHash: String
    public var hash: String

    init(_ entry: JournalEntry) {
        serial = entry.serial
        at = entry.at
        businessDate = entry.businessDate
        operatorID = entry.operatorID
        counter = entry.counter
        device = entry.device
        kind = entry.kind
        payload = entry.payload
        changes = entry.changes
        securityHead = entry.securityHead
        previousHash = entry.previousHash
        hash = entry.hash
    }

    /// Whether the entry's hash is its content's, after `previous`.
    func isIntact(after previous: String) -> Bool {
        previousHash == previous
            && hash == JournalEntry.hash(previous: previous, serial: serial, at: at, businessDate: businessDate, operatorID: operatorID,
                                         counter: counter, device: device, kind: kind, payload: payload, changes: changes,
                                         securityHead: securityHead)
    }

    /// The entry's noted changes to the tables that travel home (`Outreach.travellingTables`).
    var travellingChanges: [Projection.Change] {
        changes.split(separator: "\n").compactMap { Projection.Change(line: $0) }.filter { Outreach.travellingTables.contains($0.table) }
    }
}
