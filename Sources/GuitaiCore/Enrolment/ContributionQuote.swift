/// A year's contribution for a resident scheme: who pays what, and which rule decided it.
public struct ContributionQuote: Hashable, Sendable {
    /// The grade or standard amount for the year.
    public var yearly: Money
    /// What the person pays.
    public var personal: Money
    /// The government's subsidy on top of the contribution (pension) or the fiscal subsidy (medical).
    public var subsidy: Money
    /// Paid by the government or medical assistance on the person's behalf (代缴).
    public var paidOnBehalf: Money
    /// The rule that applied, named for the receipt.
    public var rule: Bilingual
    /// Where the rule's figure comes from, as the policy file says (`seed: …`, `national: …`, `illustrative`).
    public var source: String
    /// Whether the figure is illustrative rather than published: shown marked wherever it is shown.
    public var isIllustrative: Bool { source.lowercased().hasPrefix("illustrative") }

    public init(yearly: Money, personal: Money, subsidy: Money, paidOnBehalf: Money, rule: Bilingual, source: String) {
        self.yearly = yearly
        self.personal = personal
        self.subsidy = subsidy
        self.paidOnBehalf = paidOnBehalf
        self.rule = rule
        self.source = source
    }
}
