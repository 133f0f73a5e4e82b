/// The policies a hall has loaded, and the rule for which one settles a given region and date.
public struct PolicyLibrary: Sendable {
    public let policies: [Policy]
    /// The hall's configured default, for regions no policy serves.
    public let defaultID: String

    public init(policies: [Policy], defaultID: String) {
        self.policies = policies
        self.defaultID = defaultID
    }

    public func policy(id: String) -> Policy? { policies.first { $0.id == id } }

    /// The policy in force for an insured region in a year: among the files not later than that year, the most
    /// specific region prefix, then the latest year. Only when the region has no file that old does a later one of
    /// the region serve (the earliest); with no file for the region at all, the hall default.
    public func select(regionCode: String, year: Int) -> (policy: Policy, isHallDefault: Bool)? {
        let matching = policies.filter { $0.matchLength(for: regionCode) > 0 }
        let inForce = matching.filter { $0.year <= year }
        if let chosen = inForce.max(by: { ($0.matchLength(for: regionCode), $0.year) < ($1.matchLength(for: regionCode), $1.year) }) {
            return (chosen, false)
        }
        if let earliest = matching.min(by: { ($0.year, -$0.matchLength(for: regionCode)) < ($1.year, -$1.matchLength(for: regionCode)) }) {
            return (earliest, false)
        }
        return policy(id: defaultID).map { ($0, true) }
    }
}
