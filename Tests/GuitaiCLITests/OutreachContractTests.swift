import Foundation
import Testing

/// Issue 10 through the binary, as cli.md fixes it: `outreach checkout|open|return|receive`, their JSON and exit
/// statuses, and a receive killed at random moments.
@Suite struct OutreachContractTests {
    static let passphrase = "雪域高原 2023 outreach\n"

    /// A hall that checked a laptop out, the laptop (its own store) with `people` people registered, and its return.
    private func trip(people: Int) throws -> (hall: CLI, laptop: CLI, bundle: String) {
        let hall = try CLI.hall()
        let take = hall.directory + "/take.bundle"
        let checkout = try hall.run(["outreach", "checkout", "--device", "笔记本一", "--out", take, "--passphrase-stdin", "--json"],
                                    stdin: Self.passphrase)
        #expect(checkout.status == 0 && checkout.json["device"] as? String == "D1", "\(checkout.stdout) \(checkout.stderr)")
        var laptop = hall
        laptop.storeOverride = hall.directory + "/laptop.sqlite"
        let opened = try laptop.run(["outreach", "open", take, "--passphrase-stdin", "--json"], stdin: Self.passphrase)
        #expect(opened.status == 0 && opened.json["device"] as? String == "D1", "\(opened.stdout) \(opened.stderr)")
        for i in 0..<people {
            let added = try laptop.run(["person", "add", "--id", CLI.id(birth: "19800101", sequence: i + 1), "--name", "次旦\(i)", "--json"])
            #expect(added.status == 0 && (added.json["serial"] as? String ?? "").hasPrefix("540102D1"), "\(added.stdout)")
        }
        let bundle = hall.directory + "/return.bundle"
        let returned = try laptop.run(["outreach", "return", "--out", bundle, "--passphrase-stdin", "--json"], stdin: Self.passphrase)
        #expect(returned.status == 0 && returned.json["entries"] as? Int == people, "\(returned.stdout) \(returned.stderr)")
        return (hall, laptop, bundle)
    }

    @Test func theRoundTripAndItsRepeat() throws {
        let (hall, laptop, bundle) = try trip(people: 3)
        let first = try hall.run(["outreach", "receive", bundle, "--passphrase-stdin", "--json"], as: "ciren", stdin: Self.passphrase)
        #expect(first.status == 0 && first.json["applied"] as? Int == 3 && first.json["skipped"] as? Int == 0, "\(first.stdout) \(first.stderr)")
        #expect((first.json["conflicts"] as? [Any])?.isEmpty == true)
        #expect(try hall.run(["person", "show", CLI.id(birth: "19800101", sequence: 2)]).status == 0)
        let before = try hall.transactions()
        let again = try hall.run(["outreach", "receive", bundle, "--passphrase-stdin", "--json"], as: "ciren", stdin: Self.passphrase)
        #expect(again.status == 0 && again.json["applied"] as? Int == 0 && again.json["skipped"] as? Int == 3, "\(again.stdout)")
        #expect(try hall.transactions() == before)
        let verified = try hall.run(["verify", "--json"], as: "ciren")
        #expect(verified.json["ok"] as? Bool == true, "\(verified.stdout)")
        #expect(try laptop.run(["verify", "--json"]).json["ok"] as? Bool == true)
    }

