/// The outreach campaign's figures, as provinces report them: venues by kind, events, people, leaflets, and the
/// transactions done at events by kind.
public struct ActivityReport: Sendable {
    public var venues: Int
    public var venuesByKind: [(kind: String, count: Int)]
    public var events: Int
    public var participants: Int
    public var leaflets: Int
    public var transactionsByKind: [(kind: String, count: Int)]
}
