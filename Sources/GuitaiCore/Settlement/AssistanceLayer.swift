/// The medical-assistance step for the most favourable group.
public struct AssistanceLayer: Hashable, Sendable {
    public var group: SpecialGroup
    public var ratio: Sourced<Ratio>
    public var base: Money
    public var deductible: Money
    public var deductibleApplied: Money
    public var raw: Money
    public var cap: Sourced<Money>
    public var capIsMajor: Bool
    public var paidBefore: Money
    public var paid: Money

    public var capLeft: Money { (cap.value - paidBefore - paid).clampedAtZero }
}
