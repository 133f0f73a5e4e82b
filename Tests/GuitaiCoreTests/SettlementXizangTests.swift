import Testing
import GuitaiCore

/// One-stop settlement (settlement.md) on the reference preset xizang-2023. Every expected figure is in fen and
/// computed by hand from the spec and the preset (policies.md); the arithmetic is in the comment above it.
@Suite("Settlement, xizang-2023")
struct SettlementXizangTests {
    typealias F = Fixtures

    // MARK: splitting the bill

    @Test("B items carry a 10% personal pre-pay; C items are out of scope")
    func bPrepay() throws {
        // 卓玛, resident outpatient, level 1: A 100 + B 200 + C 50 = 350 yuan
        let r = try settle(F.bill("2023-04-03", .outpatient, .one,
                                  F.item("诊查费", .a, yuan: 100), F.item("藏药", .b, yuan: 200), F.item("保健品", .c, yuan: 50)),
                           F.resident)
        // total 35,000 fen
        #expect(r.total == F.fen(35_000))
        // out of scope = ΣC = 5,000
        #expect(r.outOfScope == F.fen(5_000))
        // B pre-pay = 20,000 × 10% = 2,000
        #expect(r.bPrepay == F.fen(2_000))
        // in scope = 35,000 − 5,000 − 2,000 = 28,000
        #expect(r.inScope == F.fen(28_000))
        // resident outpatient: annual deductible 0; basic = 28,000 × 60% = 16,800
        #expect(r.basicPaid == F.fen(16_800))
        // personal = 35,000 − 16,800 = 18,200 = C 5,000 + pre-pay 2,000 + co-payment 11,200
        #expect(r.personal.total == F.fen(18_200))
        #expect(r.personal.outOfScope == F.fen(5_000))
        #expect(r.personal.bPrepay == F.fen(2_000))
        #expect(r.personal.coPayment == F.fen(11_200))
        // outpatient care has no critical-illness layer; no group, no assistance
        #expect(r.criticalIllness == nil)
        #expect(r.assistance == nil)
    }

    @Test("the B pre-pay is rounded half up to the fen")
    func bPrepayRounding() throws {
        let r = try settle(F.bill("2023-04-03", .outpatient, .one, F.item("藏药", .b, fen: 1_235)), F.resident)
        // 1,235 × 10% = 123.5 → 124
        #expect(r.bPrepay == F.fen(124))
        // in scope 1,235 − 124 = 1,111; basic = 1,111 × 60% = 666.6 → 667
        #expect(r.inScope == F.fen(1_111))
        #expect(r.basicPaid == F.fen(667))
        // personal 1,235 − 667 = 568
        #expect(r.personal.total == F.fen(568))
    }

    @Test("an empty bill and an item without an amount are refused")
    func badBills() {
        let empty = Bill(date: F.day("2023-04-03"), visit: .outpatient, level: .one, items: [])
        #expect(refusal { () throws(DomainError) in try SettlementEngine.settle(empty, cover: F.resident, groups: [], policy: F.xizang, yearToDate: YearToDate()) }?.code == "empty-bill")
        let zero = F.bill("2023-04-03", .outpatient, .one, F.item("诊查费", .a, yuan: 10), F.item("挂号费", .a, fen: 0))
        let why = refusal { () throws(DomainError) in try SettlementEngine.settle(zero, cover: F.resident, groups: [], policy: F.xizang, yearToDate: YearToDate()) }
        #expect(why?.code == "bad-bill-item")
        #expect(why?.message.zh.contains("第2项") == true)
    }

    // MARK: basic fund: deductibles

