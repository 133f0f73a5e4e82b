/// One outreach event at a venue on a date: the people who came, the leaflets handed out.
public struct OutreachEvent: Sendable, Hashable {
    public var uuid: String
    public var venue: OutreachVenue
    public var heldOn: String
    public var participants: Int
    public var leaflets: Int
    /// `open` while transactions are being noted at it, `closed` after.
    public var state: String
    /// The transactions done at it.
    public var transactions: Int

    public init(uuid: String, venue: OutreachVenue, heldOn: String, participants: Int, leaflets: Int, state: String, transactions: Int) {
        self.uuid = uuid
        self.venue = venue
        self.heldOn = heldOn
        self.participants = participants
        self.leaflets = leaflets
        self.state = state
        self.transactions = transactions
    }
}
