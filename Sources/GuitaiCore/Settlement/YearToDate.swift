/// A person's year-to-date settlement accumulators: the sum of what each earlier, unreversed settlement recorded.
public struct YearToDate: Hashable, Sendable {
    public var annualDeductibleUsed: [VisitType: Money] = [:]
    public var basicPaid: [VisitType: Money] = [:]
    /// Personal in-scope amounts accumulated towards the critical-illness threshold.
    public var criticalIllnessBase: Money = .zero
    public var criticalIllnessPaid: Money = .zero
    /// Critical-illness payments that count against a combined cap (a tilted person's do not).
    public var criticalIllnessInCombinedCap: Money = .zero
    public var assistancePaid: Money = .zero
    public var assistanceDeductibleUsed: Money = .zero

    public init() {}

    public func deductibleUsed(_ visit: VisitType) -> Money { annualDeductibleUsed[visit] ?? .zero }
    public func basic(_ visit: VisitType) -> Money { basicPaid[visit] ?? .zero }
    public var basicAllVisits: Money { basicPaid.values.sum() }

    /// Every accumulator, for bounds checks.
    public var all: [Money] {
        Array(annualDeductibleUsed.values) + Array(basicPaid.values)
            + [criticalIllnessBase, criticalIllnessPaid, criticalIllnessInCombinedCap, assistancePaid, assistanceDeductibleUsed]
    }

    public static func + (a: YearToDate, b: YearToDate) -> YearToDate {
        var sum = YearToDate()
        for visit in VisitType.allCases {
            sum.annualDeductibleUsed[visit] = a.deductibleUsed(visit) + b.deductibleUsed(visit)
            sum.basicPaid[visit] = a.basic(visit) + b.basic(visit)
        }
        sum.criticalIllnessBase = a.criticalIllnessBase + b.criticalIllnessBase
        sum.criticalIllnessPaid = a.criticalIllnessPaid + b.criticalIllnessPaid
        sum.criticalIllnessInCombinedCap = a.criticalIllnessInCombinedCap + b.criticalIllnessInCombinedCap
        sum.assistancePaid = a.assistancePaid + b.assistancePaid
        sum.assistanceDeductibleUsed = a.assistanceDeductibleUsed + b.assistanceDeductibleUsed
        return sum
    }
}