    @Test("the annual outpatient deductible is used up across visits")
    func annualDeductibleAcrossVisits() throws {
        // 次仁, employee medical in service, outpatient level 1: deductible 200 yuan a year, 80%
        let first = try settle(F.bill("2023-03-02", .outpatient, .one, F.item("门诊费", .a, yuan: 150)), F.employeeInService)
        // applied = min(15,000, 20,000 − 0) = 15,000; basic = (15,000 − 15,000) × 80% = 0
        #expect(first.basic?.deductibleApplied == F.fen(15_000))
        #expect(first.basicPaid == .zero)
        #expect(first.personal.deductible == F.fen(15_000))
        #expect(first.increments.annualDeductibleUsed[.outpatient] == F.fen(15_000))

        let ytd1 = YearToDate() + first.increments
        let second = try settle(F.bill("2023-05-18", .outpatient, .one, F.item("门诊费", .a, yuan: 300)), F.employeeInService, ytd: ytd1)
        // deductible left 20,000 − 15,000 = 5,000; applied = min(30,000, 5,000) = 5,000
        #expect(second.basic?.deductibleUsedBefore == F.fen(15_000))
        #expect(second.basic?.deductibleApplied == F.fen(5_000))
        // basic = (30,000 − 5,000) × 80% = 20,000
        #expect(second.basicPaid == F.fen(20_000))
        // personal = 30,000 − 20,000 = 10,000 = deductible 5,000 + co-payment 5,000
        #expect(second.personal.total == F.fen(10_000))
        #expect(second.personal.deductible == F.fen(5_000))
        #expect(second.personal.coPayment == F.fen(5_000))

        let ytd2 = ytd1 + second.increments
        #expect(ytd2.deductibleUsed(.outpatient) == F.fen(20_000))
        let third = try settle(F.bill("2023-08-09", .outpatient, .one, F.item("门诊费", .a, yuan: 100)), F.employeeInService, ytd: ytd2)
        // deductible used up: applied 0; basic = 10,000 × 80% = 8,000
        #expect(third.basic?.deductibleApplied == .zero)
        #expect(third.basicPaid == F.fen(8_000))
    }

    @Test("the resident inpatient deductible is per visit and set by hospital level", arguments: [
        // (10,000 − 100) yuan × 90% = 8,910.00
        (HospitalLevel.one, 10_000 as Int64, 891_000 as Int64),
        // (10,000 − 300) yuan × 80% = 7,760.00
        (.two, 30_000, 776_000),
        // (10,000 − 600) yuan × 70% = 6,580.00
        (.three, 60_000, 658_000),
    ])
    func perVisitDeductibleByLevel(level: HospitalLevel, deductible: Int64, basic: Int64) throws {
        let bill = F.bill("2023-06-20", .inpatient, level, F.item("住院费用", .a, yuan: 10_000))
        let r = try settle(bill, F.resident)
        #expect(r.basic?.deductibleApplied == F.fen(deductible))
        #expect(r.basicPaid == F.fen(basic))
        // per-visit deductibles do not accumulate
        #expect(r.increments.annualDeductibleUsed[.inpatient] == .zero)
        // personal in scope 1,000,000 − basic stays below the critical-illness threshold 1,000,000: no CI
        #expect(r.criticalIllnessPaid == .zero)
        #expect(r.personal.total == F.fen(1_000_000 - basic))

        // A second stay the same year pays the deductible again.
        let again = try settle(bill, F.resident, ytd: YearToDate() + r.increments)
        #expect(again.basic?.deductibleApplied == F.fen(deductible))
        #expect(again.basicPaid == F.fen(basic))
    }

    @Test("the employee inpatient deductible is per visit by level too", arguments: [
        // (10,000 − 300) × 90% = 8,730.00
        (HospitalLevel.one, 873_000 as Int64),
        // (10,000 − 500) × 88% = 8,360.00
        (.two, 836_000),
        // (10,000 − 800) × 85% = 7,820.00
        (.three, 782_000),
    ])
    func employeeInpatientByLevel(level: HospitalLevel, basic: Int64) throws {
        let r = try settle(F.bill("2023-06-20", .inpatient, level, F.item("住院费用", .a, yuan: 10_000)), F.employeeInService)
        #expect(r.basicPaid == F.fen(basic))
        // critical illness applies to resident medical only
        #expect(r.criticalIllness == nil)
    }

