import Foundation
import Testing

/// The contract of the e-card and certification commands, walked through as a hall's script would.
@Suite struct CardAndCertificationContractTests {
    let tashi = CLI.id(birth: "19550310", sequence: 123)

    private func error(_ outcome: CLI.Outcome) -> String? { (outcome.json["error"] as? [String: Any])?["code"] as? String }

    @Test func theECardFromIssueToCancellation() throws {
        let cli = try CLI.hall()
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"])
        let issueArguments = ["ecard", "issue", "--id", tashi, "--phone", "13812345678", "--pin-stdin", "--json"]
        let noCard = try cli.run(issueArguments, stdin: "135790\n")
        #expect(noCard.status == 65)
        #expect(error(noCard) == "no-physical-card")
        #expect(try cli.run(["card", "register", "--id", tashi, "--number", "A1234567", "--json"]).status == 65)
        #expect(try cli.run(["card", "register", "--id", tashi, "--number", "a12345678", "--json"]).status == 0)
        let weak = try cli.run(issueArguments, stdin: "550310\n")
        #expect(weak.status == 65)
        #expect(error(weak) == "weak-pin")
        let badPhone = try cli.run(["ecard", "issue", "--id", tashi, "--phone", "12812345678", "--pin-stdin", "--json"], stdin: "135790\n")
        #expect(badPhone.status == 65)
        let issued = try cli.run(issueArguments + ["--voucher"], stdin: "135790\n")
        #expect(issued.status == 0)
        #expect(issued.json["status"] as? String == "issued")
        let code = try #require(issued.json["activationCode"] as? String)
        #expect(code.count == 8)
        // The state is checked before the code: resuming an issued card is illegal whatever is typed.
        let illegal = try cli.run(["ecard", "resume", "--id", tashi, "--json"])
        #expect(illegal.status == 65)
        #expect(error(illegal) == "illegal-transition")
        let wrong = try cli.run(["ecard", "activate", "--id", tashi, "--code", code == "00000000" ? "11111111" : "00000000", "--json"])
        #expect(wrong.status == 65)
        let active = try cli.run(["ecard", "activate", "--id", tashi, "--code", code, "--json"])
        #expect(active.json["status"] as? String == "active")
        #expect(try cli.run(["ecard", "suspend", "--id", tashi, "--json"]).json["status"] as? String == "suspended")
        #expect(try cli.run(["ecard", "resume", "--id", tashi, "--json"]).json["status"] as? String == "active")
        #expect(try cli.run(["ecard", "cancel", "--id", tashi, "--reason", "本人申请", "--json"]).json["status"] as? String == "cancelled")
        let shown = try cli.run(["person", "show", tashi, "--json"]).json
        #expect((shown["ecard"] as? [String: Any])?["status"] as? String == "cancelled")
        #expect((shown["card"] as? [String: Any])?["number"] as? String == "A12345678")
        // Re-issue after cancellation: a new e-card serial.
        let again = try cli.run(issueArguments, stdin: "246801\n")
        #expect(again.status == 0)
        #expect(again.json["ecard"] as? String != issued.json["ecard"] as? String)
        #expect(try cli.run(["verify"], as: "ciren").status == 0)
    }

