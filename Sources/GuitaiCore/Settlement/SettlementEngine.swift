/// The one-stop, three-layer settlement of `settlement.md`: basic fund, critical illness, assistance, personal share.
public enum SettlementEngine {
    /// Settles a bill on a person's year-to-date history. Pure: records nothing.
    public static func settle(_ bill: Bill, cover: MedicalCover, groups: Set<SpecialGroup>, policy: Policy,
                              yearToDate ytd: YearToDate) throws(DomainError) -> SettlementResult {
        if let problem = bill.validate() { throw problem }
        // Bounded inputs keep every figure below; a damaged accumulator must not reach arithmetic that saturates.
        if let beyond = ytd.outsideRange(upTo: Money.maximumComputed) {
            throw .refused("amount-out-of-range", zh: "此人本年度累计金额 \(beyond.grouped) 超出可结算范围，请核对库中的结算记录",
                           en: "This person's year-to-date figure \(beyond.grouped) is beyond what can be settled: check the stored settlements")
        }

        // One pass over the items; `validate` bounded their count and amounts, so these sums stay far inside 64 bits.
        var total = Money.zero, outOfScope = Money.zero, bItems = Money.zero
        for item in bill.items {
            total = total + item.amount
            if item.category == .c { outOfScope = outOfScope + item.amount } else if item.category == .b { bItems = bItems + item.amount }
        }
        let bPrepay = bItems.applying(policy.bPrepayShare.value)
        let inScope = total - outOfScope - bPrepay

        var result = SettlementResult(
            policyID: policy.id, policyTitle: policy.title, bill: bill, cover: cover, groups: groups.sorted(),
            total: total, outOfScope: outOfScope, bPrepay: bPrepay, bPrepayShare: policy.bPrepayShare, inScope: inScope,
            basic: nil, criticalIllness: nil, assistance: nil,
            personal: PersonalShare(outOfScope: outOfScope, bPrepay: bPrepay, notCovered: inScope, deductible: .zero,
                                    coPayment: .zero, aboveCaps: .zero),
            increments: YearToDate())

        guard case .covered(let scheme, let status, _) = cover else { return result }

        let basic = try basicLayer(bill, scheme: scheme, status: status, inScope: inScope, groups: groups, policy: policy, ytd: ytd)
        result.basic = basic
        result.increments.basicPaid[bill.visit] = basic.paid
        if basic.rule.scope.value == .annual { result.increments.annualDeductibleUsed[bill.visit] = basic.deductibleApplied }

        if let rule = policy.criticalIllness, rule.applies(to: scheme, visit: bill.visit) {
            let layer = criticalIllnessLayer(rule, personalInScope: inScope - basic.paid, basicNow: basic.paid,
                                             combined: policy.combinedCaps[scheme], groups: groups, ytd: ytd)
            result.criticalIllness = layer
            result.increments.criticalIllnessBase = inScope - basic.paid
            result.increments.criticalIllnessPaid = layer.paid
            result.increments.criticalIllnessInCombinedCap = layer.tilted ? .zero : layer.paid
        }

        let ci = result.criticalIllnessPaid
        if let group = policy.assistance.bestGroup(among: groups) {
            let layer = assistanceLayer(policy.assistance, group: group, base: inScope - basic.paid - ci, major: bill.major, ytd: ytd)
            result.assistance = layer
            result.increments.assistancePaid = layer.paid
            result.increments.assistanceDeductibleUsed = layer.deductibleApplied
        }

        result.personal = personalShare(result)
        try checkInvariants(result)
        return result
    }

    private static func basicLayer(_ bill: Bill, scheme: Scheme, status: EmploymentStatus?, inScope: Money,
                                   groups: Set<SpecialGroup>, policy: Policy, ytd: YearToDate) throws(DomainError) -> BasicLayer {
        let key = BasicRowKey(scheme: scheme, visit: bill.visit, status: scheme == .employeeMedical ? (status ?? .inService) : nil)
        guard let rule = policy.basicRule(for: key) else {
            throw .refused("policy-missing-row", zh: "政策 \(policy.id) 没有「\(key)」的基本医保参数",
                           en: "Policy \(policy.id) has no basic-fund row for \(key)")
        }
        let deductible = rule.deductible(at: bill.level)
        let usedBefore = rule.scope.value == .annual ? ytd.deductibleUsed(bill.visit) : .zero
        let applied = Money.min(inScope, (deductible - usedBefore).clampedAtZero)
        let ratio = rule.ratio(at: bill.level)
        let raw = (inScope - applied).applying(ratio)
        var paid = raw
        let paidBefore = ytd.basic(bill.visit)
        if let cap = rule.cap.value { paid = Money.min(paid, (cap - paidBefore).clampedAtZero) }
        let combined = policy.combinedCaps[scheme]
        var combinedUsed = Money.zero
        if let combined {
            let tilted = !(policy.criticalIllness?.tiltedGroups.value.isDisjoint(with: groups) ?? true)
            combinedUsed = ytd.basicAllVisits + (combined.includesCriticalIllness && !tilted ? ytd.criticalIllnessInCombinedCap : .zero)
            paid = Money.min(paid, (combined.amount.value - combinedUsed).clampedAtZero)
        }
        return BasicLayer(row: key, rule: rule, deductible: deductible, deductibleUsedBefore: usedBefore,
                          deductibleApplied: applied, ratio: ratio, raw: raw, cap: rule.cap.value, paidBefore: paidBefore,
                          combinedCap: combined, combinedUsedBefore: combinedUsed, paid: paid)
    }

