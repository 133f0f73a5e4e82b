/// The basic medical fund's rule for one row: deductible, payment ratio by hospital level, annual cap.
public struct BasicRule: Sendable, Hashable {
    public var scope: Sourced<DeductibleScope>
    /// Deductible by hospital level (index 0 is level 1).
    public var deductible: Sourced<[Money]>
    public var ratio: Sourced<[Ratio]>
    /// Annual cap for this scheme and visit type; nil when the policy sets none (Zhuzhou's inpatient rows).
    public var cap: Sourced<Money?>

    public init(scope: Sourced<DeductibleScope>, deductible: Sourced<[Money]>, ratio: Sourced<[Ratio]>, cap: Sourced<Money?>) {
        self.scope = scope
        self.deductible = deductible
        self.ratio = ratio
        self.cap = cap
    }

    public func deductible(at level: HospitalLevel) -> Money { deductible.value[level.rawValue - 1] }
    public func ratio(at level: HospitalLevel) -> Ratio { ratio.value[level.rawValue - 1] }
}