    @Test func certificationPaymentsAndDeathThroughTheCommandLine() throws {
        var cli = try CLI.hall()
        cli.today = "2022-06-15"
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"])
        try cli.run(["enrol", "--id", tashi, "--scheme", "resident-pension", "--from", "2010-01-01"])
        #expect(try cli.run(["benefit", "add", "--id", tashi, "--monthly", "205", "--from", "2022-06"]).status == 0)
        let certified = try cli.run(["certify", "--id", tashi, "--method", "counter", "--json"])
        #expect(certified.json["nextDue"] as? String == "2023-06-15")
        #expect(try cli.run(["certify", "--id", tashi, "--method", "video", "--json"]).status == 65)

        // A year later: due soon, then overdue and suspended for July and August.
        cli.today = "2023-06-01"
        let due = try cli.run(["certify", "due", "--within", "30", "--region", "5401", "--json"]).json
        let people = try #require(due["people"] as? [[String: Any]])
        #expect(people.count == 1)
        #expect(people.first?["state"] as? String == "due-soon")
        #expect(people.first?["due"] as? String == "2023-06-15")
        cli.today = "2023-08-01"
        let june = try cli.run(["payments", "run", "--month", "2023-06", "--json"], as: "ciren").json
        #expect(((june["paid"] as? [[String: Any]])?.first?["amount"]) as? String == "205.00")
        for month in ["2023-07", "2023-08"] {
            let run = try cli.run(["payments", "run", "--month", month, "--json"], as: "ciren").json
            #expect((run["suspended"] as? [[String: Any]])?.count == 1, "\(month)")
        }
        #expect((try cli.run(["certify", "due", "--json"]).json["people"] as? [[String: Any]])?.first?["state"] as? String == "suspended")

        // Certified again by video; September pays the month and back-pays July and August in one line.
        cli.today = "2023-08-20"
        #expect(try cli.run(["certify", "--id", tashi, "--method", "video", "--ref", "VC-0820-01"]).status == 0)
        cli.today = "2023-09-01"
        let september = try cli.run(["payments", "run", "--month", "2023-09", "--json"], as: "ciren").json
        let backPaid = try #require((september["backPaid"] as? [[String: Any]])?.first)
        #expect(backPaid["amount"] as? String == "410.00")
        #expect(backPaid["months"] as? [String] == ["2023-07", "2023-08"])
        let rerun = try cli.run(["payments", "run", "--month", "2023-09", "--json"], as: "ciren").json
        #expect((rerun["paid"] as? [Any])?.isEmpty == true)
        #expect((rerun["backPaid"] as? [Any])?.isEmpty == true)
        #expect(try cli.run(["payments", "run", "--month", "2023-10"]).status == 77)

        // October is paid, then a death in mid-September is reported: October is overpaid.
        cli.today = "2023-10-01"
        try cli.run(["payments", "run", "--month", "2023-10"], as: "ciren")
        cli.today = "2023-10-10"
        let death = try cli.run(["death", "--id", tashi, "--date", "2023-09-16", "--json"]).json
        let overpaid = try #require(death["overpaid"] as? [String: Any])
        #expect(overpaid["amount"] as? String == "205.00")
        #expect(overpaid["months"] as? [String] == ["2023-10"])
        let afterDeath = try cli.run(["certify", "--id", tashi, "--method", "counter", "--json"])
        #expect(afterDeath.status == 65)
        #expect(error(afterDeath) == "person-deceased")
        #expect(try cli.run(["verify"], as: "ciren").status == 0)
    }

    @Test func importAndDataComparisonReportInTheContractShape() throws {
        var cli = try CLI.hall()
        cli.today = "2023-01-05"
        let drolma = CLI.id(birth: "19580101", sequence: 246)
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"])
        try cli.run(["person", "add", "--id", drolma, "--name", "卓玛"])
        for id in [tashi, drolma] {
            try cli.run(["enrol", "--id", id, "--scheme", "resident-pension", "--from", "2010-01-01"])
            try cli.run(["benefit", "add", "--id", id, "--monthly", "300", "--from", "2022-01"])
        }
        cli.today = "2023-06-01"
        let bad = cli.directory + "/bad.csv"
        try "id,date,result,reference\n\(tashi),2023-05-30,pass,R1\n\(drolma),2023-13-01,pass,R2\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try cli.run(["certify", "import", bad, "--json", "--lang", "en"])
        #expect(refused.status == 65)
        #expect(((refused.json["error"] as? [String: Any])?["message"] as? String)?.contains("line 3") == true)
        let shown = try cli.run(["person", "show", tashi, "--json"]).json
        #expect(shown["certification"] is NSNull)
        let good = cli.directory + "/good.csv"
        try "# platform export\nid,date,result,reference\n\(tashi),2023-05-30,pass,R1\n\(drolma),2023-05-31,fail,R2\n".write(toFile: good, atomically: true, encoding: .utf8)
        let imported = try cli.run(["certify", "import", good, "--json"]).json
        #expect((imported["certified"] as? [[String: Any]])?.map { $0["id"] as? String } == [tashi])
        #expect((imported["failed"] as? [[String: Any]])?.first?["line"] as? Int == 4)
        // 卓玛 came to the counter on 2023-01-05 (registration): data comparison certifies her with that date.
        let byData = try cli.run(["certify", "by-data", "--region", "540102", "--json"]).json
        let certified = try #require(byData["certified"] as? [[String: Any]])
        #expect(certified.map { $0["id"] as? String } == [drolma])
        #expect((certified.first?["evidence"] as? String)?.contains("2023-01-05") == true)
        let drolmaShown = try cli.run(["person", "show", drolma, "--json"]).json
        #expect((drolmaShown["certification"] as? [String: Any])?["nextDue"] as? String == "2024-01-05")
    }
}
