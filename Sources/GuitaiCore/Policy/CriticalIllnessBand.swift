/// A band of the year's accumulated personal in-scope amount above the threshold, with its payment ratio.
public struct CriticalIllnessBand: Sendable, Hashable {
    public var lower: Money
    /// nil for the open top band.
    public var upper: Money?
    public var ratio: Ratio

    public init(lower: Money, upper: Money?, ratio: Ratio) {
        self.lower = lower
        self.upper = upper
        self.ratio = ratio
    }

    /// The overlap of `[from, to]` with this band.
    public func overlap(from: Money, to: Money) -> Money {
        let start = Money.max(from, lower)
        let end = upper.map { Money.min(to, $0) } ?? to
        return (end - start).clampedAtZero
    }
}
