/// Everything one settlement computed, with each step kept so the slip can explain every figure.
public struct SettlementResult: Hashable, Sendable {
    public var policyID: String
    public var policyTitle: String
    public var bill: Bill
    public var cover: MedicalCover
    public var groups: [SpecialGroup]

    public var total: Money
    public var outOfScope: Money
    public var bPrepay: Money
    public var bPrepayShare: Sourced<Ratio>
    public var inScope: Money

    public var basic: BasicLayer?
    public var criticalIllness: CriticalIllnessLayer?
    public var assistance: AssistanceLayer?
    public var personal: PersonalShare

    /// What this settlement adds to the year-to-date accumulators.
    public var increments: YearToDate

    public var basicPaid: Money { basic?.paid ?? .zero }
    public var criticalIllnessPaid: Money { criticalIllness?.paid ?? .zero }
    public var assistancePaid: Money { assistance?.paid ?? .zero }
}

/// The basic fund's step: deductible, ratio, caps.
public struct BasicLayer: Hashable, Sendable {
    public var row: BasicRowKey
    public var rule: BasicRule
    public var deductible: Money
    public var deductibleUsedBefore: Money
    public var deductibleApplied: Money
    public var ratio: Ratio
    public var raw: Money
    public var cap: Money?
    public var paidBefore: Money
    public var combinedCap: CombinedCap?
    public var combinedUsedBefore: Money
    public var paid: Money

    /// What is left of the row's annual cap after this settlement.
    public var capLeft: Money? { cap.map { ($0 - paidBefore - paid).clampedAtZero } }
    public var combinedLeft: Money? { combinedCap.map { ($0.amount.value - combinedUsedBefore - paid).clampedAtZero } }
}

/// This bill's part of one critical-illness band.
public struct BandShare: Hashable, Sendable {
    public var band: CriticalIllnessBand
    public var ratio: Ratio
    public var overlap: Money
}

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

/// The medical-assistance step for the most favourable group.
public struct AssistanceLayer: Hashable, Sendable {
    public var group: SpecialGroup
    public var ratio: Sourced<Ratio>
    public var base: Money
    public var deductible: Money
    public var deductibleApplied: Money
    public var raw: Money
    public var cap: Sourced<Money>
    public var capIsMajor: Bool
    public var paidBefore: Money
    public var paid: Money

    public var capLeft: Money { (cap.value - paidBefore - paid).clampedAtZero }
}

/// What the patient pays, and why.
public struct PersonalShare: Hashable, Sendable {
    public var outOfScope: Money
    public var bPrepay: Money
    /// In-scope cost no fund covers because the person is not enrolled or still waiting.
    public var notCovered: Money
    public var deductible: Money
    public var coPayment: Money
    public var aboveCaps: Money

    public var total: Money { outOfScope + bPrepay + notCovered + deductible + coPayment + aboveCaps }
}
