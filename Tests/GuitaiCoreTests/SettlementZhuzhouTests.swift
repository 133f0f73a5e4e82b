import Testing
import GuitaiCore

/// Settlement on zhuzhou-2020, the preset with combined annual caps (policies.md). Figures in fen, by hand.
/// Resident inpatient level 3: deductible 1,000 yuan per visit, 65%, no row cap; CI threshold 15,000, bands 60/65/70%.
/// A 20,000-yuan level-3 stay therefore has basic raw = (2,000,000 − 100,000) × 65% = 1,235,000.
@Suite("Settlement, zhuzhou-2020")
struct SettlementZhuzhouTests {
    typealias F = Fixtures

    let stay = Fixtures.bill("2020-08-18", .inpatient, .three, Fixtures.item("住院费用", .a, yuan: 20_000))

    func zz(_ bill: Bill, _ cover: MedicalCover, groups: Set<SpecialGroup> = [], ytd: YearToDate) throws -> SettlementResult {
        try settle(bill, cover, groups: groups, policy: F.zhuzhou, ytd: ytd)
    }

    @Test("the resident combined cap of 450,000 limits the basic fund first")
    func combinedCapLimitsBasic() throws {
        // 扎西·平措 this year: basic 392,250 yuan, CI base 100,000 yuan and CI paid 52,750 yuan
        // (above threshold 85,000: 50,000 × 60% + 35,000 × 65% = 52,750): combined used 445,000, left 5,000 yuan
        let history = ytd(basicPaid: [.inpatient: 39_225_000], ciBase: 10_000_000, ciPaid: 5_275_000)
        let r = try zz(stay, F.zhuzhouResident, ytd: history)
        // raw 1,235,000; combined left 45,000,000 − 39,225,000 − 5,275,000 = 500,000 → basic 500,000
        #expect(r.basic?.raw == F.fen(1_235_000))
        #expect(r.basicPaid == F.fen(500_000))
        #expect(r.basic?.combinedUsedBefore == F.fen(44_500_000))
        #expect(r.basic?.combinedLeft == .zero)
        // personal in scope 2,000,000 − 500,000 = 1,500,000; above threshold [8,500,000, 10,000,000] in band 2:
        // raw = 1,500,000 × 65% = 975,000, but nothing is left of the combined cap → CI 0
        #expect(r.criticalIllness?.raw == F.fen(975_000))
        #expect(r.criticalIllnessPaid == .zero)
        // personal = 2,000,000 − 500,000 = 1,500,000
        #expect(r.personal.total == F.fen(1_500_000))
    }

    @Test("the resident combined cap then limits critical illness")
    func combinedCapLimitsCriticalIllness() throws {
        // basic 380,000 yuan + CI 52,750 yuan this year: combined left 450,000 − 432,750 = 17,250 yuan
        let history = ytd(basicPaid: [.inpatient: 38_000_000], ciBase: 10_000_000, ciPaid: 5_275_000)
        let r = try zz(stay, F.zhuzhouResident, ytd: history)
        // basic raw 1,235,000 ≤ 1,725,000 left → 1,235,000
        #expect(r.basicPaid == F.fen(1_235_000))
        // personal in scope 765,000; above threshold [8,500,000, 9,265,000] in band 2: raw = 765,000 × 65% = 497,250
        #expect(r.criticalIllness?.raw == F.fen(497_250))
        // combined left for CI = 45,000,000 − 38,000,000 − 1,235,000 − 5,275,000 = 490,000 → CI 490,000
        #expect(r.criticalIllness?.combinedLeftBefore == F.fen(490_000))
        #expect(r.criticalIllnessPaid == F.fen(490_000))
        // personal = 2,000,000 − 1,235,000 − 490,000 = 275,000
        #expect(r.personal.total == F.fen(275_000))

        // The next stay finds the combined cap used up: neither layer pays.
        let next = try zz(stay, F.zhuzhouResident, ytd: history + r.increments)
        #expect(next.basicPaid == .zero)
        #expect(next.criticalIllnessPaid == .zero)
        #expect(next.personal.total == F.fen(2_000_000))
    }

