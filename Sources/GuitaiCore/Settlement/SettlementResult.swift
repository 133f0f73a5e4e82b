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