    // MARK: basic fund: annual caps per row

    @Test("the resident outpatient fund pays at most 500 yuan a year")
    func residentOutpatientCap() throws {
        // 卓玛, resident outpatient level 1: A 1,000 yuan
        let first = try settle(F.bill("2023-02-14", .outpatient, .one, F.item("门诊费", .a, yuan: 1_000)), F.resident)
        // raw = 100,000 × 60% = 60,000; cap 50,000 − 0 → basic 50,000
        #expect(first.basic?.raw == F.fen(60_000))
        #expect(first.basicPaid == F.fen(50_000))
        #expect(first.basic?.capLeft == .zero)
        // personal 50,000 = co-payment 40,000 + above cap 10,000
        #expect(first.personal.aboveCaps == F.fen(10_000))
        #expect(first.personal.coPayment == F.fen(40_000))

        let second = try settle(F.bill("2023-03-01", .outpatient, .two, F.item("门诊费", .a, yuan: 100)), F.resident,
                                ytd: YearToDate() + first.increments)
        // cap used up: 50,000 − 50,000 = 0 → basic 0; the whole 10,000 is personal
        #expect(second.basicPaid == .zero)
        #expect(second.personal.total == F.fen(10_000))
    }

    @Test("the resident outpatient cap pays what is left of it")
    func residentOutpatientCapPartlyUsed() throws {
        // already paid 450 yuan this year; A 200 yuan at level 2 (50%)
        let r = try settle(F.bill("2023-09-01", .outpatient, .two, F.item("门诊费", .a, yuan: 200)), F.resident,
                           ytd: ytd(basicPaid: [.outpatient: 45_000]))
        // raw = 20,000 × 50% = 10,000; cap left 50,000 − 45,000 = 5,000 → basic 5,000
        #expect(r.basicPaid == F.fen(5_000))
        #expect(r.basic?.paidBefore == F.fen(45_000))
    }

    @Test("the employee outpatient cap of 5,000 counts what was paid earlier in the year")
    func employeeOutpatientCap() throws {
        // 次仁, in service: 4,900 yuan paid and the 200 deductible used already; A 1,000 yuan at level 2 (70%)
        let history = ytd(deductibleUsed: [.outpatient: 20_000], basicPaid: [.outpatient: 490_000])
        let r = try settle(F.bill("2023-11-11", .outpatient, .two, F.item("门诊费", .a, yuan: 1_000)), F.employeeInService, ytd: history)
        // deductible applied 0; raw = 100,000 × 70% = 70,000; cap left 500,000 − 490,000 = 10,000 → basic 10,000
        #expect(r.basic?.deductibleApplied == .zero)
        #expect(r.basic?.raw == F.fen(70_000))
        #expect(r.basicPaid == F.fen(10_000))
        // personal 90,000 = above cap 60,000 + co-payment 30,000
        #expect(r.personal.total == F.fen(90_000))
        #expect(r.personal.aboveCaps == F.fen(60_000))
        #expect(r.personal.coPayment == F.fen(30_000))
    }

    @Test("outpatient payments do not use up the inpatient cap")
    func capsAreByVisitType() throws {
        // resident: 500 yuan outpatient cap used up; an inpatient stay at level 1, A 2,000 yuan
        let r = try settle(F.bill("2023-07-07", .inpatient, .one, F.item("住院费用", .a, yuan: 2_000)), F.resident,
                           ytd: ytd(basicPaid: [.outpatient: 50_000]))
        // (200,000 − 10,000) × 90% = 171,000
        #expect(r.basicPaid == F.fen(171_000))
    }

    // MARK: employee status rows

