import Foundation
import Testing

/// The day close, the statistics and the exports, walked through as a hall's supervisor and scripts would.
@Suite struct ReportContractTests {
    let tashi = CLI.id(birth: "19850310", sequence: 123)
    let pema = CLI.id(birth: "19500704", sequence: 215)
    let dawa = CLI.id(birth: "19900101", sequence: 331)
    let bill = #"[{"name":"床位费","category":"A","amount":"3000.00"},{"name":"药品","category":"B","amount":"50000"},{"name":"自费药","category":"C","amount":"2000.50"}]"#
    let smallBill = #"[{"name":"检查费","category":"A","amount":"2600.00"}]"#

    private func error(_ outcome: CLI.Outcome) -> String? { (outcome.json["error"] as? [String: Any])?["code"] as? String }

    private func fen(_ text: Any?) -> Int64 {
        guard let text = text as? String else { return Int64.min }
        let parts = text.split(separator: ".")
        let negative = text.hasPrefix("-")
        let whole = Int64(parts[0].drop(while: { $0 == "-" })) ?? 0
        let cents = parts.count > 1 ? Int64(parts[1]) ?? 0 : 0
        return (negative ? -1 : 1) * (whole * 100 + cents)
    }

    /// A day of each procedure at the hall on 2023-06-01, a settlement reversed; returns the two settlements' JSON and
    /// the reversal's serial.
    private func mixedDay(_ cli: CLI) throws -> (settlements: [[String: Any]], reversal: String, run: [String: Any]) {
        // 扎西·平措 is on dibao, as in docs/settlement-walkthrough.md, whose figures the first bill reproduces.
        #expect(try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措", "--group", "dibao:2020-01-01"]).status == 0)
        for (id, name) in [(pema, "白玛"), (dawa, "达瓦")] {
            #expect(try cli.run(["person", "add", "--id", id, "--name", name]).status == 0)
        }
        #expect(try cli.run(["enrol", "--id", tashi, "--scheme", "resident-medical", "--from", "2023-01-01"]).status == 0)
        #expect(try cli.run(["enrol", "--id", pema, "--scheme", "resident-pension", "--from", "2010-01-01"]).status == 0)
        #expect(try cli.run(["card", "register", "--id", tashi, "--number", "a12345678"]).status == 0)
        #expect(try cli.run(["ecard", "issue", "--id", tashi, "--phone", "13812345678", "--pin-stdin", "--voucher"], stdin: "135790\n").status == 0)
        #expect(try cli.run(["benefit", "add", "--id", pema, "--monthly", "205", "--from", "2023-06"]).status == 0)
        #expect(try cli.run(["certify", "--id", pema, "--method", "counter"]).status == 0)
        #expect(try cli.run(["death", "--id", dawa, "--date", "2023-05-30"]).status == 0)
        let arguments = ["settle", "--id", tashi, "--date", "2023-06-01", "--visit", "inpatient", "--level", "3", "--items", "-", "--json"]
        let first = try cli.run(arguments, stdin: bill).json
        let second = try cli.run(arguments, stdin: smallBill).json
        let serial = try #require(second["serial"] as? String)
        let reversal = try cli.run(["settle", "reverse", serial, "--json"], as: "ciren").json
        let run = try cli.run(["payments", "run", "--month", "2023-06", "--json"], as: "ciren").json
        return ([first, second], try #require(reversal["serial"] as? String), run)
    }

    @Test func theDayReportAddsUpToItsReceiptsAndTheCloseStopsTheDay() throws {
        let cli = try CLI.hall()
        let (settlements, reversal, run) = try mixedDay(cli)
        let report = try cli.run(["report", "day", "--json"], as: "ciren")
        #expect(report.status == 0, "\(report.stdout) \(report.stderr)")
        let json = report.json
        #expect(json["date"] as? String == "2023-06-01")
        #expect(json["closed"] as? Bool == false)
        let procedures = Dictionary(uniqueKeysWithValues: try #require(json["procedures"] as? [[String: Any]]).map {
            ($0["procedure"] as? String ?? "", $0)
        })
        let counts = procedures.mapValues { $0["count"] as? Int ?? -1 }
        // The hall's two accounts were added that day too (CLI.hall()).
        #expect(counts == ["operator": 2, "registration": 3, "enrolment": 2, "card": 1, "ecard": 1, "benefit": 1, "certification": 1,
                           "death": 1, "settlement": 2, "payment-run": 1])
        // The settlements' amount is what the funds paid on both slips, the reversed one included (it was recorded
        // that day); the reversal lists what it took back. The first bill's funds are hand-computed in the walkthrough.
        let funds = settlements.map { fen($0["basic"]) + fen($0["criticalIllness"]) + fen($0["assistance"]) }
        #expect(funds[0] == 3_318_000 + 638_300 + 590_590)
        #expect(fen(procedures["settlement"]?["amount"]) == funds[0] + funds[1])
        let paid = (run["paid"] as? [[String: Any]] ?? []).map { fen($0["amount"]) }.reduce(0, +)
        #expect(paid == 20_500)
        #expect(fen(procedures["payment-run"]?["amount"]) == paid)
        for quiet in ["registration", "enrolment", "card", "ecard", "benefit", "certification", "death"] {
            #expect(procedures[quiet]?["amount"] as? String == "0.00", "\(quiet)")
        }
        let reversals = try #require(json["reversals"] as? [[String: Any]])
        #expect(reversals.count == 1)
        #expect(reversals.first?["serial"] as? String == reversal)
        #expect(reversals.first?["reverses"] as? String == settlements[1]["serial"] as? String)
        #expect(fen(reversals.first?["amount"]) == funds[1])
        #expect((json["first"] as? String)?.hasSuffix("20230601000001") == true)
        #expect((json["head"] as? String)?.count == 64)

        // The clerk's own day leaves out the supervisor's run and reversal.
        let own = try cli.run(["report", "day", "--clerk", "zhuoma", "--json"]).json
        let ownKinds = (own["procedures"] as? [[String: Any]] ?? []).compactMap { $0["procedure"] as? String }
        #expect(!ownKinds.contains("payment-run"))
        #expect((own["reversals"] as? [Any])?.isEmpty == true)
        #expect(try cli.run(["report", "day", "--clerk", "nobody", "--json"]).status == 66)

        // A file that can never be written is refused before the day is closed.
        let unwritable = try cli.run(["report", "close", "--out", "/nonexistent/day.csv", "--json"], as: "ciren")
        #expect(unwritable.status == 64)
        #expect(try cli.run(["report", "day", "--json"]).json["closed"] as? Bool == false)
        // Only a supervisor closes; afterwards nothing more is recorded that day, and the next day works.
        let refused = try cli.run(["report", "close", "--json"])
        #expect(refused.status == 77)
        let closed = try cli.run(["report", "close", "--json"], as: "ciren")
        #expect(closed.status == 0, "\(closed.stdout)")
        #expect(closed.json["closed"] as? Bool == true)
        let closeSerial = try #require(closed.json["serial"] as? String)
        #expect(closeSerial.hasPrefix("54010220230601"))
        #expect(fen(closed.json["total"]) == fen(json["total"]))
        let late = try cli.run(["enrol", "--id", tashi, "--scheme", "resident-pension", "--from", "2023-06-01", "--json"])
        #expect(late.status == 65)
        #expect(error(late) == "day-closed")
        let again = try cli.run(["report", "close", "--json"], as: "ciren")
        #expect(again.status == 65)
        #expect(error(again) == "day-closed")
        #expect(try cli.run(["settle", "reverse", settlements[0]["serial"] as? String ?? "", "--json"], as: "ciren").status == 65)

        var tomorrow = cli
        tomorrow.today = "2023-06-02"
        #expect(try tomorrow.run(["settle", "reverse", settlements[0]["serial"] as? String ?? "", "--json"], as: "ciren").status == 0)
        // The closed day's report reads the same after later business, in JSON and as printed text.
        let reprinted = try tomorrow.run(["report", "day", "--date", "2023-06-01", "--json"], as: "ciren")
        #expect(reprinted.stdout == closed.stdout)
        let textThen = try cli.run(["report", "day"], as: "ciren").stdout
        #expect(try tomorrow.run(["report", "day", "--date", "2023-06-01"], as: "ciren").stdout == textThen)
        #expect(textThen.contains(closeSerial))
        #expect(try cli.run(["verify"], as: "ciren").status == 0)
    }

    @Test func exportsOpenInPythonsCSVAndTheNationalRowsAddUp() throws {
        let cli = try CLI.hall()
        let (settlements, reversal, _) = try mixedDay(cli)
        let csvFile = cli.directory + "/settlements.csv", nhsaFile = cli.directory + "/nhsa.csv"
        let csv = try cli.run(["export", "settlements", "--from", "2023-06-01", "--to", "2023-06-01", "--out", csvFile, "--json"])
        #expect(csv.status == 0, "\(csv.stdout)")
        #expect(csv.json["rows"] as? Int == 3)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: csvFile))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(text.contains("扎西·平措"))
        let nhsa = try cli.run(["export", "settlements", "--from", "2023-06-01", "--to", "2023-06-01", "--format", "nhsa",
                                "--out", nhsaFile, "--json"])
        #expect(nhsa.json["rows"] as? Int == 3)
        // Python's csv module reads both files (utf-8-sig drops the BOM) and checks each nhsa row's sum.
        let check = """
            import csv, sys
            from decimal import Decimal
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                rows = list(csv.reader(f))
            assert len(rows) == 4 and len(rows[0]) == 17, rows
            with open(sys.argv[2], newline='', encoding='utf-8-sig') as f:
                table = list(csv.DictReader(f))
            assert len(table) == 3
            for row in table:
                parts = sum(Decimal(row[k]) for k in ('hifp_pay', 'hifmi_pay', 'maf_pay', 'psn_cash_pay'))
                assert parts == Decimal(row['medfee_sumamt']), row
            print(','.join(row['setl_id'] + '=' + row['medfee_sumamt'] + '/' + row['act_pay_dedc'] for row in table))
            """
        let script = cli.directory + "/check.py"
        try check.write(toFile: script, atomically: true, encoding: .utf8)
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", script, csvFile, nhsaFile]
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        let first = settlements[0]["serial"] as? String ?? "", second = settlements[1]["serial"] as? String ?? ""
        // The deductible each bill bore: 600.00 a visit at level 3 (docs/settlement-walkthrough.md), negated on the reversal.
        #expect(said.trimmingCharacters(in: .whitespacesAndNewlines)
                == "\(first)=55000.50/600.00,\(second)=2600.00/600.00,\(reversal)=-2600.00/-600.00")
        #expect(try cli.run(["export", "settlements", "--from", "2023-06-02", "--to", "2023-06-01", "--out", csvFile]).status == 64)
        #expect(try cli.run(["export", "settlements", "--from", "2023-06-01", "--to", "2023-06-01", "--format", "xml",
                             "--out", csvFile]).status == 64)
    }

    @Test func statisticsOnAStoreWithKnownCounts() throws {
        var cli = try CLI.hall()
        // Four people insured for medical care; two e-cards issued, one activated; one e-voucher.
        let people = (0..<4).map { CLI.id(birth: "1980010\($0 + 1)", sequence: 100 + $0) }
        for (index, id) in people.enumerated() {
            #expect(try cli.run(["person", "add", "--id", id, "--name", "格桑\(["一", "二", "三", "四"][index])"]).status == 0)
            #expect(try cli.run(["enrol", "--id", id, "--scheme", "resident-medical", "--from", "2023-01-01"]).status == 0)
        }
        for (index, id) in people.prefix(2).enumerated() {
            #expect(try cli.run(["card", "register", "--id", id, "--number", "a1234567\(index)"]).status == 0)
        }
        let issued = try cli.run(["ecard", "issue", "--id", people[0], "--phone", "13812345678", "--pin-stdin", "--voucher", "--json"],
                                 stdin: "135790\n").json
        let code = try #require(issued["activationCode"] as? String)
        #expect(try cli.run(["ecard", "activate", "--id", people[0], "--code", code]).status == 0)
        #expect(try cli.run(["ecard", "issue", "--id", people[1], "--phone", "13812345679", "--pin-stdin"], stdin: "246801\n").status == 0)
        // A pensioner certified a year ago is overdue today.
        #expect(try cli.run(["person", "add", "--id", pema, "--name", "白玛"]).status == 0)
        #expect(try cli.run(["enrol", "--id", pema, "--scheme", "resident-pension", "--from", "2010-01-01"]).status == 0)
        cli.today = "2022-05-01"
        #expect(try cli.run(["benefit", "add", "--id", pema, "--monthly", "205", "--from", "2022-05"]).status == 0)
        cli.today = "2023-06-01"

        let stats = try cli.run(["report", "stats", "--region", "5401", "--json"])
        #expect(stats.status == 0, "\(stats.stdout)")
        let json = stats.json
        let insured = Dictionary(uniqueKeysWithValues: (json["insured"] as? [[String: Any]] ?? []).map {
            ($0["scheme"] as? String ?? "", $0["active"] as? Int ?? -1)
        })
        #expect(insured["resident-medical"] == 4)
        #expect(insured["resident-pension"] == 1)
        let ecard = try #require(json["ecard"] as? [String: Any])
        #expect(ecard["issued"] as? Int == 2)
        #expect(ecard["active"] as? Int == 1)
        #expect(ecard["activationRate"] as? String == "50.0")
        // One e-voucher of five people insured: 20.0%.
        let voucher = try #require(json["evoucher"] as? [String: Any])
        #expect(voucher["active"] as? Int == 1)
        #expect(voucher["activationRate"] as? String == "20.0")
        let certification = try #require(json["certification"] as? [String: Any])
        #expect(certification["overdue"] as? Int == 1)
        #expect(certification["completionRate"] as? String == "0.0")
        // Another region has none of them.
        let elsewhere = try cli.run(["report", "stats", "--region", "6501", "--json"]).json
        #expect((elsewhere["ecard"] as? [String: Any])?["issued"] as? Int == 0)
        #expect((elsewhere["evoucher"] as? [String: Any])?["activationRate"] as? String == "0.0")
        #expect(try cli.run(["report", "stats", "--region", "54x", "--json"]).status == 64)
        // The text has a bar chart with the figure beside each bar.
        let text = try cli.run(["report", "stats", "--lang", "en"]).stdout
        #expect(text.contains("█"))
        #expect(text.contains("50.0% 1/2"))
    }
}
