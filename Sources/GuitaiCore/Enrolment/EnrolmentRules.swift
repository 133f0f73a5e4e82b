/// The enrolment rules of `domain.md`: no duplicates, exclusive pairs, eligibility, contributions, waiting period.
public enum EnrolmentRules {
    /// The youngest age at which a person may join a pension scheme or work (labour law).
    public static let minimumAge = 16

    /// Decides an enrolment request against the person's existing enrolments; refuses with the rule named.
    /// - Parameters:
    ///   - businessDate: the start may be back-dated (to the birth date, or as far as the policy's
    ///     `backdate-limit-days` allows) but not later than this.
    ///   - drawing: pension schemes the person draws a benefit from: they take no new contributions.
    /// - Throws: `impossible-date`, `duplicate-enrolment`, `not-eligible`, `drawing-pension`, `bad-grade`, `backdated-too-far`.
    public static func plan(_ request: EnrolmentRequest, person: Person, existing: [Enrolment],
                            policy: Policy, businessDate: LocalDate, drawing: Set<Scheme> = []) throws(DomainError) -> EnrolmentPlan {
        let from = request.from
        try LifeRules.checkDate(from, of: Bilingual(zh: "参保日期", en: "the enrolment date"), birth: person.id.birthDate,
                                businessDate: businessDate)
        if let limit = policy.backdateLimitDays, from < businessDate.adding(days: -limit.value) {
            throw .refused("backdated-too-far",
                           zh: "参保日期最多追溯\(limit.value)天（\(limit.source)），\(from.iso) 早于 \(businessDate.adding(days: -limit.value).iso)",
                           en: "An enrolment may start at most \(limit.value) days back (\(limit.source)); \(from.iso) is before \(businessDate.adding(days: -limit.value).iso)")
        }
        if drawing.contains(request.scheme) {
            throw .refused("drawing-pension",
                           zh: "此人正在领取\(request.scheme.label.zh)待遇，该险种不再缴费参保",
                           en: "This person draws a benefit from the \(request.scheme.label.en), which takes no new contributions")
        }
        let open = existing.filter { $0.status.isOpen }
        if let same = open.first(where: { $0.scheme == request.scheme }) {
            throw duplicate(same, hint: nil)
        }
        // A back-dated start may not reach into a closed period of the same scheme or of its pair.
        let pair = Set([request.scheme] + (request.scheme.exclusivePartner.map { [$0] } ?? []))
        if let overlapped = existing.first(where: { !$0.status.isOpen && pair.contains($0.scheme) && ($0.to ?? from) >= from }) {
            throw .refused("duplicate-enrolment",
                           zh: "参保日期 \(from.iso) 与已结束的\(overlapped.scheme.label.zh)（\(overlapped.from.iso) 至 \(overlapped.to?.iso ?? "")）重叠",
                           en: "The start \(from.iso) overlaps the closed \(overlapped.scheme.label.en) (\(overlapped.from.iso) to \(overlapped.to?.iso ?? ""))")
        }
        var ends: (Scheme, LocalDate)?
        if let partner = request.scheme.exclusivePartner, let other = open.first(where: { $0.scheme == partner }) {
            guard request.switchPair else {
                throw duplicate(other, hint: Bilingual(zh: "如确需转换险种，请办理转换（柜台按 S，命令行加 --switch）",
                                                       en: "to switch schemes, switch them (S at the desk, --switch on the command line)"))
            }
            let end = from.adding(days: -1)
            guard end >= other.from else {
                throw .refused("bad-date", zh: "转换日期须晚于原\(other.scheme.label.zh)的参保日期 \(other.from.iso)",
                               en: "The switch date must be after the \(other.scheme.label.en) began on \(other.from.iso)")
            }
            ends = (partner, end)
        }
        try checkEligibility(request, person: person, open: open)

        let groups = person.groups(on: from)
        var enrolment = Enrolment(
            scheme: request.scheme, regionCode: request.regionCode ?? person.regionCode, from: from,
            employmentStatus: request.scheme == .employeeMedical ? (request.employmentStatus ?? .inService) : nil,
            employer: request.employer)
        var plan = EnrolmentPlan(enrolment: enrolment, ends: ends)

        switch request.scheme {
        case .residentPension:
            let quote = try pensionQuote(request.grade, groups: groups, rule: policy.pension)
            enrolment.grade = quote.yearly
            enrolment.personalContribution = quote.personal
            plan.contribution = quote
        case .residentMedical:
            plan.contribution = medicalQuote(groups: groups, rule: policy.medicalContribution)
            // A switch from employee medical ends that cover the day before: it counts as the previous end.
            let closed = existing.filter { $0.scheme.isMedical && !$0.status.isOpen }.compactMap(\.to)
            let previousEnd = (closed + [ends?.1].compactMap { $0 }).max()
            let waiting = WaitingPeriod.compute(rule: policy.waitingPeriod, from: from, birth: person.id.birthDate,
                                                groups: groups, previousMedicalEnd: previousEnd)
            enrolment.coverFrom = waiting.coverFrom
            plan.waitingPeriod = waiting
        case .employeePension:
            // Only the person's own contributions come back, not what the government paid on their behalf.
            if let resident = open.first(where: { $0.scheme == .residentPension }), ends != nil,
               let personal = resident.personalContribution ?? resident.grade, personal > .zero {
                let refund = PensionOverlapRefund.compute(residentFrom: resident.from, grade: personal,
                                                          paidThroughYear: from.year, employeeFrom: from)
                if !refund.months.isEmpty { plan.overlapRefund = refund }
            }
        default:
            break
        }
        plan.enrolment = enrolment
        return plan
    }

