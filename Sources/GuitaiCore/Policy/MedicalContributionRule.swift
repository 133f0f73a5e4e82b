/// What a resident pays a year for resident medical insurance, by group, and the fiscal subsidy.
public struct MedicalContributionRule: Sendable, Hashable {
    public var individual: Sourced<Money>
    public var groupAmounts: [SpecialGroup: Sourced<Money>]
    public var fiscalSubsidy: Sourced<Money>

    public init(individual: Sourced<Money>, groupAmounts: [SpecialGroup: Sourced<Money>], fiscalSubsidy: Sourced<Money>) {
        self.individual = individual
        self.groupAmounts = groupAmounts
        self.fiscalSubsidy = fiscalSubsidy
    }
}