    @Test("retired employees get their own rows: lower outpatient deductible, higher ratios")
    func retiredVersusInService() throws {
        let outpatient = F.bill("2023-05-05", .outpatient, .two, F.item("门诊费", .a, yuan: 1_000))
        let working = try settle(outpatient, F.employeeInService)
        let retired = try settle(outpatient, F.employeeRetired)
        // in service: (100,000 − 20,000) × 70% = 56,000
        #expect(working.basicPaid == F.fen(56_000))
        #expect(working.basic?.row.status == .inService)
        // retired: (100,000 − 14,000) × 80% = 68,800
        #expect(retired.basicPaid == F.fen(68_800))
        #expect(retired.basic?.row.status == .retired)

        let inpatient = F.bill("2023-05-05", .inpatient, .three, F.item("住院费用", .a, yuan: 50_000))
        let workingStay = try settle(inpatient, F.employeeInService)
        let retiredStay = try settle(inpatient, F.employeeRetired)
        // in service: (5,000,000 − 80,000) × 85% = 4,182,000; personal 818,000
        #expect(workingStay.basicPaid == F.fen(4_182_000))
        #expect(workingStay.personal.total == F.fen(818_000))
        // retired: (5,000,000 − 80,000) × 88% = 4,329,600; personal 670,400
        #expect(retiredStay.basicPaid == F.fen(4_329_600))
        #expect(retiredStay.personal.total == F.fen(670_400))
    }

    // MARK: critical illness

    @Test("critical-illness bands are crossed by accumulation over two stays")
    func criticalIllnessAccumulates() throws {
        // 扎西·平措, resident, level 3 stays (deductible 600, 70%); threshold 10,000; bands 60% / 65% / 70%
        let first = try settle(F.bill("2023-03-10", .inpatient, .three, F.item("住院费用", .a, yuan: 100_000)), F.resident)
        // basic = (10,000,000 − 60,000) × 70% = 6,958,000
        #expect(first.basicPaid == F.fen(6_958_000))
        // personal in scope = 10,000,000 − 6,958,000 = 3,042,000; above threshold [0, 2,042,000]
        // CI = 2,042,000 × 60% = 1,225,200
        #expect(first.criticalIllness?.baseAfter == F.fen(3_042_000))
        #expect(first.criticalIllnessPaid == F.fen(1_225_200))
        #expect(first.criticalIllness?.bands.count == 1)
        // personal = 10,000,000 − 6,958,000 − 1,225,200 = 1,816,800
        #expect(first.personal.total == F.fen(1_816_800))
        #expect(first.increments.criticalIllnessBase == F.fen(3_042_000))
        #expect(first.increments.criticalIllnessPaid == F.fen(1_225_200))

        let ytd1 = YearToDate() + first.increments
        let second = try settle(F.bill("2023-09-22", .inpatient, .three, F.item("住院费用", .a, yuan: 200_000)), F.resident, ytd: ytd1)
        // basic = (20,000,000 − 60,000) × 70% = 13,958,000; cap left 25,000,000 − 6,958,000 = 18,042,000: not reached
        #expect(second.basicPaid == F.fen(13_958_000))
        // personal in scope = 20,000,000 − 13,958,000 = 6,042,000; P0 = 3,042,000, P1 = 9,084,000
        #expect(second.criticalIllness?.baseBefore == F.fen(3_042_000))
        #expect(second.criticalIllness?.baseAfter == F.fen(9_084_000))
        // above threshold: [2,042,000, 8,084,000]
        // band 0–5,000,000: 2,958,000 × 60% = 1,774,800; band 5,000,000–10,000,000: 3,084,000 × 65% = 2,004,600
        let overlaps = second.criticalIllness?.bands.map(\.overlap)
        #expect(overlaps == [F.fen(2_958_000), F.fen(3_084_000)])
        // CI = 1,774,800 + 2,004,600 = 3,779,400
        #expect(second.criticalIllnessPaid == F.fen(3_779_400))
        // personal = 20,000,000 − 13,958,000 − 3,779,400 = 2,262,600
        #expect(second.personal.total == F.fen(2_262_600))

        let ytd2 = ytd1 + second.increments
        #expect(ytd2.criticalIllnessPaid == F.fen(5_004_600))
        #expect(ytd2.basic(.inpatient) == F.fen(20_916_000))
    }

