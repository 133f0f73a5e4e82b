/// A person's year-to-date settlement accumulators: the sum of what each earlier, unreversed settlement recorded.
public struct YearToDate: Hashable, Sendable {
    /// The annual deductible used so far, per kind of visit, in fen.
    public var annualDeductibleUsed = VisitAmounts()
    /// What the basic fund paid so far, per kind of visit, in fen.
    public var basicPaid = VisitAmounts()
    /// Personal in-scope amounts accumulated towards the critical-illness threshold.
    public var criticalIllnessBase: Money = .zero
    public var criticalIllnessPaid: Money = .zero
    /// Critical-illness payments that count against a combined cap (a tilted person's do not).
    public var criticalIllnessInCombinedCap: Money = .zero
    public var assistancePaid: Money = .zero
    public var assistanceDeductibleUsed: Money = .zero

    public init() {}

    public func deductibleUsed(_ visit: VisitType) -> Money { annualDeductibleUsed[visit] }
    public func basic(_ visit: VisitType) -> Money { basicPaid[visit] }
    public var basicAllVisits: Money { basicPaid.total }

    /// An accumulator below zero or above `limit` (a damaged stored row: the lowest when one is negative, else the
    /// highest), or nil when all are in range. Compares without building a list.
    public func outsideRange(upTo limit: Money) -> Money? {
        let lowest = Money.min(Money.min(Money.min(annualDeductibleUsed.outpatient, annualDeductibleUsed.inpatient),
                                         Money.min(basicPaid.outpatient, basicPaid.inpatient)),
                               Money.min(Money.min(criticalIllnessBase, criticalIllnessPaid),
                                         Money.min(Money.min(criticalIllnessInCombinedCap, assistancePaid), assistanceDeductibleUsed)))
        if lowest < .zero { return lowest }
        let highest = Money.max(Money.max(Money.max(annualDeductibleUsed.outpatient, annualDeductibleUsed.inpatient),
                                          Money.max(basicPaid.outpatient, basicPaid.inpatient)),
                                Money.max(Money.max(criticalIllnessBase, criticalIllnessPaid),
                                          Money.max(Money.max(criticalIllnessInCombinedCap, assistancePaid), assistanceDeductibleUsed)))
        return highest > limit ? highest : nil
    }

    public static func + (a: YearToDate, b: YearToDate) -> YearToDate {
        var sum = YearToDate()
        sum.annualDeductibleUsed = a.annualDeductibleUsed + b.annualDeductibleUsed
        sum.basicPaid = a.basicPaid + b.basicPaid
        sum.criticalIllnessBase = a.criticalIllnessBase + b.criticalIllnessBase
        sum.criticalIllnessPaid = a.criticalIllnessPaid + b.criticalIllnessPaid
        sum.criticalIllnessInCombinedCap = a.criticalIllnessInCombinedCap + b.criticalIllnessInCombinedCap
        sum.assistancePaid = a.assistancePaid + b.assistancePaid
        sum.assistanceDeductibleUsed = a.assistanceDeductibleUsed + b.assistanceDeductibleUsed
        return sum
    }
}