    @Test("the combined cap counts basic payments of every visit type")
    func combinedCapCountsOutpatient() throws {
        // 440,000 yuan inpatient + 500 yuan outpatient + 5,000 yuan CI = 445,500; left 4,500 yuan
        let history = ytd(basicPaid: [.inpatient: 44_000_000, .outpatient: 50_000], ciBase: 2_500_000, ciPaid: 500_000)
        let r = try zz(stay, F.zhuzhouResident, ytd: history)
        // left 45,000,000 − 44,050,000 − 500,000 = 450,000 → basic 450,000
        #expect(r.basicPaid == F.fen(450_000))
    }

    @Test("a tilted person: the combined cap limits basic alone; CI neither counts nor is limited")
    func tiltedWithCombinedCap() throws {
        // 卓玛, dibao: basic 440,000 yuan this year; her tilted CI payments (60,000 yuan) do not count against the cap
        let history = ytd(basicPaid: [.inpatient: 44_000_000], ciBase: 10_000_000, ciPaid: 6_000_000, ciInCombinedCap: 0)
        let r = try zz(stay, F.zhuzhouResident, groups: [.dibao], ytd: history)
        // combined left for basic = 45,000,000 − 44,000,000 = 1,000,000 → basic min(1,235,000, 1,000,000) = 1,000,000
        #expect(r.basicPaid == F.fen(1_000_000))
        // tilted threshold 1,500,000 × 50% = 750,000; personal in scope 1,000,000; P0 10,000,000 → P1 11,000,000
        // above threshold [9,250,000, 10,250,000]: band 2 750,000 × (65 + 5)% = 525,000; band 3 250,000 × (70 + 5)% = 187,500
        #expect(r.criticalIllness?.threshold == F.fen(750_000))
        #expect(r.criticalIllness?.bands.map(\.overlap) == [F.fen(750_000), F.fen(250_000)])
        // CI 712,500, paid in full although basic + CI exceed 450,000 yuan
        #expect(r.criticalIllnessPaid == F.fen(712_500))
        #expect(r.increments.criticalIllnessInCombinedCap == .zero)
        // assistance dibao 70%: (2,000,000 − 1,000,000 − 712,500) = 287,500 × 70% = 201,250
        #expect(r.assistancePaid == F.fen(201_250))
        // personal = 287,500 − 201,250 = 86,250
        #expect(r.personal.total == F.fen(86_250))

        // Next stay: basic has reached the cap (450,000 yuan), CI still pays.
        let next = try zz(stay, F.zhuzhouResident, groups: [.dibao], ytd: history + r.increments)
        #expect(next.basicPaid == .zero)
        // personal in scope 2,000,000; above threshold [10,250,000, 12,250,000] all in band 3 at 75% = 1,500,000
        #expect(next.criticalIllnessPaid == F.fen(1_500_000))
        // assistance (2,000,000 − 1,500,000) × 70% = 350,000; personal 150,000
        #expect(next.assistancePaid == F.fen(350_000))
        #expect(next.personal.total == F.fen(150_000))
    }

    @Test("the same history without the tilt: CI counts and the cap stops both layers")
    func untiltedWithSameHistory() throws {
        // basic 440,000 + CI 60,000 yuan counted = 500,000 ≥ 450,000
        let history = ytd(basicPaid: [.inpatient: 44_000_000], ciBase: 10_000_000, ciPaid: 6_000_000)
        let r = try zz(stay, F.zhuzhouResident, ytd: history)
        #expect(r.basicPaid == .zero)
        // CI raw: threshold 1,500,000, above [8,500,000, 10,500,000]: 1,500,000 × 65% + 500,000 × 70% = 1,325,000; cap left 0
        #expect(r.criticalIllness?.raw == F.fen(1_325_000))
        #expect(r.criticalIllnessPaid == .zero)
        #expect(r.personal.total == F.fen(2_000_000))
    }