    @Test("a bill crossing a band boundary is rounded once over all bands")
    func criticalIllnessRoundedOnce() throws {
        // accumulated 59,999.98 yuan so far: 2 fen short of the 50,000 band boundary above the 10,000 threshold
        let history = ytd(ciBase: 5_999_998, ciPaid: 2_999_999)
        // level 1: A 1,000.40 yuan; basic = (100,040 − 10,000) × 90% = 81,036
        let r = try settle(F.bill("2023-10-02", .inpatient, .one, F.item("住院费用", .a, fen: 100_040)), F.resident, ytd: history)
        #expect(r.basicPaid == F.fen(81_036))
        // personal in scope = 100,040 − 81,036 = 19,004; above threshold [4,999,998, 5,019,002]
        // band 1: 2 fen × 60% = 1.2; band 2: 19,002 × 65% = 12,351.3; once: 12,352.5 → 12,353 (per band would give 12,352)
        #expect(r.criticalIllnessPaid == F.fen(12_353))
        // personal = 100,040 − 81,036 − 12,353 = 6,651
        #expect(r.personal.total == F.fen(6_651))
    }

    @Test("critical illness stops at its 400,000 yuan cap")
    func criticalIllnessCap() throws {
        // 399,900 yuan of CI paid already, accumulated base far into the top band
        let history = ytd(basicPaid: [.inpatient: 20_000_000], ciBase: 50_000_000, ciPaid: 39_990_000)
        let r = try settle(F.bill("2023-12-01", .inpatient, .one, F.item("住院费用", .a, yuan: 10_000)), F.resident, ytd: history)
        // basic = (1,000,000 − 10,000) × 90% = 891,000 (row cap left 25,000,000 − 20,000,000)
        #expect(r.basicPaid == F.fen(891_000))
        // personal in scope 109,000 all in the top band: raw = 109,000 × 70% = 76,300
        #expect(r.criticalIllness?.raw == F.fen(76_300))
        // cap left 40,000,000 − 39,990,000 = 10,000 → CI 10,000
        #expect(r.criticalIllnessPaid == F.fen(10_000))
        #expect(r.criticalIllness?.capLeft == .zero)
        // personal = 1,000,000 − 891,000 − 10,000 = 99,000
        #expect(r.personal.total == F.fen(99_000))
        #expect(r.personal.aboveCaps == F.fen(66_300))
    }

    @Test("tekun, dibao and fanpin get the tilt: threshold halved, +5 points", arguments: [
        // assistance base 1,389,700 (see body): tekun 90% = 1,250,730, personal 138,970
        (SpecialGroup.tekun, 1_250_730 as Int64, 138_970 as Int64),
        // dibao 70% = 972,790, personal 416,910
        (.dibao, 972_790, 416_910),
        // fanpin 60% = 833,820, personal 555,880
        (.fanpin, 833_820, 555_880),
    ])
    func tiltedGroups(group: SpecialGroup, assistance: Int64, personal: Int64) throws {
        // 卓玛, resident, level 3: A 100,000 yuan
        let r = try settle(F.bill("2023-06-06", .inpatient, .three, F.item("住院费用", .a, yuan: 100_000)), F.resident, groups: [group])
        // basic = (10,000,000 − 60,000) × 70% = 6,958,000
        #expect(r.basicPaid == F.fen(6_958_000))
        // threshold 1,000,000 × 50% = 500,000
        #expect(r.criticalIllness?.tilted == true)
        #expect(r.criticalIllness?.threshold == F.fen(500_000))
        // personal in scope 3,042,000; above threshold [0, 2,542,000] at 60% + 5 = 65% → 1,652,300
        #expect(r.criticalIllness?.bands.first?.ratio == .percent(65))
        #expect(r.criticalIllnessPaid == F.fen(1_652_300))
        // assistance base = 10,000,000 − 6,958,000 − 1,652,300 = 1,389,700
        #expect(r.assistance?.base == F.fen(1_389_700))
        #expect(r.assistance?.group == group)
        #expect(r.assistancePaid == F.fen(assistance))
        #expect(r.personal.total == F.fen(personal))
    }

