import Foundation
import GuitaiCore
import GuitaiDesk
import Testing

/// Year-to-date accumulators through the store (settlement.md, "Inputs"): they restart with each calendar year, feed a
/// combined cap (zhuzhou-2020) across settlements, and carry an assistance deductible. Every figure computed by hand.
@Suite struct SettlementAccumulatorTests {
    let tashi = DeskFixture.id(born: "1955-03-10", sequence: 123)

    func settle(_ f: DeskFixture, _ id: String, on date: String, visit: String, level: String, _ amount: String) throws -> SettlementResult {
        try f.desk(on: DeskFixture.day(date)).settle(SettleForm(idNumber: id, date: date, visit: visit, level: level,
                                                               itemsJSON: DeskFixture.items([("费用", "A", amount)]))).result
    }

    @Test func theAccumulatorsStartAgainWithTheYear() throws {
        let f = try DeskFixture(today: DeskFixture.day("2023-12-20"))
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical", from: "2023-01-01"))
        // xizang-2023 resident outpatient, level 1: 60%, annual cap 500. 2,000 × 60% = 1,200, capped at 500.
        #expect(try settle(f, tashi, on: "2023-12-20", visit: "outpatient", level: "1", "2000").basicPaid == .yuan(500))
        #expect(try settle(f, tashi, on: "2023-12-28", visit: "outpatient", level: "1", "2000").basicPaid == .zero)
        // A new year: the cap is whole again.
        #expect(try settle(f, tashi, on: "2024-01-05", visit: "outpatient", level: "1", "2000").basicPaid == .yuan(500))
        // And the critical-illness base too: 30,000 inpatient at level 3 leaves 9,420 in scope to the person, under
        // the 10,000 threshold, whatever 2023 accumulated.
        _ = try settle(f, tashi, on: "2023-12-29", visit: "inpatient", level: "3", "30000")
        let january = try settle(f, tashi, on: "2024-01-06", visit: "inpatient", level: "3", "30000")
        #expect(january.basicPaid == Money(fen: 2_058_000))
        #expect(january.criticalIllnessPaid == .zero)
    }

    @Test func zhuzhousCombinedCapCountsBasicAndCriticalIllnessAcrossSettlements() throws {
        let f = try DeskFixture(today: DeskFixture.day("2020-06-01"))
        let clerk = try f.desk()
        let id = DeskFixture.id(born: "1960-04-04", sequence: 141, region: "430202")  // 湖南省株洲市荷塘区
        _ = try clerk.addPerson(PersonForm(idNumber: id, name: "李秀英"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-medical", from: "2020-01-01"))
        // 1: 200,000 inpatient, level 3: deductible 1,000, basic (199,000 × 65%) = 129,350.
        //    Personal in scope 70,650; above the 15,000 threshold 55,650: 50,000 × 60% + 5,650 × 65% = 33,672.50.
        let first = try settle(f, id, on: "2020-06-01", visit: "inpatient", level: "3", "200000")
        #expect(first.policyID == "zhuzhou-2020")
        #expect(first.basicPaid == Money(fen: 12_935_000))
        #expect(first.criticalIllnessPaid == Money(fen: 3_367_250))
        #expect(first.personal.total == Money(fen: 3_697_750))
        // 2: 600,000: basic raw 389,350, but the combined cap of 450,000 has 450,000 − 129,350 − 33,672.50 = 286,977.50
        //    left; critical illness then has nothing left under it.
        let second = try settle(f, id, on: "2020-06-01", visit: "inpatient", level: "3", "600000")
        #expect(second.basicPaid == Money(fen: 28_697_750))
        #expect(second.criticalIllnessPaid == .zero)
        #expect(second.personal.total == Money(fen: 31_302_250))
        // 3: the cap is spent: 10,000 is all personal.
        let third = try settle(f, id, on: "2020-06-01", visit: "inpatient", level: "3", "10000")
        #expect(third.basicPaid == .zero && third.criticalIllnessPaid == .zero)
        #expect(third.personal.total == .yuan(10_000))
    }

    @Test func anAssistanceDeductibleIsUsedUpAcrossTheYear() throws {
        let f = try DeskFixture()
        // No preset sets one: a hall's file does, 800 yuan a year for dibao people.
        _ = try f.desk("admin").loadPolicy(text: """
            [policy]
            id = lhasa-2023
            regions = 5401
            year = 2023
            extends = xizang-2023

            [assistance]
            deductible.dibao = 800 | illustrative
            """, file: "lhasa.policy")
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措", groups: ["dibao:2020-01-01"]))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical", from: "2023-01-01"))
        // 1: 1,000 outpatient, level 1: basic 600 capped at 500. Assistance base 500, all of it under the deductible.
        let first = try settle(f, tashi, on: "2023-06-01", visit: "outpatient", level: "1", "1000")
        #expect(first.basicPaid == .yuan(500) && first.assistancePaid == .zero)
        // 2: 2,000: the basic cap is spent; base 2,000, 300 of the deductible left: (2,000 − 300) × 70% = 1,190.
        let second = try settle(f, tashi, on: "2023-06-01", visit: "outpatient", level: "1", "2000")
        #expect(second.basicPaid == .zero)
        #expect(second.assistancePaid == .yuan(1_190))
        #expect(second.personal.total == .yuan(810))
    }
}