    @Test func aBadBundleExits65AndChangesNothing() throws {
        let (hall, _, bundle) = try trip(people: 1)
        let before = try hall.transactions()
        var data = try Data(contentsOf: URL(fileURLWithPath: bundle))
        data[data.count / 2] ^= 0x04
        let tampered = hall.directory + "/tampered.bundle"
        try data.write(to: URL(fileURLWithPath: tampered))
        let refused = try hall.run(["outreach", "receive", tampered, "--passphrase-stdin", "--json"], as: "ciren", stdin: Self.passphrase)
        #expect(refused.status == 65 && (refused.json["error"] as? [String: Any])?["code"] as? String == "bad-bundle", "\(refused.stdout)")
        let wrong = try hall.run(["outreach", "receive", bundle, "--passphrase-stdin"], as: "ciren", stdin: "not the passphrase\n")
        #expect(wrong.status == 65 && wrong.stderr.contains("口令"))
        // No passphrase at all is a usage error; a passphrase is never an argument.
        #expect(try hall.run(["outreach", "receive", bundle], as: "ciren").status == 64)
        #expect(try hall.run(["outreach", "receive", hall.directory + "/missing.bundle", "--passphrase-stdin"], as: "ciren",
                             stdin: Self.passphrase).status == 66)
        #expect(try hall.transactions() == before)
    }

    @Test func aReceiveKilledAtAnyMomentLeavesTheHallAsBeforeOrFullyApplied() throws {
        let (hall, _, bundle) = try trip(people: 12)
        let before = try hall.transactions()
        // The hall as it stands, to start each attempt from.
        var files: [String] = []
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: hall.store + suffix) { files.append(suffix) }
        func fresh(_ n: Int) throws -> CLI {
            var copy = hall
            copy.storeOverride = hall.directory + "/attempt-\(n).sqlite"
            for suffix in files { try FileManager.default.copyItem(atPath: hall.store + suffix, toPath: copy.store + suffix) }
            return copy
        }
        let clock = Date()
        _ = try fresh(99).run(["outreach", "receive", bundle, "--passphrase-stdin"], as: "ciren", stdin: Self.passphrase)
        let typical = UInt32(Date().timeIntervalSince(clock) * 1_000_000)
        var generator = SystemRandomNumberGenerator()
        var killed = 0, killedWhileWriting = 0
        for n in 0..<20 {
            let attempt = try fresh(n)
            let wal = CLI.writeAheadLog(of: attempt.store)
            let (process, out, _) = try attempt.start(["outreach", "receive", bundle, "--passphrase-stdin"], as: "ciren", stdin: Self.passphrase)
            if n % 2 == 0 {
                usleep(UInt32.random(in: 0...(typical * 3 / 2), using: &generator))
            } else {
                while process.isRunning && CLI.writeAheadLog(of: attempt.store) == wal { usleep(20) }
                usleep(UInt32.random(in: 0...2_000, using: &generator))
            }
            if process.isRunning {
                if CLI.writeAheadLog(of: attempt.store) != wal { killedWhileWriting += 1 }
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            _ = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            // As before (nothing of it), or all of it: twelve entries and the receive itself; never a part.
            let after = try attempt.transactions()
            #expect(after == before || after == before + 13, "attempt \(n): \(after) transactions, before \(before)")
            #expect(try attempt.run(["verify", "--json"], as: "ciren").json["ok"] as? Bool == true, "attempt \(n)")
            // And the next receive completes it.
            let finished = try attempt.run(["outreach", "receive", bundle, "--passphrase-stdin", "--json"], as: "ciren", stdin: Self.passphrase)
            #expect(finished.status == 0 && (finished.json["applied"] as? Int ?? 0) + (finished.json["skipped"] as? Int ?? 0) == 12)
            #expect(try attempt.transactions() == before + 13)
        }
        #expect(killed > 0 && killedWhileWriting > 0, "killed \(killed), while writing \(killedWhileWriting): the test proved little")
    }
}

/// Issue 10, item 7, the laptop's side: killed in the middle of its work, it keeps every acknowledged transaction, and
/// its return still brings each one home.
@Suite struct OutreachLaptopCrashTests {
    @Test func aLaptopKilledMidWorkStillBringsHomeEverythingAcknowledged() throws {
        let hall = try CLI.hall()
        let take = hall.directory + "/take.bundle"
        #expect(try hall.run(["outreach", "checkout", "--device", "笔记本一", "--out", take, "--passphrase-stdin"],
                             stdin: OutreachContractTests.passphrase).status == 0)
        var laptop = hall
        laptop.storeOverride = hall.directory + "/laptop.sqlite"
        #expect(try laptop.run(["outreach", "open", take, "--passphrase-stdin"], stdin: OutreachContractTests.passphrase).status == 0)
        var acknowledged: [String] = []
        var killed = 0
        var generator = SystemRandomNumberGenerator()
        // How long one registration takes here, so the kills land across a whole run whatever the machine's speed.
        let clock = Date()
        #expect(try laptop.run(["person", "add", "--id", CLI.id(birth: "19800101", sequence: 999), "--name", "计时"]).status == 0)
        let typical = UInt32(Date().timeIntervalSince(clock) * 1_000_000)
        for i in 0..<16 {
            let id = CLI.id(birth: "19800101", sequence: i + 1)
            let wal = CLI.writeAheadLog(of: laptop.store)
            let (process, out, _) = try laptop.start(["person", "add", "--id", id, "--name", "次旦\(i)"])
            if i % 2 == 0 {
                usleep(UInt32.random(in: 0...(typical * 3 / 2), using: &generator))
            } else {
                while process.isRunning && CLI.writeAheadLog(of: laptop.store) == wal { usleep(20) }
                usleep(UInt32.random(in: 0...1_000, using: &generator))
            }
            // Every fourth runs to its end, so some registrations are acknowledged however slow the machine is today.
            if process.isRunning && i % 4 != 3 {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            _ = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            if process.terminationReason == .exit && process.terminationStatus == 0 { acknowledged.append(id) }
        }
        #expect(killed > 0 && !acknowledged.isEmpty, "killed \(killed), acknowledged \(acknowledged.count): the test proved little")
        #expect(try laptop.run(["verify", "--json"]).json["ok"] as? Bool == true)
        let bundle = hall.directory + "/return.bundle"
        #expect(try laptop.run(["outreach", "return", "--out", bundle, "--passphrase-stdin"], stdin: OutreachContractTests.passphrase).status == 0)
        let received = try hall.run(["outreach", "receive", bundle, "--passphrase-stdin", "--json"], as: "ciren", stdin: OutreachContractTests.passphrase)
        #expect(received.status == 0 && (received.json["conflicts"] as? [Any])?.isEmpty == true, "\(received.stdout)")
        for id in acknowledged {
            #expect(try hall.run(["person", "show", id]).status == 0, "acknowledged \(id) did not come home")
        }
        #expect(try hall.run(["verify", "--json"], as: "ciren").json["ok"] as? Bool == true)
    }
}
