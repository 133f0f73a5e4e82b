import Foundation
import CellText
import GuitaiCore
import GuitaiDesk
import Testing

@Suite struct SettlementDeskTests {
    let tashi = DeskFixture.id(born: "1955-03-10", sequence: 123)

    private func registeredResident(_ f: DeskFixture, groups: [String] = []) throws -> Desk {
        let desk = try f.desk()
        _ = try desk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措", groups: groups))
        _ = try desk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical", from: "2023-01-01"))
        return desk
    }

    private func inpatient(_ desk: Desk, _ amount: String, date: String = "2023-06-01") throws -> SettlementReceipt {
        try desk.settle(SettleForm(idNumber: tashi, date: date, visit: "inpatient", level: "3",
                                   itemsJSON: DeskFixture.items([("住院费用", "A", amount)])))
    }

    @Test func accumulatorsCarryFromOneSettlementToTheNextAndReversalLowersThemForLaterOnesOnly() throws {
        let f = try DeskFixture()
        let desk = try registeredResident(f)
        // 1st: 30,000 A at level 3: deductible 600, basic (29,400 × 70%) = 20,580; personal in scope 9,420 < threshold 10,000.
        let first = try inpatient(desk, "30000")
        #expect(first.result.basicPaid == Money(fen: 2_058_000))
        #expect(first.result.criticalIllnessPaid == .zero)
        // 2nd: same bill. Base 9,420 → 18,840; above 10,000: 8,840 × 60% = 5,304.
        let second = try inpatient(desk, "30000")
        #expect(second.result.criticalIllnessPaid == Money(fen: 530_400))
        // Reverse the first: the second's slip stands as printed; a third settlement sees only the second's base.
        let supervisor = try f.desk("ciren")
        _ = try supervisor.reverseSettlement(first.serial!)
        let stored = try desk.showPerson(tashi).settlements
        #expect(stored.first { $0.serial == second.serial }?.slip == second.slip)
        // 3rd: base 9,420 → 18,840 again (the second's 9,420 only), so critical illness pays 5,304 once more.
        let third = try inpatient(desk, "30000")
        #expect(third.result.criticalIllness?.baseBefore == Money(fen: 942_000))
        #expect(third.result.criticalIllnessPaid == Money(fen: 530_400))
        #expect(try supervisor.verify().ok)
    }

