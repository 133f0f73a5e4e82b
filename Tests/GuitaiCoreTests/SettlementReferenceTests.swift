import PropertyBased
import Testing
import GuitaiCore

/// The engine against a plain second implementation of settlement.md (`SettlementReference`), on thousands of random
/// bills in random years of a random person: every figure of every bill must agree to the fen.
@Suite struct SettlementReferenceTests {
    /// Every preset, and a hall file that sets an assistance deductible (no preset does, so that rule runs here).
    static let policies: [Policy] = {
        var list = Fixtures.presetIDs.compactMap { try? Fixtures.loadPolicy($0) }
        list.append(Fixtures.xizang2025)
        let deductible = """
            [policy]
            id = deductible-2023
            regions = 5402
            year = 2023
            extends = xizang-2023

            [assistance]
            deductible.dibao = 800 | illustrative
            deductible.tekun = 300 | illustrative
            deductible = 500 | illustrative
            """
        if let policy = try? Fixtures.reader.read(deductible, file: "deductible.policy") { list.append(policy) }
        return list
    }()

    static let cover = Gen<Int?>.element(of: Array(0...3)).map { $0 ?? 0 }
    static let item = zip(Gen<String?>.element(of: ["A", "A", "B", "C"]).map { $0 ?? "A" },
                          Gen.int64(in: 1...2_000_000).array(of: 1...3).map { $0.max() ?? 1 })

    /// A year already under way: seven accumulators up to 500,000.00 each, most of them zero (the `shapes` bits pick
    /// which are kept), so caps, combined caps and thresholds are met part-way through a bill.
    static let start = Gen.int64(in: 0...50_000_000).array(of: 7...7)

    @Test func everyFigureAgreesWithTheReferenceOverAYearOfBills() async {
        #expect(Self.policies.count == Fixtures.presetIDs.count + 2)
        await propertyCheck(count: 2500, input: Self.item.array(of: 1...6).array(of: 1...5), Gen.int(in: 0...(Self.policies.count - 1)),
                            Self.cover, Gen.int(in: 0...511), Gen.int(in: 0...1023), Self.start) { bills, policyIndex, coverIndex, groupBits, shapes, start in
            let policy = Self.policies[policyIndex]
            let groups = Set(SpecialGroup.allCases.enumerated().filter { groupBits & (1 << $0.offset) != 0 }.map(\.element))
            let (scheme, status): (Scheme?, EmploymentStatus?) = [(.residentMedical, nil), (.employeeMedical, .inService),
                                                                  (.employeeMedical, .retired), (nil, nil)][coverIndex]
            var history = SettlementReference.History()
            var ytd = YearToDate()
            let kept = start.enumerated().map { shapes & (1 << ($0.offset + 3)) != 0 ? $0.element : 0 }
            if kept.count == 7 {
                let visit: VisitType = shapes % 2 == 0 ? .inpatient : .outpatient
                history.deductibleUsed[visit] = kept[0] / 1_000
                history.basicPaid[visit] = kept[1]
                history.ciBase = kept[2]
                history.ciPaid = kept[3] / 2
                history.ciInCombined = min(history.ciPaid, kept[4])
                history.assistancePaid = kept[5] / 10
                history.assistanceDeductibleUsed = kept[6] / 1_000
                ytd.annualDeductibleUsed[visit] = Money(fen: history.deductibleUsed[visit] ?? 0)
                ytd.basicPaid[visit] = Money(fen: history.basicPaid[visit] ?? 0)
                ytd.criticalIllnessBase = Money(fen: history.ciBase)
                ytd.criticalIllnessPaid = Money(fen: history.ciPaid)
                ytd.criticalIllnessInCombinedCap = Money(fen: history.ciInCombined)
                ytd.assistancePaid = Money(fen: history.assistancePaid)
                ytd.assistanceDeductibleUsed = Money(fen: history.assistanceDeductibleUsed)
            }
            for (index, items) in bills.enumerated() {
                let shape = (shapes >> (index % 4)) &+ index
                let visit: VisitType = shape % 2 == 0 ? .inpatient : .outpatient
                let level = 1 + shape % 3
                let major = shape % 5 == 0
                let expected = SettlementReference.settle(items: items.map { (category: $0.0, fen: $0.1) }, visit: visit, level: level, major: major, scheme: scheme,
                                                          status: status, groups: groups, policy: policy, history: history)
                let bill = Bill(date: Fixtures.day("2023-06-01"), visit: visit, level: HospitalLevel(rawValue: level) ?? .one, major: major,
                                items: items.map { BillItem(name: "项", category: ItemCategory(rawValue: $0.0) ?? .a, amount: Money(fen: $0.1)) })
                let cover: MedicalCover = scheme.map { .covered(scheme: $0, status: status, regionCode: "540102") } ?? .notEnrolled
                do {
                    let result = try SettlementEngine.settle(bill, cover: cover, groups: groups, policy: policy, yearToDate: ytd)
                    let got = [result.total.fen, result.outOfScope.fen, result.bPrepay.fen, result.inScope.fen, result.basicPaid.fen,
                               result.criticalIllnessPaid.fen, result.assistancePaid.fen, result.personal.total.fen,
                               result.personal.outOfScope.fen, result.personal.bPrepay.fen, result.personal.notCovered.fen,
                               result.personal.deductible.fen, result.personal.aboveCaps.fen, result.personal.coPayment.fen]
                    let want = [expected.total, expected.outOfScope, expected.bPrepay, expected.inScope, expected.basic, expected.ci,
                                expected.assistance, expected.personal, expected.outOfScope, expected.bPrepay, expected.notCovered,
                                expected.personalDeductible, expected.personalAboveCaps, expected.personalCoPayment]
                    #expect(got == want, "\(policy.id) bill \(index + 1) of \(bills.count), \(scheme?.rawValue ?? "uninsured"), groups \(groups.map(\.rawValue).sorted())")
                    ytd = ytd + result.increments
                } catch {
                    Issue.record("the engine refused a bill the reference settles: \(error)")
                }
                history = expected.after
            }
        }
    }
}
