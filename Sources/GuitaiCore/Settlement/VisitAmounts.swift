/// One amount in fen for each kind of visit (outpatient, inpatient): a year-to-date accumulator held in two fields,
/// so settling a bill builds no dictionary.
public struct VisitAmounts: Hashable, Sendable {
    public var outpatient: Money = .zero
    public var inpatient: Money = .zero

    public init() {}

    public subscript(visit: VisitType) -> Money {
        get { visit == .outpatient ? outpatient : inpatient }
        set { if visit == .outpatient { outpatient = newValue } else { inpatient = newValue } }
    }

    /// Both kinds together, in fen.
    public var total: Money { outpatient + inpatient }

    public static func + (a: VisitAmounts, b: VisitAmounts) -> VisitAmounts {
        var sum = VisitAmounts()
        sum.outpatient = a.outpatient + b.outpatient
        sum.inpatient = a.inpatient + b.inpatient
        return sum
    }
}
