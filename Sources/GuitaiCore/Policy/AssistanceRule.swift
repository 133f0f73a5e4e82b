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
        // The highest ratio, then the lowest deductible, then the first group in order: one pass, nothing built.
        var best: (group: SpecialGroup, ratio: Ratio, deductible: Money)?
        for group in groups {
            guard let ratio = ratios[group]?.value else { continue }
            let deductible = deductible(for: group)
            if let current = best {
                if ratio < current.ratio { continue }
                if ratio == current.ratio {
                    if deductible > current.deductible { continue }
                    if deductible == current.deductible && !(group < current.group) { continue }
                }
            }
            best = (group, ratio, deductible)
        }
        return best?.group
    }

    public func deductible(for group: SpecialGroup) -> Money { deductibles[group]?.value ?? .zero }
}