    @Test func aSettlementCanBeReversedOnceAndOnlyByASupervisor() throws {
        let f = try DeskFixture()
        let desk = try registeredResident(f)
        let receipt = try inpatient(desk, "1000")
        #expect(throws: DomainError(.permission, code: "permission-denied", zh: "经办员无权进行复核业务", en: "A clerk may not do supervisor work")) {
            _ = try desk.reverseSettlement(receipt.serial!)
        }
        let supervisor = try f.desk("ciren")
        _ = try supervisor.reverseSettlement(receipt.serial!)
        do {
            _ = try supervisor.reverseSettlement(receipt.serial!)
            Issue.record("a settlement was reversed twice")
        } catch let error as DomainError {
            #expect(error.code == "already-reversed")
        }
        do {
            _ = try supervisor.reverseSettlement("54010220230601999999")
            Issue.record("an unknown serial was reversed")
        } catch let error as DomainError {
            #expect(error.kind == .notFound)
        }
    }

    @Test func aPreviewRecordsNothingAndSaysSoOnTheSlip() throws {
        let f = try DeskFixture()
        let desk = try registeredResident(f)
        let journalBefore = try desk.store.read { try $0.count("journal") }
        let preview = try desk.settle(SettleForm(idNumber: tashi, visit: "inpatient", level: "2",
                                                 itemsJSON: DeskFixture.items([("手术", "A", "8000")])), preview: true)
        #expect(preview.serial == nil)
        #expect(preview.slip.contains("预结算"))
        #expect(try desk.store.read { try $0.count("journal") } == journalBefore)
        #expect(try desk.store.read { try $0.count("settlements") } == 0)
    }

    @Test func aPersonWithoutMedicalEnrolmentPaysEverythingAndTheSlipSaysWhy() throws {
        let f = try DeskFixture()
        let desk = try f.desk()
        _ = try desk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        let receipt = try inpatient(desk, "1234.56")
        #expect(receipt.result.personal.total == Money(fen: 123_456))
        #expect(receipt.result.basicPaid == .zero)
        #expect(receipt.slip.contains("未参保"))
    }

    @Test func theSlipFitsEightyColumnsWithChineseNames() throws {
        let f = try DeskFixture()
        let desk = try registeredResident(f, groups: ["dibao:2020-01-01"])
        let receipt = try desk.settle(SettleForm(idNumber: tashi, visit: "inpatient", level: "3", major: true,
                                                 itemsJSON: DeskFixture.items([("床位费", "A", "3000"), ("药品", "B", "50000"), ("自费药", "C", "2000.50")])))
        for line in receipt.slip.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= 80, "too wide: \(line)")
        }
        for needle in ["扎西·平措", "540102********", "低保对象", "大病保险", "医疗救助", "9,531.60", "重特大疾病"] {
            #expect(receipt.slip.contains(needle), "slip lacks \(needle)")
        }
        let english = try desk.settle(SettleForm(idNumber: tashi, visit: "inpatient", level: "3",
                                                 itemsJSON: DeskFixture.items([("bed", "A", "100")])), preview: true, language: .en)
        #expect(english.slip.contains("PATIENT PAYS"))
    }

    @Test func theSlipShowsEveryFigureOfEveryLayerNotOnlyFitsEightyColumns() throws {
        // A slip that merely fits 80 columns could have lost its arithmetic lines to clipping: every figure the
        // settlement computed must be on the slip, in both languages.
        let f = try DeskFixture()
        let desk = try registeredResident(f, groups: ["dibao:2020-01-01"])
        let items = DeskFixture.items([("床位费", "A", "3000"), ("药品", "B", "50000"), ("自费药", "C", "2000.50")])
        for language in [Language.zh, .en] {
            let receipt = try desk.settle(SettleForm(idNumber: tashi, visit: "inpatient", level: "3", major: true, itemsJSON: items),
                                          preview: true, language: language)
            let r = receipt.result
            var figures = [r.total, r.outOfScope, r.bPrepay, r.inScope, r.basicPaid, r.criticalIllnessPaid, r.assistancePaid,
                           r.personal.total, r.personal.deductible, r.personal.coPayment]
            if let b = r.basic { figures += [b.deductible, b.deductibleApplied, b.raw] }
            if let c = r.criticalIllness { figures += [c.threshold, c.baseAfter] + c.bands.map(\.overlap) }
            if let a = r.assistance { figures += [a.base, a.raw] }
            for figure in figures where figure > .zero {
                #expect(receipt.slip.contains(figure.grouped), "\(language): the slip lost \(figure.grouped)")
            }
            for ratio in [r.basic?.ratio, r.assistance?.ratio.value].compactMap({ $0 }) + (r.criticalIllness?.bands.map(\.ratio) ?? []) {
                #expect(receipt.slip.contains(ratio.percentText), "\(language): the slip lost \(ratio.percentText)")
            }
            for line in receipt.slip.split(separator: "\n") {
                #expect(DisplayWidth.of(String(line)) <= 80, "too wide: \(line)")
                #expect(!line.contains("~"), "a line was cut: \(line)")
            }
        }
    }

    @Test func malformedBillsAreRefusedWithTheItemNamed() throws {
        let f = try DeskFixture()
        let desk = try registeredResident(f)
        let cases: [(String, String)] = [
            ("not json", "JSON"),
            (#"[{"name":"药","category":"D","amount":"1.00"}]"#, "类别"),
            (#"[{"name":"药","category":"A","amount":12.5}]"#, "字符串"),
            (#"[{"name":"药","category":"A","amount":"1.005"}]"#, "两位小数"),
            ("[]", "没有费用明细"),
        ]
        for (json, needle) in cases {
            do {
                _ = try desk.settle(SettleForm(idNumber: tashi, visit: "outpatient", level: "1", itemsJSON: json))
                Issue.record("accepted \(json)")
            } catch let error as DomainError {
                #expect(error.kind == .refused)
                #expect(error.message.zh.contains(needle), "\(error.message.zh)")
            }
        }
        #expect(try desk.store.read { try $0.count("settlements") } == 0)
    }
}
