import Foundation
import Testing

/// The command-line contract of `cli.md`: exit statuses, JSON keys, amounts and the error shape.
@Suite struct ContractTests {
    let tashi = CLI.id(birth: "19550310", sequence: 123)

    @Test func initCreatesOnceAndRefusesToTouchAnExistingStore() throws {
        let cli = try CLI.hall()
        let again = try cli.run(["init", "--hall-code", "540102", "--hall-name", "x", "--region", "540102", "--admin", "a",
                                 "--admin-name", "a", "--password-stdin", "--json"], as: nil, stdin: "another-password\n")
        #expect(again.status == 65)
        let error = try #require(again.json["error"] as? [String: Any])
        #expect(error["code"] as? String == "store-exists")
        #expect((error["message"] as? String)?.isEmpty == false)
    }

    @Test func idCheckNeedsNoStoreAndReportsEachNumber() throws {
        let cli = CLI()
        let outcome = try cli.run(["id", "check", "11010519491231002x", "110105491231002", "110105194912310021", "--json"], as: nil)
        #expect(outcome.status == 65)
        let results = try #require(outcome.json["results"] as? [[String: Any]])
        #expect(results.count == 3)
        #expect(results[0]["normalized"] as? String == "11010519491231002X")
        #expect(results[0]["sex"] as? String == "female")
        #expect(results[0]["birthDate"] as? String == "1949-12-31")
        #expect(results[0]["region"] as? String == "110105")
        #expect(results[0]["reason"] == nil)
        #expect(results[1]["normalized"] as? String == "11010519491231002X")
        #expect(results[2]["valid"] as? Bool == false)
        #expect((results[2]["reason"] as? String)?.contains("X") == true)
        let valid = try cli.run(["id", "check", "11010519491231002X"], as: nil)
        #expect(valid.status == 0)
    }

    @Test func exitStatusesFollowTheContract() throws {
        let cli = try CLI.hall()
        // 64: usage.
        let usage = try cli.run(["enrol", "--json", "--scheme", "resident-medical"])
        #expect(usage.status == 64)
        #expect((usage.json["error"] as? [String: Any])?["code"] as? String == "missing-option")
        let unknownFlag = try cli.run(["person", "show", "--json", "--no-such-flag"])
        #expect(unknownFlag.status == 64)
        #expect((unknownFlag.json["error"] as? [String: Any])?["code"] as? String == "usage")
        // 66: not found.
        #expect(try cli.run(["person", "show", tashi]).status == 66)
        // 77: wrong password, no operator, wrong role.
        #expect(try cli.run(["person", "show", tashi], as: "intruder").status == 77)
        #expect(try cli.run(["person", "show", tashi], as: nil).status == 77)
        #expect(try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"], as: "admin").status == 77)
        // 0, then 65 for the same person twice, with the store unchanged.
        #expect(try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"]).status == 0)
        let before = try cli.transactions()
        let twice = try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措", "--json"])
        #expect(twice.status == 65)
        #expect((twice.json["error"] as? [String: Any])?["code"] as? String == "duplicate-person")
        #expect(try cli.transactions() == before)
        // Without --json the message goes to stderr, not stdout.
        let plain = try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"])
        #expect(plain.stdout.isEmpty)
        #expect(plain.stderr.contains("已登记"))
    }

    @Test func storeReindexIsTheAdministratorsAndSaysWhatItRebuilt() throws {
        let cli = try CLI.hall()
        let tashi = CLI.id(birth: "19600101", sequence: 123)
        #expect(try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"]).status == 0)
        #expect(try cli.run(["store", "reindex"]).status == 77)
        let done = try cli.run(["store", "reindex", "--json"], as: "admin")
        #expect(done.status == 0, "\(done.stderr)")
        // The ID tail, the four suffixes of 扎西平措, the initials in four readings (平 p or b, 措 c or z).
        #expect(done.json["searchKeys"] as? Int == 9 && done.json["dueDates"] as? Int == 0, "\(done.stdout)")
        #expect(try cli.run(["verify"], as: "ciren").status == 0)
    }

    @Test func enrolmentRefusalsUseTheContractCodes() throws {
        let cli = try CLI.hall()
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措", "--group", "dibao:2020-01-01"])
        let enrolled = try cli.run(["enrol", "--id", tashi, "--scheme", "resident-medical", "--from", "2023-01-01", "--json"])
        #expect(enrolled.status == 0)
        #expect(enrolled.json["coverFrom"] as? String == "2023-01-01")
        #expect((enrolled.json["contribution"] as? [String: Any])?["personal"] as? String == "190.00")
        let duplicate = try cli.run(["enrol", "--id", tashi, "--scheme", "employee-medical", "--json"])
        #expect(duplicate.status == 65)
        #expect((duplicate.json["error"] as? [String: Any])?["code"] as? String == "duplicate-enrolment")
        let child = CLI.id(birth: "20150101", sequence: 456)
        try cli.run(["person", "add", "--id", child, "--name", "小卓玛"])
        let young = try cli.run(["enrol", "--id", child, "--scheme", "resident-pension", "--json"])
        #expect(young.status == 65)
        #expect((young.json["error"] as? [String: Any])?["code"] as? String == "not-eligible")
        let shown = try cli.run(["person", "show", tashi, "--json"]).json
        #expect(shown["id"] as? String == tashi)
        #expect(shown["name"] as? String == "扎西·平措")
        let enrolments = try #require(shown["enrolments"] as? [[String: Any]])
        #expect(enrolments.map { $0["scheme"] as? String } == ["resident-medical"])
        #expect(enrolments[0]["status"] as? String == "active")
        #expect(enrolments[0]["from"] as? String == "2023-01-01")
        #expect(shown.keys.contains("ecard") && shown.keys.contains("benefit") && shown.keys.contains("certification"))
    }

