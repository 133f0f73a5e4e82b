/// One region's medical and contribution parameters for a year, every number with its source.
public struct Policy: Sendable, Hashable {
    public var id: String
    public var title: String
    /// Division-code prefixes this policy serves (`54` for Tibet, `4302` for Zhuzhou).
    public var regionPrefixes: [String]
    public var year: Int
    public var bPrepayShare: Sourced<Ratio>
    public var basic: [BasicRowKey: BasicRule]
    public var combinedCaps: [Scheme: CombinedCap]
    public var criticalIllness: CriticalIllnessRule?
    public var assistance: AssistanceRule
    public var medicalContribution: MedicalContributionRule
    public var pension: PensionContributionRule
    public var waitingPeriod: WaitingPeriodRule
    /// When each pension scheme starts paying.
    public var pensionAge: PensionAgeRule
    /// How many days before the business date an enrolment may start; nil (the presets) for no limit beyond the
    /// person's birth and the scheme's age rules.
    public var backdateLimitDays: Sourced<Int>?
    /// Parameters shown for information only (an unemployment benefit, a dibao line), with their sources.
    public var notes: [String: Sourced<String>]

    public init(id: String, title: String, regionPrefixes: [String], year: Int, bPrepayShare: Sourced<Ratio>,
                basic: [BasicRowKey: BasicRule], combinedCaps: [Scheme: CombinedCap], criticalIllness: CriticalIllnessRule?,
                assistance: AssistanceRule, medicalContribution: MedicalContributionRule, pension: PensionContributionRule,
                waitingPeriod: WaitingPeriodRule, notes: [String: Sourced<String>],
                pensionAge: PensionAgeRule = .national, backdateLimitDays: Sourced<Int>? = nil) {
        self.id = id
        self.title = title
        self.regionPrefixes = regionPrefixes
        self.year = year
        self.bPrepayShare = bPrepayShare
        self.basic = basic
        self.combinedCaps = combinedCaps
        self.criticalIllness = criticalIllness
        self.assistance = assistance
        self.medicalContribution = medicalContribution
        self.pension = pension
        self.waitingPeriod = waitingPeriod
        self.notes = notes
        self.pensionAge = pensionAge
        self.backdateLimitDays = backdateLimitDays
    }

    /// The basic row for a scheme, visit and status; employee rows fall back to the status-less row.
    public func basicRule(for key: BasicRowKey) -> BasicRule? {
        basic[key] ?? basic[BasicRowKey(scheme: key.scheme, visit: key.visit)]
    }

    /// The longest prefix of this policy matching a division code, for choosing among policies.
    public func matchLength(for regionCode: String) -> Int {
        regionPrefixes.filter { regionCode.hasPrefix($0) }.map(\.count).max() ?? 0
    }
}
