/// The basic fund's step: deductible, ratio, caps.
public struct BasicLayer: Hashable, Sendable {
    public var row: BasicRowKey
    public var rule: BasicRule
    public var deductible: Money
    public var deductibleUsedBefore: Money
    public var deductibleApplied: Money
    public var ratio: Ratio
    public var raw: Money
    public var cap: Money?
    public var paidBefore: Money
    public var combinedCap: CombinedCap?
    public var combinedUsedBefore: Money
    public var paid: Money

    /// What is left of the row's annual cap after this settlement.
    public var capLeft: Money? { cap.map { ($0 - paidBefore - paid).clampedAtZero } }
    public var combinedLeft: Money? { combinedCap.map { ($0.amount.value - combinedUsedBefore - paid).clampedAtZero } }
}
