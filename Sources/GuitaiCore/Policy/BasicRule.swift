/// The basic medical fund's rule for one row: deductible, payment ratio by hospital level, annual cap.
///
/// An immutable class, so that every settlement's result shares the policy's rule rather than copying its sourced
/// texts and lists (the engine's hot path; `docs/benchmarks.md`). Equal when every value and source is.
public final class BasicRule: Sendable, Hashable {
    public let scope: Sourced<DeductibleScope>
    /// Deductible by hospital level (index 0 is level 1).
    public let deductible: Sourced<[Money]>
    public let ratio: Sourced<[Ratio]>
    /// Annual cap for this scheme and visit type; nil when the policy sets none (Zhuzhou's inpatient rows).
    public let cap: Sourced<Money?>

    public init(scope: Sourced<DeductibleScope>, deductible: Sourced<[Money]>, ratio: Sourced<[Ratio]>, cap: Sourced<Money?>) {
        self.scope = scope
        self.deductible = deductible
        self.ratio = ratio
        self.cap = cap
    }

    public func deductible(at level: HospitalLevel) -> Money { deductible.value[level.rawValue - 1] }
    public func ratio(at level: HospitalLevel) -> Ratio { ratio.value[level.rawValue - 1] }

    public static func == (lhs: BasicRule, rhs: BasicRule) -> Bool {
        lhs.scope == rhs.scope && lhs.deductible == rhs.deductible && lhs.ratio == rhs.ratio && lhs.cap == rhs.cap
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(scope)
        hasher.combine(deductible)
        hasher.combine(ratio)
        hasher.combine(cap)
    }
}
