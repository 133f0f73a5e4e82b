/// Critical-illness insurance (大病保险): threshold, bands, cap, and the tilt for the poorest groups.
///
/// An immutable class, so that every settlement's result shares the policy's rule rather than copying its sourced
/// texts and lists (the engine's hot path; `docs/benchmarks.md`). Equal when every value and source is.
public final class CriticalIllnessRule: Sendable, Hashable {
    public let schemes: Sourced<Set<Scheme>>
    public let visits: Set<VisitType>
    public let threshold: Sourced<Money>
    public let bands: Sourced<[CriticalIllnessBand]>
    public let cap: Sourced<Money?>
    /// Groups paid with the tilt (一降一升一取消): lower threshold, higher ratios, no cap.
    public let tiltedGroups: Sourced<Set<SpecialGroup>>
    /// The share of the threshold that tilted groups face (50% halves it).
    public let tiltedThresholdShare: Sourced<Ratio>
    public let tiltedRatioBonus: Sourced<Ratio>
    public let tiltedCap: Sourced<Money?>

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

    public static func == (lhs: CriticalIllnessRule, rhs: CriticalIllnessRule) -> Bool {
        lhs.schemes == rhs.schemes && lhs.visits == rhs.visits && lhs.threshold == rhs.threshold && lhs.bands == rhs.bands && lhs.cap == rhs.cap && lhs.tiltedGroups == rhs.tiltedGroups && lhs.tiltedThresholdShare == rhs.tiltedThresholdShare && lhs.tiltedRatioBonus == rhs.tiltedRatioBonus && lhs.tiltedCap == rhs.tiltedCap
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(schemes)
        hasher.combine(visits)
        hasher.combine(threshold)
        hasher.combine(bands)
        hasher.combine(cap)
        hasher.combine(tiltedGroups)
        hasher.combine(tiltedThresholdShare)
        hasher.combine(tiltedRatioBonus)
        hasher.combine(tiltedCap)
    }
}