    private static func criticalIllnessLayer(_ rule: CriticalIllnessRule, personalInScope: Money, basicNow: Money,
                                             combined: CombinedCap?, groups: Set<SpecialGroup>, ytd: YearToDate) -> CriticalIllnessLayer {
        let tilted = !rule.tiltedGroups.value.isDisjoint(with: groups)
        let threshold = tilted ? rule.threshold.value.applying(rule.tiltedThresholdShare.value) : rule.threshold.value
        let before = ytd.criticalIllnessBase
        let after = before + personalInScope
        let low = (before - threshold).clampedAtZero, high = (after - threshold).clampedAtZero
        var shares: [BandShare] = []
        var exact: Int64 = 0
        for band in rule.bands.value {
            let ratio = tilted ? band.ratio + rule.tiltedRatioBonus.value : band.ratio
            let overlap = band.overlap(from: low, to: high)
            if overlap > .zero {
                shares.append(BandShare(band: band, ratio: ratio, overlap: overlap))
                exact = Money.saturating(exact.addingReportingOverflow(Ratio.product(overlap, ratio)), sign: 1)
            }
        }
        let raw = Money(fen: Ratio.roundHalfUp(fenBasisPoints: exact))
        var paid = raw
        let cap = tilted ? rule.tiltedCap.value : rule.cap.value
        if let cap { paid = Money.min(paid, (cap - ytd.criticalIllnessPaid).clampedAtZero) }
        var combinedLeft: Money?
        if let combined, combined.includesCriticalIllness, !tilted {
            let left = (combined.amount.value - ytd.basicAllVisits - basicNow - ytd.criticalIllnessInCombinedCap).clampedAtZero
            combinedLeft = left
            paid = Money.min(paid, left)
        }
        return CriticalIllnessLayer(rule: rule, tilted: tilted, threshold: threshold, baseBefore: before, baseAfter: after,
                                    bands: shares, raw: raw, cap: cap, paidBefore: ytd.criticalIllnessPaid,
                                    combinedLeftBefore: combinedLeft, paid: paid)
    }

    private static func assistanceLayer(_ rule: AssistanceRule, group: SpecialGroup, base: Money, major: Bool,
                                        ytd: YearToDate) -> AssistanceLayer {
        let deductible = rule.deductible(for: group)
        let applied = Money.min(base, (deductible - ytd.assistanceDeductibleUsed).clampedAtZero)
        // `bestGroup` chose among the groups with a ratio.
        let ratio = rule.ratios[group] ?? Sourced(.zero, source: "none")
        let raw = (base - applied).applying(ratio.value)
        let cap = major ? rule.majorCap : rule.cap
        let paid = Money.min(raw, (cap.value - ytd.assistancePaid).clampedAtZero)
        return AssistanceLayer(group: group, ratio: ratio, base: base, deductible: deductible, deductibleApplied: applied,
                               raw: raw, cap: cap, capIsMajor: major, paidBefore: ytd.assistancePaid, paid: paid)
    }

    /// Splits what is left to the patient: out of scope, B pre-pay, then inside scope the deductible first,
    /// what caps cut off next, and the co-payment last.
    private static func personalShare(_ r: SettlementResult) -> PersonalShare {
        var left = r.inScope - r.basicPaid - r.criticalIllnessPaid - r.assistancePaid
        let deductible = Money.min(left, r.basic?.deductibleApplied ?? .zero)
        left = left - deductible
        let cut = (r.basic.map { $0.raw - $0.paid } ?? .zero) + (r.criticalIllness.map { $0.raw - $0.paid } ?? .zero)
            + (r.assistance.map { $0.raw - $0.paid } ?? .zero)
        let aboveCaps = Money.min(left, cut)
        return PersonalShare(outOfScope: r.outOfScope, bPrepay: r.bPrepay, notCovered: .zero, deductible: deductible,
                             coPayment: left - aboveCaps, aboveCaps: aboveCaps)
    }

    private static func checkInvariants(_ r: SettlementResult) throws(DomainError) {
        let p = r.personal
        guard r.basicPaid >= .zero, r.criticalIllnessPaid >= .zero, r.assistancePaid >= .zero, p.total >= .zero,
              r.basicPaid + r.criticalIllnessPaid + r.assistancePaid + p.total == r.total,
              p.deductible >= .zero, p.coPayment >= .zero, p.aboveCaps >= .zero else {
            throw DomainError(.failure, code: "settlement-invariant",
                              zh: "结算结果各部分之和与总额不符，已拒绝记录，请报告此问题",
                              en: "The settlement's parts do not add up to the total; nothing was recorded. Please report this")
        }
    }
}
