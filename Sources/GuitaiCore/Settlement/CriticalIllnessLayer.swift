/// The critical-illness step: threshold, bands crossed, cap.
public struct CriticalIllnessLayer: Hashable, Sendable {
    public var rule: CriticalIllnessRule
    public var tilted: Bool
    public var threshold: Money
    public var baseBefore: Money
    public var baseAfter: Money
    public var bands: [BandShare]
    public var raw: Money
    public var cap: Money?
    public var paidBefore: Money
    public var combinedLeftBefore: Money?
    public var paid: Money

    public var capLeft: Money? { cap.map { ($0 - paidBefore - paid).clampedAtZero } }
}
