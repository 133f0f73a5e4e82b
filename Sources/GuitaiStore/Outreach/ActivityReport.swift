/// The outreach campaign's figures, as provinces report them: venues by kind, events, people, leaflets, and the
/// transactions done at events by kind.
public struct ActivityReport: Sendable, Hashable {
    public var venues: Int
    public var venuesByKind: [(kind: String, count: Int)]
    public var events: Int
    public var participants: Int
    public var leaflets: Int
    public var transactionsByKind: [(kind: String, count: Int)]

    public static func == (a: ActivityReport, b: ActivityReport) -> Bool {
        a.venues == b.venues && a.events == b.events && a.participants == b.participants && a.leaflets == b.leaflets
            && a.venuesByKind.map { "\($0.kind)=\($0.count)" } == b.venuesByKind.map { "\($0.kind)=\($0.count)" }
            && a.transactionsByKind.map { "\($0.kind)=\($0.count)" } == b.transactionsByKind.map { "\($0.kind)=\($0.count)" }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(venues)
        hasher.combine(events)
        hasher.combine(participants)
    }
}