    @Test("a tilted person has no critical-illness cap; others stop at it")
    func tiltedHasNoCap() throws {
        // CI cap of 400,000 yuan already reached; accumulated base 600,000 yuan
        let history = ytd(basicPaid: [.inpatient: 20_000_000], ciBase: 60_000_000, ciPaid: 40_000_000)
        let bill = F.bill("2023-12-12", .inpatient, .one, F.item("住院费用", .a, yuan: 10_000))

        let tekun = try settle(bill, F.resident, groups: [.tekun], ytd: history)
        // basic = (1,000,000 − 10,000) × 90% = 891,000; personal in scope 109,000
        #expect(tekun.basicPaid == F.fen(891_000))
        // top band 70% + 5 = 75%: 109,000 × 75% = 81,750, no cap
        #expect(tekun.criticalIllness?.cap == nil)
        #expect(tekun.criticalIllnessPaid == F.fen(81_750))
        // assistance tekun 90%: (109,000 − 81,750) = 27,250 × 90% = 24,525
        #expect(tekun.assistancePaid == F.fen(24_525))
        // personal = 27,250 − 24,525 = 2,725
        #expect(tekun.personal.total == F.fen(2_725))

        let plain = try settle(bill, F.resident, ytd: history)
        // no tilt: 109,000 × 70% = 76,300 raw, cap left 0 → 0
        #expect(plain.criticalIllness?.raw == F.fen(76_300))
        #expect(plain.criticalIllnessPaid == .zero)
        #expect(plain.personal.total == F.fen(109_000))
    }

    @Test("outpatient care has no critical-illness layer even for a large bill")
    func noCriticalIllnessForOutpatients() throws {
        let r = try settle(F.bill("2023-04-04", .outpatient, .three, F.item("门诊费", .a, yuan: 30_000)), F.resident)
        #expect(r.criticalIllness == nil)
        // 3,000,000 × 40% = 1,200,000 raw, capped at 50,000
        #expect(r.basicPaid == F.fen(50_000))
    }

    // MARK: medical assistance

    @Test("border-line residents get 90% assistance on the in-scope remainder only")
    func borderAssistance() throws {
        // 次仁, border-line resident, level 2: A 20,000 + B 1,000 + C 500 yuan
        let r = try settle(F.bill("2023-08-08", .inpatient, .two, F.item("住院费用", .a, yuan: 20_000),
                                  F.item("乙类药", .b, yuan: 1_000), F.item("自费药", .c, yuan: 500)),
                           F.resident, groups: [.border])
        // total 2,150,000; pre-pay 100,000 × 10% = 10,000; in scope 2,150,000 − 50,000 − 10,000 = 2,090,000
        #expect(r.inScope == F.fen(2_090_000))
        // basic = (2,090,000 − 30,000) × 80% = 1,648,000
        #expect(r.basicPaid == F.fen(1_648_000))
        // personal in scope 442,000 < threshold 1,000,000 (border is not a tilted group) → CI 0
        #expect(r.criticalIllness?.tilted == false)
        #expect(r.criticalIllnessPaid == .zero)
        // assistance = 442,000 × 90% = 397,800
        #expect(r.assistance?.group == .border)
        #expect(r.assistancePaid == F.fen(397_800))
        // personal = 2,150,000 − 1,648,000 − 397,800 = 104,200 = C 50,000 + pre-pay 10,000 + 44,200
        #expect(r.personal.total == F.fen(104_200))
        #expect(r.personal.outOfScope == F.fen(50_000))
        #expect(r.personal.bPrepay == F.fen(10_000))
    }

