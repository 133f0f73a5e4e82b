import Foundation
import GRDB
import Testing

/// The issue on trust through the built binary: readers never wait for writers, nothing traps, the life of a person
/// end to end, operators, audited lists, files from any office, and stores that cannot be written.
@Suite struct TrustContractTests {
    let tashi = CLI.id(birth: "19550310", sequence: 123)

    func error(_ outcome: CLI.Outcome) -> (code: String, message: String) {
        let error = outcome.json["error"] as? [String: Any]
        return (error?["code"] as? String ?? "", error?["message"] as? String ?? "")
    }

    /// A person with resident medical and resident pension, and a bill file.
    func insured(_ cli: CLI) throws -> String {
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措", "--group", "dibao:2020-01-01"])
        try cli.run(["enrol", "--id", tashi, "--scheme", "resident-medical", "--from", "2023-01-01"])
        try cli.run(["enrol", "--id", tashi, "--scheme", "resident-pension", "--from", "2010-01-01"])
        let bill = cli.directory + "/bill.json"
        try #"[{"name":"住院费","category":"A","amount":"40000"}]"#.write(toFile: bill, atomically: true, encoding: .utf8)
        return bill
    }

    @Test func readersAnswerWhileAnotherConnectionHoldsTheWriteLock() throws {
        let cli = try CLI.hall()
        let bill = try insured(cli)
        let holder = try DatabaseQueue(path: cli.store)
        // The lock is released only after every reader has answered: a reader that waited for it would time out.
        let outcomes = try holder.writeWithoutTransaction { db -> [(String, CLI.Outcome)] in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "INSERT INTO settings(key, value) VALUES ('payment-run', 'in progress')")
            defer { try? db.execute(sql: "ROLLBACK") }
            return try [
                ("person show", cli.run(["person", "show", tashi, "--json"])),
                ("person find", cli.run(["person", "find", "扎西", "--json"])),
                ("certify due", cli.run(["certify", "due"])),
                ("settle --preview", cli.run(["settle", "--id", tashi, "--visit", "inpatient", "--level", "2", "--items", bill, "--preview", "--json"])),
                ("id check --store", cli.run(["id", "check", tashi, "--json"], as: nil)),
            ]
        }
        for (what, outcome) in outcomes { #expect(outcome.status == 0, "\(what): \(outcome.stdout) \(outcome.stderr)") }
    }

