/// The outcome of the medical waiting-period rule for one enrolment.
public struct WaitingPeriod: Hashable, Sendable {
    public var months: Int
    public var coverFrom: LocalDate
    public var reason: Bilingual

    /// Applies the rule: outside the collection window, or after a break, cover starts later
    /// (base months plus months per whole year of break); some groups and newborns are exempt.
    public static func compute(rule: WaitingPeriodRule, from: LocalDate, birth: LocalDate, groups: Set<SpecialGroup>,
                               previousMedicalEnd: LocalDate?) -> WaitingPeriod {
        let none = { (why: Bilingual) in WaitingPeriod(months: 0, coverFrom: from, reason: why) }
        guard let start = rule.appliesFrom.value, from >= start else {
            return none(Bilingual(zh: "本政策无待遇等待期", en: "this policy has no waiting period"))
        }
        if birth.wholeYears(until: from) < 1 {
            return none(Bilingual(zh: "新生儿免等待期", en: "newborns have no waiting period"))
        }
        if let exempt = groups.intersection(rule.exemptGroups.value).sorted().first {
            return none(Bilingual(zh: "\(exempt.label.zh)免等待期", en: "no waiting period for \(exempt.label.en)"))
        }
        var breakYears = 0
        var hadBreak = false
        if let end = previousMedicalEnd, end.adding(days: 1) >= from {
            // Cover continues from one scheme to the other (employee to resident medical) without a gap.
            return none(Bilingual(zh: "医保关系连续转入，无等待期", en: "cover continues from the previous medical enrolment: no waiting period"))
        }
        if let end = previousMedicalEnd, end.adding(days: 1) < from {
            hadBreak = true
            breakYears = end.adding(days: 1).wholeYears(until: from)
        }
        let inWindow = rule.isInWindow(from)
        if inWindow && !hadBreak {
            return none(Bilingual(zh: "集中征缴期内参保，无等待期", en: "enrolled inside the collection window: no waiting period"))
        }
        let months = rule.baseMonths.value + breakYears * rule.monthsPerBreakYear.value
        let why = hadBreak
            ? Bilingual(zh: "断保\(breakYears)年后参保：等待期\(rule.baseMonths.value)个月+每年\(rule.monthsPerBreakYear.value)个月",
                        en: "enrolled after a break of \(breakYears) whole years: \(rule.baseMonths.value) months plus \(rule.monthsPerBreakYear.value) per year")
            : Bilingual(zh: "集中征缴期外参保：等待期\(months)个月", en: "enrolled outside the collection window: \(months) months' wait")
        return WaitingPeriod(months: months, coverFrom: from.adding(months: months), reason: why)
    }
}
