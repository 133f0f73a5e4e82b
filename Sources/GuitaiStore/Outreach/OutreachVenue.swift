/// A place the outreach team goes to: a community, village, firm, school or monastery ("四进", and monasteries as
/// Tibet reports them).
public struct OutreachVenue: Sendable, Hashable {
    public var uuid: String
    public var name: String
    /// `community`, `village`, `firm`, `school`, `monastery`.
    public var kind: String
    public var regionCode: String?

    public init(uuid: String, name: String, kind: String, regionCode: String?) {
        self.uuid = uuid
        self.name = name
        self.kind = kind
        self.regionCode = regionCode
    }
}