    @Test func aReaderThatMeetsAnExclusiveLockWaitsItOut() throws {
        // The last connection of a process takes an exclusive lock to checkpoint as it closes; SQLite then answers
        // BUSY to a connection that only looks at the file, without calling any busy handler. A second here.
        let cli = try CLI.hall()
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"])
        let held = DispatchSemaphore(value: 0)
        let path = cli.store
        Thread {
            guard let holder = try? DatabaseQueue(path: path) else { held.signal(); return }
            try? holder.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA locking_mode = EXCLUSIVE")
                try db.execute(sql: "BEGIN EXCLUSIVE")
                try db.execute(sql: "INSERT INTO settings(key, value) VALUES ('checkpoint', 'closing')")
                held.signal()
                Thread.sleep(forTimeInterval: 1)
                try db.execute(sql: "ROLLBACK")
                try db.execute(sql: "PRAGMA locking_mode = NORMAL")
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM settings")
            }
        }.start()
        held.wait()
        for arguments in [["person", "show", tashi, "--json"], ["id", "check", tashi, "--json"]] {
            let outcome = try cli.run(arguments)
            #expect(outcome.status == 0, "\(arguments[0]): \(outcome.stdout) \(outcome.stderr)")
        }
    }

    @Test func aWriteDuringAThreeSecondWriteWaitsAndSucceeds() throws {
        let cli = try CLI.hall()
        let holder = try DatabaseQueue(path: cli.store)
        let held = DispatchSemaphore(value: 0)
        let thread = Thread {
            try? holder.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "INSERT INTO settings(key, value) VALUES ('held', 'yes')")
                held.signal()
                Thread.sleep(forTimeInterval: 3)
                try db.execute(sql: "ROLLBACK")
            }
        }
        thread.start()
        held.wait()
        let outcome = try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措", "--json"])
        #expect(outcome.status == 0, "\(outcome.stdout)")
        #expect(try cli.run(["person", "show", tashi]).status == 0)
    }

    @Test func eightCountersWritingFiftyTimesEachAllSucceed() throws {
        let cli = try CLI.hall()
        let group = DispatchGroup()
        let failures = Failures()
        for counter in 0..<8 {
            group.enter()
            Thread {
                defer { group.leave() }
                for n in 0..<50 {
                    let id = CLI.id(birth: "19\(60 + counter)0101", sequence: n + 1)
                    let outcome = (try? cli.run(["person", "add", "--id", id, "--name", "次仁\(n)", "--counter", String(counter + 1)]))
                    if outcome?.status != 0 { failures.add("\(counter)/\(n): \(outcome?.status ?? -1) \(outcome?.stderr ?? "")") }
                }
            }.start()
        }
        group.wait()
        #expect(failures.all.isEmpty, "\(failures.all.prefix(5))")
        let verify = try cli.run(["verify", "--json"], as: "ciren")
        #expect(verify.json["ok"] as? Bool == true)
        #expect(verify.json["transactions"] as? Int == 3 + 400)
    }

    @Test func aBusinessDateOutsideTheServiceYearsIsAUsageErrorEverywhere() throws {
        var cli = try CLI.hall()
        for day in ["9999-01-01", "1989-12-31", "2100-01-01"] {
            cli.today = day
            for arguments in [["certify", "due", "--json"], ["card", "register", "--id", tashi, "--number", "A12345678", "--json"],
                              ["id", "check", tashi, "--json"], ["certify", "--id", tashi, "--method", "counter", "--json"]] {
                let outcome = try cli.run(arguments)
                #expect(outcome.status == 64 && error(outcome).code == "bad-business-date", "\(day) \(arguments[0]): \(outcome.stdout)")
                #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains(".swift"))
            }
        }
    }

    @Test func theLifeOfAPersonEndToEnd() throws {
        var cli = try CLI.hall()
        let bill = try insured(cli)
        // Registered dead on 2023-05-01: a visit on 05-20 is refused naming the date; one on 04-20 is settled.
        #expect(try cli.run(["death", "--id", tashi, "--date", "2023-05-01", "--json"]).status == 0)
        let after = try cli.run(["settle", "--id", tashi, "--date", "2023-05-20", "--visit", "inpatient", "--level", "2", "--items", bill, "--json"])
        #expect(after.status == 65 && error(after).code == "person-deceased" && error(after).message.contains("2023-05-01"))
        #expect(try cli.run(["settle", "--id", tashi, "--date", "2023-04-20", "--visit", "inpatient", "--level", "2", "--items", bill]).status == 0)
        let pension = try cli.run(["enrol", "--id", tashi, "--scheme", "employee-pension", "--from", "2023-05-20", "--employer", "91540100MA6T00001X", "--json"])
        #expect(pension.status == 65)
        let shown = try cli.run(["person", "show", tashi, "--json"]).json
        let enrolments = shown["enrolments"] as? [[String: Any]] ?? []
        #expect(enrolments.count == 2 && enrolments.allSatisfy { $0["status"] as? String == "terminated" && $0["to"] as? String == "2023-05-01" })
        // A clerk cannot withdraw the death; a supervisor can, and the enrolments come back.
        #expect(try cli.run(["death", "reverse", "--id", tashi, "--json"]).status == 77)
        #expect(try cli.run(["death", "reverse", "--id", tashi, "--json"], as: "ciren").status == 0)
        let restored = try cli.run(["person", "show", tashi, "--json"]).json["enrolments"] as? [[String: Any]] ?? []
        #expect(restored.allSatisfy { $0["status"] as? String == "active" && $0["to"] is NSNull })

        // Dates that cannot be true.
        let future = try cli.run(["settle", "--id", tashi, "--date", "2023-12-31", "--visit", "outpatient", "--level", "1", "--items", bill, "--json"])
        #expect(future.status == 65)
        #expect(try cli.run(["payments", "run", "--month", "2099-01", "--json"], as: "ciren").status == 65)
        #expect(try cli.run(["benefit", "add", "--id", tashi, "--monthly", "205", "--from", "9999-12", "--json"]).status == 65)
        let settled = try cli.run(["settle", "--id", tashi, "--visit", "outpatient", "--level", "1", "--items", bill, "--json"])
        let serial = settled.json["serial"] as? String ?? ""
        cli.today = "2023-05-01"
        #expect(try cli.run(["settle", "reverse", serial, "--json"], as: "ciren").status == 65)
        cli.today = "2023-06-01"

        // A three-year-old with no enrolment gets no pension.
        let child = CLI.id(birth: "20200310", sequence: 124)
        try cli.run(["person", "add", "--id", child, "--name", "普布"])
        let benefit = try cli.run(["benefit", "add", "--id", child, "--monthly", "205", "--from", "2023-01", "--json"])
        #expect(benefit.status == 65 && error(benefit).code == "not-eligible")
        #expect(try cli.run(["verify", "--json"], as: "ciren").json["ok"] as? Bool == true)
    }

    @Test func subcommandsKeepTheirOwnOptions() throws {
        // `enrol change --id` once lost its --id to the parent command's own option.
        let cli = try CLI.hall()
        _ = try insured(cli)
        let suspended = try cli.run(["enrol", "change", "--id", tashi, "--scheme", "resident-medical", "--to", "suspended", "--json"])
        #expect(suspended.status == 0 && suspended.json["status"] as? String == "suspended", "\(suspended.stdout) \(suspended.stderr)")
        #expect(try cli.run(["death", "--id", tashi, "--date", "2023-05-01", "--json"]).status == 0)
        #expect(try cli.run(["death", "reverse", "--id", tashi, "--json"], as: "ciren").status == 0)
        // Lists refuse a region that is no division prefix.
        #expect(try cli.run(["certify", "due", "--region", "99999999999", "--json"]).status == 64)
        #expect(try cli.run(["certify", "by-data", "--region", "x", "--json"]).status == 64)
    }

    @Test func idNumbersAtTheEdges() throws {
        let cli = CLI()
        let outcome = try cli.run(["id", "check", "830000198506150032", "110101180001010015", "--json", "--lang", "en"], as: nil)
        let results = outcome.json["results"] as? [[String: Any]] ?? []
        #expect(results.first?["valid"] as? Bool == true)
        #expect(results.first?["birthDate"] as? String == "1985-06-15")
        #expect((results.first?["regionName"] as? String)?.contains("台湾居民居住证") == true)
        #expect(results.last?["valid"] as? Bool == false)
        #expect((results.last?["reason"] as? String)?.contains("1900") == true)
        #expect(outcome.status == 65)
    }

    @Test func filesFromAnyOfficeAndPoliciesBeyondBelief() throws {
        let cli = try CLI.hall()
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"])
        try cli.run(["enrol", "--id", tashi, "--scheme", "resident-pension", "--from", "2010-01-01"])
        try cli.run(["benefit", "add", "--id", tashi, "--monthly", "205", "--from", "2023-01"])
        // Saved by Excel on Windows: a BOM and CRLF line ends.
        let windows = cli.directory + "/windows.csv"
        try Data([0xEF, 0xBB, 0xBF] + Array("id,date,result,reference\r\n\(tashi),2023-05-30,pass,R1\r\n".utf8)).write(to: URL(fileURLWithPath: windows))
        let imported = try cli.run(["certify", "import", windows, "--json"])
        #expect(imported.status == 0 && (imported.json["certified"] as? [Any])?.count == 1, "\(imported.stdout)")
        // Saved as GBK: refused, naming the encoding and how to re-save.
        let gbk = cli.directory + "/gbk.csv"
        try Data(Array("id,date,result,reference\n\(tashi),2023-05-31,pass,".utf8) + [0xD4, 0xFA, 0xCE, 0xF7, 0x0A]).write(to: URL(fileURLWithPath: gbk))
        let refused = try cli.run(["certify", "import", gbk, "--json", "--lang", "en"])
        #expect(refused.status == 65 && error(refused).code == "not-utf8" && error(refused).message.contains("GBK"))
        // A policy amount of 99,999,999,999,999.99 is refused with its line, not accepted to crash a bill later.
        let text = try String(contentsOfFile: CLI.root.path + "/Resources/policies/xizang-2023.policy", encoding: .utf8)
            .replacingOccurrences(of: "tilted-cap = none", with: "tilted-cap = 99999999999999.99")
        let policy = cli.directory + "/huge.policy"
        try text.write(toFile: policy, atomically: true, encoding: .utf8)
        let checked = try cli.run(["policy", "check", policy, "--json", "--lang", "en"], as: nil)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("99999999999999.99") }.map { $0 + 1 } ?? 0
        #expect(checked.status == 65 && error(checked).message.contains("line \(line)"), "\(checked.stdout)")
    }

    @Test func aDamagedRowIsStoreDamagedNamingItsTableNotACrash() throws {
        let cli = try CLI.hall()
        _ = try insured(cli)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        try DatabaseQueue(path: cli.store, configuration: configuration).writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE enrolments SET scheme = 'space-travel' WHERE scheme = 'resident-medical'")
        }
        let shown = try cli.run(["person", "show", tashi, "--json", "--lang", "en"])
        #expect(shown.status == 1 && error(shown).code == "store-damaged")
        #expect(error(shown).message.contains("enrolments") && error(shown).message.contains("scheme"))
        #expect(!shown.stderr.contains("Fatal error"))
        let verify = try cli.run(["verify", "--json"], as: "ciren")
        #expect(verify.status == 1)
        #expect((verify.json["problems"] as? [String])?.contains { $0.contains("enrolments") } == true)
    }

    @Test func operatorsAreManagedByTheAdministratorEachChangeJournaled() throws {
        let cli = try CLI.hall()
        let before = try cli.transactions()
        // Five wrong passwords lock 卓玛; the administrator unlocks her at once.
        var locked = cli
        locked.passwordOverride = "wrong-password"
        for _ in 0..<5 { #expect(try locked.run(["person", "find", "x", "--json"]).status == 77) }
        let listed = try cli.run(["operator", "list", "--json"], as: "admin").json["operators"] as? [[String: Any]] ?? []
        #expect(listed.first { $0["id"] as? String == "zhuoma" }?["state"] as? String == "locked")
        #expect(Set(listed.compactMap { $0["role"] as? String }) == ["admin", "clerk", "supervisor"])
        #expect(try cli.run(["person", "find", "x", "--json"]).status == 77)
        #expect(try cli.run(["operator", "unlock", "--id", "zhuoma", "--json"], as: "admin").status == 0)
        #expect(try cli.run(["person", "find", "x", "--json"]).status == 0)
        // Disabled: the right password no longer opens the desk; enabled again, it does.
        #expect(try cli.run(["operator", "disable", "--id", "zhuoma", "--json"], as: "admin").status == 0)
        let disabled = try cli.run(["person", "find", "x", "--json"])
        #expect(disabled.status == 77 && error(disabled).code == "account-disabled")
        #expect(try cli.run(["operator", "enable", "--id", "zhuoma", "--json"], as: "admin").status == 0)
        #expect(try cli.run(["person", "find", "x", "--json"]).status == 0)
        // A new password from standard input; the old one stops working.
        #expect(try cli.run(["operator", "reset-password", "--id", "zhuoma", "--password-stdin", "--json"], as: "admin",
                            stdin: "new-clerk-password\n").status == 0)
        #expect(try cli.run(["person", "find", "x", "--json"]).status == 77)
        var renewed = cli
        renewed.passwordOverride = "new-clerk-password"
        #expect(try renewed.run(["person", "find", "x", "--json"]).status == 0)
        // Only the administrator manages operators, and not their own account's disabling.
        #expect(try cli.run(["operator", "list", "--json"], as: "ciren").status == 77)
        #expect(try cli.run(["operator", "disable", "--id", "admin", "--json"], as: "admin").status == 65)
        #expect(try cli.run(["operator", "unlock", "--id", "ghost", "--json"], as: "admin").status == 66)
        // unlock, disable, enable, reset-password: four journaled transactions.
        #expect(try cli.transactions() == before + 4)
    }

    @Test func listsWithFullIDNumbersAreAuditedAndMaskedListsAreNot() throws {
        let cli = try CLI.hall()
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"])
        try cli.run(["enrol", "--id", tashi, "--scheme", "resident-pension", "--from", "2010-01-01"])
        try cli.run(["benefit", "add", "--id", tashi, "--monthly", "205", "--from", "2022-06"])
        let before = try cli.transactions()
        #expect(try cli.run(["certify", "due"]).status == 0)
        #expect(try cli.transactions() == before, "a list without full numbers was journaled")
        let due = try cli.run(["certify", "due", "--json"])
        #expect((due.json["people"] as? [[String: Any]])?.first?["id"] as? String == tashi)
        #expect(try cli.transactions() == before + 1)
        // A business transaction that shows full numbers records the list in its own entry, atomically.
        #expect(try cli.run(["payments", "run", "--month", "2023-06", "--json"], as: "ciren").status == 0)
        #expect(try cli.run(["payments", "run", "--month", "2023-05"], as: "ciren").status == 0)
        let journal = try DatabaseQueue(path: cli.store).read { db in
            try Row.fetchAll(db, sql: "SELECT operator, kind, payload FROM journal WHERE payload LIKE '%\"count\":%' ORDER BY seq")
        }
        #expect(journal.map { $0["kind"] as String? } == ["audit.list", "payments.run"])
        let first: String = journal.first?["payload"] ?? "", run: String = journal.last?["payload"] ?? ""
        #expect(journal.first?["operator"] as String? == "zhuoma" && first.contains("certify due") && first.contains("\"count\":1"))
        #expect(journal.last?["operator"] as String? == "ciren" && run.contains("\"audit\"") && run.contains("payments run"))
    }

    @Test func aStoreThisUserCannotWriteIsReadAndVerifiedButNotWritten() throws {
        let cli = try CLI.hall()
        try cli.run(["person", "add", "--id", tashi, "--name", "扎西·平措"])
        try DatabaseQueue(path: cli.store).writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let folder = NSTemporaryDirectory() + "guitai-readonly-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: cli.store, toPath: folder + "/hall.sqlite")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder + "/hall.sqlite")
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        var readOnly = CLI(directory: folder)
        // Root may write anything: the test runs the binary as `nobody` then.
        readOnly.runAs = getuid() == 0 ? "nobody" : nil
        let shown = try readOnly.run(["person", "show", tashi, "--json"])
        #expect(shown.status == 0, "\(shown.stdout) \(shown.stderr)")
        #expect(shown.stderr.components(separatedBy: "read-only").count - 1 <= 1 && shown.stderr.contains("只读"))
        let verified = try readOnly.run(["verify", "--json"], as: "ciren")
        #expect(verified.status == 0 && verified.json["ok"] as? Bool == true, "\(verified.stdout) \(verified.stderr)")
        let written = try readOnly.run(["person", "add", "--id", CLI.id(birth: "19600101", sequence: 5), "--name", "次仁", "--json"])
        #expect(written.status == 1 && error(written).code == "store-read-only")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["hall.sqlite"])
    }

    @Test func aDirectoryGivenAsTheStoreIsNamed() throws {
        var cli = CLI()
        cli.storeOverride = cli.directory
        let outcome = try cli.run(["person", "show", tashi, "--json", "--lang", "en"])
        #expect(outcome.status == 65 && error(outcome).code == "not-a-store" && error(outcome).message.contains("directory"))
    }
}

/// What concurrent counters report back, collected under a lock.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    func add(_ failure: String) {
        lock.lock()
        list.append(failure)
        lock.unlock()
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