    @Test func settlementJSONPreviewAndReversal() throws {
        let cli = try CLI.hall()
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措", "--group", "dibao:2020-01-01"])
        try cli.run(["enrol", "--id", tashi, "--scheme", "resident-medical", "--from", "2023-01-01"])
        let items = #"[{"name":"床位费","category":"A","amount":"3000.00"},{"name":"药品","category":"B","amount":"50000"},{"name":"自费药","category":"C","amount":"2000.50"}]"#
        let arguments = ["settle", "--id", tashi, "--date", "2023-06-01", "--visit", "inpatient", "--level", "3", "--items", "-", "--json"]
        let preview = try cli.run(arguments + ["--preview"], stdin: items)
        #expect(preview.status == 0)
        #expect(preview.json["serial"] == nil)
        let settled = try cli.run(arguments, stdin: items)
        #expect(settled.status == 0)
        let json = settled.json
        // Hand-computed in docs/settlement-walkthrough.md.
        let expected = ["policy": "xizang-2023", "total": "55000.50", "outOfScope": "2000.50", "bPrepay": "5000.00",
                        "inScope": "48000.00", "basic": "33180.00", "criticalIllness": "6383.00", "assistance": "5905.90",
                        "personal": "9531.60"]
        for (key, value) in expected { #expect(json[key] as? String == value, "\(key)") }
        for key in ["total", "outOfScope", "bPrepay", "inScope", "basic", "criticalIllness", "assistance", "personal"] {
            #expect(preview.json[key] as? String == json[key] as? String, "preview \(key)")
        }
        let serial = try #require(json["serial"] as? String)
        #expect(serial.hasPrefix("54010220230601"))
        #expect(try cli.run(["settle", "reverse", serial, "--json"]).status == 77)
        let reversed = try cli.run(["settle", "reverse", serial, "--json"], as: "ciren")
        #expect(reversed.status == 0)
        #expect(reversed.json["reversed"] as? String == serial)
        #expect(try cli.run(["settle", "reverse", serial], as: "ciren").status == 65)
        let slip = try cli.run(Array(arguments.dropLast()), stdin: items)
        #expect(slip.stdout.contains("【个人现金支付】"))
        let verify = try cli.run(["verify", "--json"], as: "ciren")
        #expect(verify.status == 0)
        #expect(verify.json["ok"] as? Bool == true)
        #expect((verify.json["problems"] as? [Any])?.isEmpty == true)
    }

    @Test func aMalformedPolicyFileIsRefusedWithItsLine() throws {
        let cli = CLI()
        let file = cli.directory + "/bad.policy"
        try "[policy]\nid = bad\nregions = 54\nyear = 2023\nextends = xizang-2023\n[settlement]\nb-prepay-share = 110% | illustrative\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = try cli.run(["policy", "check", file, "--json", "--lang", "en"], as: nil)
        #expect(outcome.status == 65)
        let message = (outcome.json["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains("line 7"))
        #expect(try cli.run(["policy", "check", CLI.root.path + "/Resources/policies/zhuzhou-2020.policy"], as: nil).status == 0)
    }
}

@Suite struct InstallationTests {
    @Test func theBinaryFindsItsResourcesFromAnyDirectoryAndFromAnInstalledLayout() throws {
        // An installed layout: PREFIX/bin/guitai and PREFIX/share/guitai/Resources, run from the root directory.
        let prefix = NSTemporaryDirectory() + "guitai-prefix-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: prefix + "/share/guitai", withIntermediateDirectories: true)
        try fm.copyItem(atPath: CLI.binary, toPath: prefix + "/bin/guitai")
        try fm.copyItem(atPath: CLI.root.path + "/Resources", toPath: prefix + "/share/guitai/Resources")
        for binary in [CLI.binary, prefix + "/bin/guitai"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["id", "check", "540102195503101230", "--json"]
            process.currentDirectoryURL = URL(fileURLWithPath: "/")
            var environment = ProcessInfo.processInfo.environment
            environment["GUITAI_RESOURCES"] = nil
            for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE"] { environment[key] = nil }
            environment["LANG"] = "C.UTF-8"
            process.environment = environment
            let out = Pipe()
            process.standardOutput = out
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "\(binary): \(text)")
            #expect(text.contains("西藏自治区拉萨市城关区"))
        }
        try? fm.removeItem(atPath: prefix)
    }
}