    @Test("the employee combined cap of 400,000 counts basic payments only")
    func employeeCombinedCap() throws {
        // 次仁, employee in service: 390,000 yuan inpatient + 5,000 outpatient basic this year → left 5,000 yuan.
        // Earlier in the year, as a resident, 3,000 yuan of CI was paid: it does not count against the employee cap.
        let history = ytd(basicPaid: [.inpatient: 39_000_000, .outpatient: 500_000], ciPaid: 300_000)
        let r = try zz(stay, F.zhuzhouEmployee, ytd: history)
        // raw = (2,000,000 − 100,000) × 85% = 1,615,000; left 40,000,000 − 39,500,000 = 500,000 → basic 500,000
        #expect(r.basic?.raw == F.fen(1_615_000))
        #expect(r.basicPaid == F.fen(500_000))
        #expect(r.criticalIllness == nil)
        // personal 1,500,000
        #expect(r.personal.total == F.fen(1_500_000))
    }

    @Test("inpatient rows have no separate annual cap: only the combined cap limits them")
    func noRowCapForInpatients() throws {
        // resident: 260,000 yuan inpatient basic already (over xizang's 250,000 row cap), CI 52,750
        let residentHistory = ytd(basicPaid: [.inpatient: 26_000_000], ciBase: 10_000_000, ciPaid: 5_275_000)
        let resident = try zz(stay, F.zhuzhouResident, ytd: residentHistory)
        #expect(resident.basic?.cap == nil)
        // combined left 45,000,000 − 26,000,000 − 5,275,000 = 13,725,000 → basic 1,235,000 in full
        #expect(resident.basicPaid == F.fen(1_235_000))
        // CI: personal in scope 765,000 in band 2 × 65% = 497,250; combined left 12,490,000 → in full
        #expect(resident.criticalIllnessPaid == F.fen(497_250))
        // personal = 2,000,000 − 1,235,000 − 497,250 = 267,750
        #expect(resident.personal.total == F.fen(267_750))

        // employee in service: 350,000 yuan inpatient already (over xizang's 300,000) → left 5,000,000
        let employee = try zz(stay, F.zhuzhouEmployee, ytd: ytd(basicPaid: [.inpatient: 35_000_000]))
        #expect(employee.basic?.cap == nil)
        // (2,000,000 − 100,000) × 85% = 1,615,000 in full; personal 385,000
        #expect(employee.basicPaid == F.fen(1_615_000))
        #expect(employee.personal.total == F.fen(385_000))
    }

    @Test("zhuzhou's threshold is 15,000: a stay under it gets no CI where xizang's 10,000 would pay")
    func zhuzhouThreshold() throws {
        // level 3: personal in scope = 2,000,000 − 1,235,000 = 765,000; first stay: P1 = 765,000 < 1,500,000 → CI 0
        let r = try zz(stay, F.zhuzhouResident, ytd: YearToDate())
        #expect(r.criticalIllness?.threshold == F.fen(1_500_000))
        #expect(r.criticalIllnessPaid == .zero)
        // a second identical stay: P0 765,000 → P1 1,530,000; above threshold [0, 30,000] × 60% = 18,000
        let second = try zz(stay, F.zhuzhouResident, ytd: YearToDate() + r.increments)
        #expect(second.criticalIllnessPaid == F.fen(18_000))
    }

    @Test("zhuzhou outpatient rows are xizang's: resident outpatient cap 500")
    func inheritedOutpatientRow() throws {
        let r = try zz(F.bill("2020-03-03", .outpatient, .one, F.item("门诊费", .a, yuan: 1_000)), F.zhuzhouResident, ytd: YearToDate())
        // 100,000 × 60% = 60,000, capped at 50,000
        #expect(r.basicPaid == F.fen(50_000))
    }
}
