import GuitaiCore

/// A physical card as stored.
public struct CardRecord: Hashable, Sendable {
    public var uuid: String
    public var card: PhysicalCard
    public var replacedBy: String?
}