    @Test("a person in several groups gets the most favourable assistance ratio")
    func bestGroup() throws {
        // fanpin 60% and border 90%: border applies
        let r = try settle(F.bill("2023-08-08", .inpatient, .two, F.item("住院费用", .a, yuan: 20_000)),
                           F.resident, groups: [.fanpin, .border])
        #expect(r.assistance?.group == .border)
        // basic = (2,000,000 − 30,000) × 80% = 1,576,000; personal in scope 424,000
        // tilted (fanpin): threshold 500,000 > 424,000 → CI 0; assistance = 424,000 × 90% = 381,600
        #expect(r.basicPaid == F.fen(1_576_000))
        #expect(r.criticalIllnessPaid == .zero)
        #expect(r.assistancePaid == F.fen(381_600))
    }

    @Test("assistance stops at the regular cap of 150,000 yuan, or 300,000 for a major illness", arguments: [
        // 140,000 yuan paid: regular cap left 1,000,000 → paid 1,000,000; personal 1,389,700 − 1,000,000 = 389,700
        (14_000_000 as Int64, false, 1_000_000 as Int64, 389_700 as Int64),
        // major: cap left 30,000,000 − 14,000,000 = 16,000,000 → raw 1,250,730 in full; personal 138,970
        (14_000_000, true, 1_250_730, 138_970),
        // regular cap used up: 0; personal the whole base 1,389,700
        (15_000_000, false, 0, 1_389_700),
        // major cap still has 15,000,000 left → 1,250,730
        (15_000_000, true, 1_250_730, 138_970),
    ])
    func assistanceCaps(paidBefore: Int64, major: Bool, paid: Int64, personal: Int64) throws {
        // tekun, resident, level 3: A 100,000 yuan; basic 6,958,000 and tilted CI 1,652,300 (see tiltedGroups)
        // base 1,389,700 × 90% = 1,250,730 raw
        let r = try settle(F.bill("2023-10-10", .inpatient, .three, major: major, F.item("住院费用", .a, yuan: 100_000)),
                           F.resident, groups: [.tekun], ytd: ytd(assistancePaid: paidBefore))
        #expect(r.assistance?.raw == F.fen(1_250_730))
        #expect(r.assistance?.capIsMajor == major)
        #expect(r.assistance?.cap.value == (major ? .yuan(300_000) : .yuan(150_000)))
        #expect(r.assistancePaid == F.fen(paid))
        // personal = 10,000,000 − 6,958,000 − 1,652,300 − assistance
        #expect(r.personal.total == F.fen(personal))
    }

    // MARK: no cover

    @Test("without an active medical enrolment nothing pays: 未参保, the whole bill is personal")
    func notEnrolled() throws {
        // 扎西·平措, tekun but not enrolled: A 1,000 + B 200 + C 100 yuan
        let r = try settle(F.bill("2023-05-05", .inpatient, .one, F.item("住院费用", .a, yuan: 1_000),
                                  F.item("乙类药", .b, yuan: 200), F.item("自费药", .c, yuan: 100)),
                           .notEnrolled, groups: [.tekun])
        #expect(r.basic == nil)
        #expect(r.criticalIllness == nil)
        #expect(r.assistance == nil)
        // total 130,000 all personal: C 10,000 + pre-pay 2,000 + not covered 118,000
        #expect(r.personal.total == F.fen(130_000))
        #expect(r.personal.outOfScope == F.fen(10_000))
        #expect(r.personal.bPrepay == F.fen(2_000))
        #expect(r.personal.notCovered == F.fen(118_000))
        // and nothing accumulates
        #expect(r.increments == YearToDate())
    }

