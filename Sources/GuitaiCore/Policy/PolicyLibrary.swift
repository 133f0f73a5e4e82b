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

    /// The policy for an insured region in a year: the most specific region prefix, then the latest year
    /// not after the date's (else the earliest year); the hall default when no prefix matches.
    public func select(regionCode: String, year: Int) -> (policy: Policy, isHallDefault: Bool)? {
        let matching = policies.filter { $0.matchLength(for: regionCode) > 0 }
        if let best = matching.map({ $0.matchLength(for: regionCode) }).max() {
            let candidates = matching.filter { $0.matchLength(for: regionCode) == best }
            let chosen = candidates.filter { $0.year <= year }.max { $0.year < $1.year } ?? candidates.min { $0.year < $1.year }!
            return (chosen, false)
        }
        return policy(id: defaultID).map { ($0, true) }
    }
}
