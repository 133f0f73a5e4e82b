/// Medical assistance (医疗救助): ratio and yearly deductible per group, regular and major-illness caps.
public struct AssistanceRule: Sendable, Hashable {
    public var ratios: [SpecialGroup: Sourced<Ratio>]
    public var deductibles: [SpecialGroup: Sourced<Money>]
    public var cap: Sourced<Money>
    public var majorCap: Sourced<Money>

    public init(ratios: [SpecialGroup: Sourced<Ratio>], deductibles: [SpecialGroup: Sourced<Money>],
                cap: Sourced<Money>, majorCap: Sourced<Money>) {
        self.ratios = ratios
        self.deductibles = deductibles
        self.cap = cap
        self.majorCap = majorCap
    }

    /// The most favourable assisted group among a person's groups: highest ratio, then lowest deductible.
    public func bestGroup(among groups: Set<SpecialGroup>) -> SpecialGroup? {
        groups.filter { ratios[$0] != nil }.sorted().max { a, b in
            let ra = ratios[a]?.value ?? .zero, rb = ratios[b]?.value ?? .zero
            if ra != rb { return ra < rb }
            return deductible(for: a) > deductible(for: b)
        }
    }

    public func deductible(for group: SpecialGroup) -> Money { deductibles[group]?.value ?? .zero }
}
