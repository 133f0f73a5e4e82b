/// This bill's part of one critical-illness band.
public struct BandShare: Hashable, Sendable {
    public var band: CriticalIllnessBand
    public var ratio: Ratio
    public var overlap: Money
}
