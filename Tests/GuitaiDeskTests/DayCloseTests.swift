import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// The day close at the desk: what it refuses afterwards, what it still records, who may close and when.
@Suite struct DayCloseTests {
    let tashi = DeskFixture.id(born: "1985-03-10", sequence: 123)
    let pema = DeskFixture.id(born: "1990-07-04", sequence: 215)

    @Test func aClosedDayRefusesEveryWriteAndLeavesTheStoreAsItWas() throws {
        let f = try DeskFixture()
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical", from: "2023-01-01"))
        let settled = try clerk.settle(SettleForm(idNumber: tashi, visit: "outpatient", level: "1",
                                                  itemsJSON: DeskFixture.items([("挂号", "A", "20")])))
        let supervisor = try f.desk("ciren")
        let reversed = try clerk.settle(SettleForm(idNumber: tashi, visit: "outpatient", level: "1",
                                                   itemsJSON: DeskFixture.items([("挂号", "A", "20")])))
        let reversal = try supervisor.reverseSettlement(reversed.serial ?? "", reason: "录入错误")
        #expect(DeskFixture.refusal { _ = try clerk.closeDay() }?.code == "permission-denied")
        let closed = try supervisor.closeDay()
        #expect(closed.close?.operatorID == "ciren")
        #expect(closed.procedures.map(\.procedure) == ["registration", "enrolment", "settlement", "operator"])
        #expect(closed.reversals.map(\.reverses) == [reversed.serial ?? "?"])

        // The reversal's line names both serials whole, in both languages, within 80 cells.
        for language in [Language.zh, .en] {
            let text = closed.text(language: language)
            #expect(text.split(separator: "\n").allSatisfy { DisplayWidthProbe.cells(String($0)) <= 80 })
            let line = try #require(text.split(separator: "\n").first { $0.contains(reversal) })
            let funds = reversed.result.basicPaid + reversed.result.criticalIllnessPaid + reversed.result.assistancePaid
            #expect(line.contains(reversed.serial ?? "?") && line.hasSuffix(funds.grouped), "\(line)")
        }

        let before = try clerk.store.contentDigest()
        let refusals: [(String, () throws -> Void)] = [
            ("register", { _ = try clerk.addPerson(PersonForm(idNumber: pema, name: "白玛")) }),
            ("enrol", { _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-pension", from: "2023-06-01")) }),
            ("settle", { _ = try clerk.settle(SettleForm(idNumber: tashi, visit: "outpatient", level: "1",
                                                         itemsJSON: DeskFixture.items([("挂号", "A", "20")]))) }),
            ("reverse", { _ = try supervisor.reverseSettlement(settled.serial ?? "", reason: "录入错误") }),
            ("close again", { _ = try supervisor.closeDay() }),
        ]
        for (what, body) in refusals {
            let refusal = DeskFixture.refusal(body)
            #expect(refusal?.code == "day-closed", "\(what)")
            #expect(refusal?.kind == .refused, "\(what)")
        }
        #expect(try clerk.store.contentDigest() == before)
        // Who looked at what is still recorded: the audit never waits for tomorrow.
        let person = try #require(try clerk.findPersons(tashi).first)
        try clerk.auditFullView(of: [person.person], reason: "本人查询")

        // An administrator still stops an account on a closed day.
        _ = try f.desk("admin").setOperatorDisabled("zhuoma", true)
        _ = try f.desk("admin").setOperatorDisabled("zhuoma", false)

        // The next business day takes business again, and the closed day's report has not moved.
        let tomorrow = try f.desk(on: DeskFixture.day("2023-06-02"))
        _ = try tomorrow.addPerson(PersonForm(idNumber: pema, name: "白玛"))
        #expect(try tomorrow.dayReport(date: "2023-06-01") == closed)
    }

    @Test func onlyAHallClosesAndNeverADayToCome() throws {
        let f = try DeskFixture()
        let supervisor = try f.desk("ciren")
        #expect(DeskFixture.refusal { _ = try supervisor.closeDay(date: "2023-06-02") }?.code == "impossible-date")
        #expect(DeskFixture.refusal { _ = try supervisor.closeDay(date: "2023-13-01") }?.code == "bad-date")
        #expect(DeskFixture.refusal { _ = try supervisor.dayReport(date: "1989-12-31") }?.code == "bad-date")
        // A past day with no business closes, and says it had none.
        let quiet = try supervisor.closeDay(date: "2023-05-20")
        #expect(quiet.transactions == 0)
        #expect(quiet.procedures.isEmpty)

        let laptop = try Self.laptop(of: f, checkedOutBy: "ciren", password: "super-password")
        #expect(DeskFixture.refusal { _ = try laptop.closeDay() }?.code == "needs-hall")
    }

    @Test func ratesAreTenthsOfAPercentRoundedHalfUp() {
        // domain.md §2: Qamdo's 289,500 e-vouchers of 740,500 insured, "39%": 39.095...% to one decimal.
        #expect(Rate(289_500, of: 740_500).text == "39.1")
        #expect(Rate(1, of: 3).text == "33.3")
        #expect(Rate(2, of: 3).text == "66.7")
        #expect(Rate(1, of: 16).text == "6.3")
        #expect(Rate(3, of: 3).text == "100.0")
        #expect(Rate(0, of: 0).text == "0.0")
        #expect(Rate(Int.max, of: Int.max).text == "100.0")
    }

    @Test func barsFitTheirWidthAndASmallValueStillShows() {
        let chart = BarChart(bars: [BarChart.Bar(label: "基本医保", value: 1_000_000, shown: "10,000.00"),
                                    BarChart.Bar(label: "医疗救助", value: 1, shown: "0.01"),
                                    BarChart.Bar(label: "大病保险", value: 0, shown: "0.00"),
                                    BarChart.Bar(label: "damaged", value: Int64.max, shown: "?")], scale: 2_000_000)
        for style in [BarChart.Style.blocks, .ascii] {
            let lines = chart.lines(width: 80, labelWidth: 20, style: style)
            #expect(lines.allSatisfy { DisplayWidthProbe.cells($0) <= 80 }, "\(lines)")
            // Half the scale is half the bar: 80 cells less 20 of label, 9 of figure and 3 of spaces is 48; 24.
            let half = lines[0].filter { $0 == "█" || $0 == "#" }.count
            #expect(half == 24)
            #expect(lines[1].contains(style == .blocks ? "▏" : "#"))
            #expect(!lines[2].contains("█") && !lines[2].contains("#"))
            #expect(lines[0].hasSuffix("10,000.00"))
        }
    }

    @Test func csvQuotesOnlyWhatNeedsItAndEndsEveryRecordWithCRLF() throws {
        let table = CSVTable(header: ["a", "b"], rows: [["扎西·平措", "1,234.00"], ["say \"hi\"", "two\nlines"]])
        let bytes = try table.encoded()
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text == "a,b\r\n扎西·平措,\"1,234.00\"\r\n\"say \"\"hi\"\"\",\"two\nlines\"\r\n")
    }
}

extension DayCloseTests {
    static let passphrase = "day close laptop"