    @Test("during a waiting period nothing pays; from the cover date the fund pays")
    func waitingPeriodCover() throws {
        // 卓玛 enrolled 2025-03-15 outside the window: cover from 2025-06-15
        let enrolment = Enrolment(scheme: .residentMedical, regionCode: F.lhasaChengguan, from: F.day("2025-03-15"),
                                  coverFrom: F.day("2025-06-15"))
        let before = MedicalCover.on(F.day("2025-06-14"), among: [enrolment])
        #expect(before == .waiting(until: F.day("2025-06-15")))
        let waiting = try settle(F.bill("2025-06-14", .outpatient, .one, F.item("门诊费", .a, yuan: 200)), before)
        #expect(waiting.basicPaid == .zero)
        #expect(waiting.personal.notCovered == F.fen(20_000))
        #expect(waiting.personal.total == F.fen(20_000))

        let after = MedicalCover.on(F.day("2025-06-15"), among: [enrolment])
        #expect(after == F.resident)
        let covered = try settle(F.bill("2025-06-15", .outpatient, .one, F.item("门诊费", .a, yuan: 200)), after)
        // 20,000 × 60% = 12,000
        #expect(covered.basicPaid == F.fen(12_000))
    }

    @Test("cover follows the enrolment period: none before it starts or after it ends")
    func coverByDate() {
        let ended = Enrolment(scheme: .residentMedical, status: .terminated, regionCode: F.lhasaChengguan,
                              from: F.day("2020-01-01"), to: F.day("2022-12-31"))
        let current = Enrolment(scheme: .employeeMedical, regionCode: F.lhasaChengguan, from: F.day("2023-01-01"),
                                employmentStatus: .retired)
        let pension = Enrolment(scheme: .residentPension, regionCode: F.lhasaChengguan, from: F.day("2015-01-01"))
        #expect(MedicalCover.on(F.day("2019-06-01"), among: [ended, current, pension]) == .notEnrolled)
        #expect(MedicalCover.on(F.day("2023-06-01"), among: [ended, pension]) == .notEnrolled)
        #expect(MedicalCover.on(F.day("2023-06-01"), among: [ended, current, pension]) == F.employeeRetired)
        #expect(MedicalCover.on(F.day("2023-06-01"), among: [pension]) == .notEnrolled)
    }

    @Test("a stay inside an enrolment that was ended later (switch, termination, transfer) is settled under it",
          arguments: [EnrolmentTransition.terminate, .transfer])
    func coverOfEndedEnrolmentInsideItsPeriod(ending: EnrolmentTransition) throws {
        // 卓玛: resident medical from 2020-01-01, ended on 2023-06-30 (a switch to employee medical from 2023-07-01
        // ends it the same way, status terminated). A stay discharged on 2023-06-20 is brought to the counter in July:
        // settlement.md settles on the enrolment active on the discharge date, and on 2023-06-20 that was resident medical.
        let open = Enrolment(scheme: .residentMedical, regionCode: F.lhasaChengguan, from: F.day("2020-01-01"))
        let ended = try ending.apply(to: open, on: F.day("2023-06-30"))
        #expect(ended.to == F.day("2023-06-30"))
        let employee = Enrolment(scheme: .employeeMedical, regionCode: F.lhasaChengguan, from: F.day("2023-07-01"),
                                 employmentStatus: .inService)
        let cover = MedicalCover.on(F.day("2023-06-20"), among: [ended, employee])
        #expect(cover == F.resident)
        let r = try settle(F.bill("2023-06-20", .inpatient, .one, F.item("住院费用", .a, yuan: 2_000)), cover)
        // (200,000 − 10,000) × 90% = 171,000
        #expect(r.basicPaid == F.fen(171_000))
        // the day after it ended there is no resident cover
        #expect(MedicalCover.on(F.day("2023-07-01"), among: [ended]) == .notEnrolled)
    }
}
