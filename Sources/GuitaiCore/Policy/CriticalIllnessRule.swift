/// Critical-illness insurance (大病保险): threshold, bands, cap, and the tilt for the poorest groups.
public struct CriticalIllnessRule: Sendable, Hashable {
    public var schemes: Sourced<Set<Scheme>>
    public var visits: Set<VisitType>
    public var threshold: Sourced<Money>
    public var bands: Sourced<[CriticalIllnessBand]>
    public var cap: Sourced<Money?>
    /// Groups paid with the tilt (一降一升一取消): lower threshold, higher ratios, no cap.
    public var tiltedGroups: Sourced<Set<SpecialGroup>>
    /// The share of the threshold that tilted groups face (50% halves it).
    public var tiltedThresholdShare: Sourced<Ratio>
    public var tiltedRatioBonus: Sourced<Ratio>
    public var tiltedCap: Sourced<Money?>

    public init(schemes: Sourced<Set<Scheme>>, visits: Set<VisitType>, threshold: Sourced<Money>,
                bands: Sourced<[CriticalIllnessBand]>, cap: Sourced<Money?>, tiltedGroups: Sourced<Set<SpecialGroup>>,
                tiltedThresholdShare: Sourced<Ratio>, tiltedRatioBonus: Sourced<Ratio>, tiltedCap: Sourced<Money?>) {
        self.schemes = schemes
        self.visits = visits
        self.threshold = threshold
        self.bands = bands
        self.cap = cap
        self.tiltedGroups = tiltedGroups
        self.tiltedThresholdShare = tiltedThresholdShare
        self.tiltedRatioBonus = tiltedRatioBonus
        self.tiltedCap = tiltedCap
    }

    public func applies(to scheme: Scheme, visit: VisitType) -> Bool {
        schemes.value.contains(scheme) && visits.contains(visit)
    }
}