    /// An outreach laptop checked out at the fixture's hall by an operator and opened by them.
    static func laptop(of f: DeskFixture, checkedOutBy operatorID: String, password: String) throws -> Desk {
        let checkout = try f.desk(operatorID).checkoutLaptop(name: "笔记本一", regionPrefix: "", dueWithin: nil, passphrase: passphrase,
                                                             to: NSTemporaryDirectory() + UUID().uuidString + ".bundle")
        return try Desk.openLaptop(bundle: checkout.bundle, passphrase: passphrase,
                                   storePath: (f.path as NSString).deletingLastPathComponent + "/laptop.sqlite",
                                   operatorID: operatorID, password: password, clock: f.clock, resources: DeskFixture.resources)
    }

    /// What an outreach laptop did counts on the day the hall received it, under its procedures, by its operator.
    @Test func aLaptopsWorkCountsOnTheDayItIsReceived() throws {
        let f = try DeskFixture()
        let supervisor = try f.desk("ciren")
        let laptop = try Self.laptop(of: f, checkedOutBy: "zhuoma", password: "clerk-password")
        _ = try laptop.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try laptop.addPerson(PersonForm(idNumber: pema, name: "白玛"))
        let before = try supervisor.dayReport()
        #expect(before.procedures.first { $0.procedure == "registration" } == nil)
        let returned = try laptop.returnBundle(passphrase: Self.passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle")
        _ = try supervisor.receive(bundle: returned.bundle, passphrase: Self.passphrase)
        let after = try supervisor.dayReport()
        #expect(after.procedures.first { $0.procedure == "registration" }?.count == 2)
        #expect(after.operators.first { $0.operatorID == "zhuoma" }?.count ?? 0 >= 2)
        // The first and last serials are the hall's own series, not the laptop's.
        #expect(after.firstSerial?.hasPrefix("54010220230601") == true)
        #expect(after.lastSerial?.hasPrefix("54010220230601") == true)
        let closed = try supervisor.closeDay()
        #expect(closed.procedures == after.procedures)
    }

    /// Statistics on a past date count the certifications made by then, not those made since.
    @Test func statisticsOnAPastDateStandAsTheyStoodThen() throws {
        var f = try DeskFixture(today: DeskFixture.day("2022-05-01"))
        let pensioner = DeskFixture.id(born: "1950-07-04", sequence: 215)
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: pensioner, name: "白玛"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: pensioner, scheme: "resident-pension", from: "2010-01-01"))
        _ = try clerk.addBenefit(idNumber: pensioner, monthly: "205", from: "2022-05")
        // Due on 2023-05-01; overdue on 2023-06-01; certified on 2023-06-10.
        f.clock.date = DeskFixture.day("2023-06-10")
        _ = try f.desk().certify(idNumber: pensioner, method: "counter", reference: nil)
        let then = try f.desk().statistics(date: "2023-06-01")
        #expect(then.certificationOverdue == 1)
        #expect(then.certificationCompletion.text == "0.0")
        let now = try f.desk().statistics()
        #expect(now.certificationOverdue == 0)
        #expect(now.certificationCompletion.text == "100.0")

        // An e-card issued on the 10th and activated on the 11th was issued, not active, on the 10th.
        _ = try f.desk().registerCard(idNumber: pensioner, number: "A12345678")
        let issued = try f.desk().issueECard(idNumber: pensioner, phone: "13812345678", identityCheck: "document", pin: "582947",
                                             voucher: false)
        f.clock.date = DeskFixture.day("2023-06-11")
        _ = try f.desk().stepECard(idNumber: pensioner, step: .activate, code: issued.activationCode)
        let tenth = try f.desk().statistics(date: "2023-06-10")
        #expect(tenth.counts.ecardsIssued == 1 && tenth.counts.ecardsActive == 0)
        let eleventh = try f.desk().statistics()
        #expect(eleventh.counts.ecardsIssued == 1 && eleventh.counts.ecardsActive == 1)
    }
}

/// Cells of a line, counted here as the terminal would (CJK two cells, the block elements one).
enum DisplayWidthProbe {
    static func cells(_ line: String) -> Int {
        line.unicodeScalars.reduce(0) { sum, scalar in
            let v = scalar.value
            return sum + ((0x4E00...0x9FFF).contains(v) || (0x3000...0x303F).contains(v) || (0xFF00...0xFF60).contains(v) ? 2 : 1)
        }
    }
}
