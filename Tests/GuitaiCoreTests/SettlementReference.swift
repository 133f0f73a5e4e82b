import GuitaiCore

/// A second, plain implementation of `settlement.md`, written from the specification in whole fen and basis points
/// without the engine's types or helpers: the tests settle thousands of random bills with both and compare every
/// figure. It reads the policy's parameters; everything it computes it computes itself.
enum SettlementReference {
    struct History: Equatable {
        var deductibleUsed: [VisitType: Int64] = [:]
        var basicPaid: [VisitType: Int64] = [:]
        var ciBase: Int64 = 0
        var ciPaid: Int64 = 0
        /// Critical-illness payments that count against a combined cap (a tilted person's do not).
        var ciInCombined: Int64 = 0
        var assistancePaid: Int64 = 0
        var assistanceDeductibleUsed: Int64 = 0
    }

    struct Outcome: Equatable {
        var total: Int64
        var outOfScope: Int64
        var bPrepay: Int64
        var inScope: Int64
        var basic: Int64
        var ci: Int64
        var assistance: Int64
        var personal: Int64
        /// The personal share inside scope, split as the slip shows it: the basic deductible, what the caps cut off,
        /// the co-payment (what is left); and in-scope cost no fund covers (not enrolled).
        var personalDeductible: Int64 = 0
        var personalAboveCaps: Int64 = 0
        var personalCoPayment: Int64 = 0
        var notCovered: Int64 = 0
        /// The history after this bill, as the next bill of the same year sees it.
        var after: History
    }

    /// `round_half_up(amount × bp / 10000)` for non-negative amounts, as settlement.md writes it.
    static func ratio(_ fen: Int64, _ bp: Int64) -> Int64 { (fen * bp + 5_000) / 10_000 }

    static func settle(items: [(category: String, fen: Int64)], visit: VisitType, level: Int, major: Bool,
                       scheme: Scheme?, status: EmploymentStatus?, groups: Set<SpecialGroup>, policy: Policy,
                       history h: History) -> Outcome {
        // 1. Split the bill.
        let a = items.filter { $0.category == "A" }.reduce(Int64(0)) { $0 + $1.fen }
        let b = items.filter { $0.category == "B" }.reduce(Int64(0)) { $0 + $1.fen }
        let c = items.filter { $0.category == "C" }.reduce(Int64(0)) { $0 + $1.fen }
        let total = a + b + c
        let prepay = ratio(b, policy.bPrepayShare.value.basisPoints)
        let inScope = total - c - prepay
        var outcome = Outcome(total: total, outOfScope: c, bPrepay: prepay, inScope: inScope, basic: 0, ci: 0, assistance: 0,
                              personal: total, notCovered: inScope, after: h)
        guard let scheme else { return outcome }

        // 2. Basic fund: the row for the status, else the row without one.
        let key = BasicRowKey(scheme: scheme, visit: visit, status: scheme == .employeeMedical ? (status ?? .inService) : nil)
        guard let row = policy.basic[key] ?? policy.basic[BasicRowKey(scheme: scheme, visit: visit)] else { return outcome }
        let deductible = row.deductible.value[level - 1].fen
        let applied: Int64
        if row.scope.value == .annual {
            applied = min(inScope, max(0, deductible - (h.deductibleUsed[visit] ?? 0)))
        } else {
            applied = min(inScope, deductible)
        }
        let basicRaw = ratio(inScope - applied, row.ratio.value[level - 1].basisPoints)
        var basic = basicRaw
        if let cap = row.cap.value?.fen { basic = min(basic, max(0, cap - (h.basicPaid[visit] ?? 0))) }
        let ciRule = policy.criticalIllness
        let tilted = !(ciRule?.tiltedGroups.value.isDisjoint(with: groups) ?? true)
        let combined = policy.combinedCaps[scheme]
        let basicAllVisits = h.basicPaid.values.reduce(0, +)
        if let combined {
            let used = basicAllVisits + (combined.includesCriticalIllness && !tilted ? h.ciInCombined : 0)
            basic = min(basic, max(0, combined.amount.value.fen - used))
        }

        var after = h
        if row.scope.value == .annual { after.deductibleUsed[visit, default: 0] += applied }
        after.basicPaid[visit, default: 0] += basic

        // 3. Critical illness, for the schemes and visits the policy lists.
        var ci: Int64 = 0, ciRaw: Int64 = 0
        if let rule = ciRule, rule.schemes.value.contains(scheme), rule.visits.contains(visit) {
            let threshold = tilted ? ratio(rule.threshold.value.fen, rule.tiltedThresholdShare.value.basisPoints) : rule.threshold.value.fen
            let p0 = h.ciBase, p1 = h.ciBase + (inScope - basic)
            let low = max(0, p0 - threshold), high = max(0, p1 - threshold)
            var exact: Int64 = 0
            for band in rule.bands.value {
                let start = max(low, band.lower.fen)
                let end = band.upper.map { min(high, $0.fen) } ?? high
                let bp = band.ratio.basisPoints + (tilted ? rule.tiltedRatioBonus.value.basisPoints : 0)
                if end > start { exact += (end - start) * bp }
            }
            ciRaw = (exact + 5_000) / 10_000
            ci = ciRaw
            if let cap = (tilted ? rule.tiltedCap.value : rule.cap.value)?.fen { ci = min(ci, max(0, cap - h.ciPaid)) }
            if let combined, combined.includesCriticalIllness, !tilted {
                ci = min(ci, max(0, combined.amount.value.fen - basicAllVisits - basic - h.ciInCombined))
            }
            after.ciBase += inScope - basic
            after.ciPaid += ci
            if !tilted { after.ciInCombined += ci }
        }

        // 4. Assistance: the most favourable group (highest ratio, then lowest deductible).
        var assistance: Int64 = 0, assistanceRaw: Int64 = 0
        // A group's annual assistance deductible, 0 where the policy sets none (settlement.md step 4).
        func assistanceDeductible(_ group: SpecialGroup) -> Int64 { policy.assistance.deductibles[group]?.value.fen ?? 0 }
        let assisted = groups.compactMap { group in policy.assistance.ratios[group].map { (group, $0.value.basisPoints) } }
        if let best = assisted.max(by: { x, y in
            x.1 != y.1 ? x.1 < y.1 : assistanceDeductible(x.0) > assistanceDeductible(y.0)
        }) {
            let base = inScope - basic - ci
            let assistanceApplied = min(base, max(0, assistanceDeductible(best.0) - h.assistanceDeductibleUsed))
            assistanceRaw = ratio(base - assistanceApplied, best.1)
            assistance = assistanceRaw
            let cap = (major ? policy.assistance.majorCap : policy.assistance.cap).value.fen
            assistance = min(assistance, max(0, cap - h.assistancePaid))
            after.assistancePaid += assistance
            after.assistanceDeductibleUsed += assistanceApplied
        }

        // 5. What is left is personal.
        outcome.basic = basic
        outcome.ci = ci
        outcome.assistance = assistance
        outcome.personal = total - basic - ci - assistance
        // The in-scope part of it: the basic deductible first, then what the caps cut off, the rest co-payment.
        var left = inScope - basic - ci - assistance
        outcome.notCovered = 0
        outcome.personalDeductible = min(left, applied)
        left -= outcome.personalDeductible
        outcome.personalAboveCaps = min(left, (basicRaw - basic) + (ciRaw - ci) + (assistanceRaw - assistance))
        outcome.personalCoPayment = left - outcome.personalAboveCaps
        outcome.after = after
        return outcome
    }
}