    private static func duplicate(_ existing: Enrolment, hint: Bilingual?) -> DomainError {
        let zh = "已参加\(existing.scheme.label.zh)（参保地 \(existing.regionCode)，自 \(existing.from.iso) 起，\(existing.status.label.zh)），不能重复参保"
        let en = "Already enrolled in the \(existing.scheme.label.en) (region \(existing.regionCode), since \(existing.from.iso), \(existing.status.label.en)): no duplicate enrolment"
        return .refused("duplicate-enrolment", zh: hint.map { zh + "；" + $0.zh } ?? zh, en: hint.map { en + "; " + $0.en } ?? en)
    }

    private static func notEligible(zh: String, en: String) -> DomainError { .refused("not-eligible", zh: zh, en: en) }

    private static func checkEligibility(_ request: EnrolmentRequest, person: Person, open: [Enrolment]) throws(DomainError) {
        let age = person.age(on: request.from)
        let groups = person.groups(on: request.from)
        let flexible = groups.contains(.flexible) || groups.contains(.platform)
        let scheme = request.scheme
        if scheme != .residentMedical, age < minimumAge {
            throw notEligible(zh: "参加\(scheme.label.zh)须年满\(minimumAge)周岁，此人\(age)岁",
                              en: "The \(scheme.label.en) needs an age of at least \(minimumAge); this person is \(age)")
        }
        switch scheme {
        case .residentPension:
            if person.isStudent {
                throw notEligible(zh: "全日制在校学生不参加城乡居民基本养老保险", en: "Full-time students cannot join the resident pension")
            }
        case .employeePension, .employeeMedical:
            if request.employer == nil && !flexible {
                throw notEligible(zh: "\(scheme.label.zh)须有用人单位（统一社会信用代码），或登记为灵活就业人员",
                                  en: "The \(scheme.label.en) needs an employer (unified social credit code) or flexible-worker status")
            }
        case .unemployment, .workInjury:
            if request.employer == nil {
                throw notEligible(zh: "\(scheme.label.zh)只能通过用人单位参加，请填写统一社会信用代码",
                                  en: "The \(scheme.label.en) is joined through an employer only: give its unified social credit code")
            }
        case .maternity:
            if !open.contains(where: { $0.scheme == .employeeMedical && $0.status == .active }) {
                throw notEligible(zh: "生育保险随职工基本医疗保险参加，此人没有有效的职工医保",
                                  en: "Maternity insurance goes with employee medical insurance, which this person does not have")
            }
        case .residentMedical:
            break
        }
    }

    private static func pensionQuote(_ requested: Money?, groups: Set<SpecialGroup>,
                                     rule: PensionContributionRule) throws(DomainError) -> ContributionQuote {
        let grades = rule.grades
        let grade = requested ?? grades[0]
        guard grades.contains(grade) else {
            let list = grades.map { String($0.fen / 100) }.joined(separator: "、")
            throw .refused("bad-grade", zh: "缴费档次\(grade.plain)元不存在，可选：\(list)元",
                           en: "There is no contribution grade of \(grade.plain) yuan; choose one of \(list)")
        }
        let subsidy = rule.subsidy(for: grade)
        if let group = groups.intersection(rule.paidOnBehalfGroups.value).sorted().first {
            let lowest = grades[0]
            return ContributionQuote(
                yearly: grade, personal: grade - lowest, subsidy: subsidy.value, paidOnBehalf: lowest,
                rule: Bilingual(zh: "\(group.label.zh)：政府代缴最低档\(lowest.plain)元", en: "\(group.label.en): the government pays the lowest grade (\(lowest.plain)) on their behalf"),
                source: rule.paidOnBehalfGroups.source)
        }
        return ContributionQuote(
            yearly: grade, personal: grade, subsidy: subsidy.value, paidOnBehalf: .zero,
            rule: Bilingual(zh: "缴费档次\(grade.plain)元，政府补贴\(subsidy.value.plain)元", en: "grade \(grade.plain), government subsidy \(subsidy.value.plain)"),
            source: subsidy.source)
    }

    private static func medicalQuote(groups: Set<SpecialGroup>, rule: MedicalContributionRule) -> ContributionQuote {
        let standard = rule.individual.value
        let best = groups.compactMap { group in rule.groupAmounts[group].map { (group, $0) } }
            .min { ($0.1.value, $0.0) < ($1.1.value, $1.0) }
        if let (group, amount) = best, amount.value < standard {
            return ContributionQuote(
                yearly: standard, personal: amount.value, subsidy: rule.fiscalSubsidy.value, paidOnBehalf: standard - amount.value,
                rule: Bilingual(zh: "\(group.label.zh)：个人缴费\(amount.value.plain)元，其余资助", en: "\(group.label.en): pays \(amount.value.plain), the rest is paid on their behalf"),
                source: amount.source)
        }
        return ContributionQuote(
            yearly: standard, personal: standard, subsidy: rule.fiscalSubsidy.value, paidOnBehalf: .zero,
            rule: Bilingual(zh: "个人缴费\(standard.plain)元，财政补助\(rule.fiscalSubsidy.value.plain)元", en: "pays \(standard.plain); fiscal subsidy \(rule.fiscalSubsidy.value.plain)"),
            source: rule.individual.source)
    }
}
