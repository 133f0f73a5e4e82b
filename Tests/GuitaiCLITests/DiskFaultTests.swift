import Foundation
import Testing

/// Disks that fail (issue 13): strace makes the commit's `fdatasync` fail with EIO, or the store's writes fail with
/// ENOSPC, under an enrolment, a settlement, a payment run and a receive. Each time the command says in plain words
/// what happened and exits 1, the business it was doing is not there, everything acknowledged before is, `verify`
/// passes, and the same command works once the disk does.
@Suite struct DiskFaultTests {
    static let strace = "/usr/bin/strace"
    static let passphrase = "雪域高原 2023 outreach\n"

    /// The faults: the commit's sync fails, or every write to the store's files finds the disk full.
    static let faults: [(name: String, wrapper: [String])] = [
        ("EIO on fdatasync", [strace, "-f", "-qq", "-o", "/dev/null", "-e", "trace=fsync,fdatasync", "-e", "inject=fsync,fdatasync:error=EIO"]),
        ("ENOSPC on write", [strace, "-f", "-qq", "-o", "/dev/null", "-e", "trace=pwrite64,write", "-e", "inject=pwrite64:error=ENOSPC"]),
    ]

    private func error(_ outcome: CLI.Outcome) -> [String: Any] { outcome.json["error"] as? [String: Any] ?? [:] }

    /// Runs a command under a fault and checks what a clerk and the store care about; then runs it again, healthy.
    private func underFault(_ cli: CLI, _ arguments: [String], as op: String = "zhuoma", stdin: String? = nil,
                            stillAbsent: () throws -> Bool) throws {
        for fault in Self.faults {
            let before = try cli.transactions()
            let failed = try cli.run(arguments + ["--json"], as: op, stdin: stdin, wrapper: fault.wrapper)
            #expect(failed.signal == nil, "\(fault.name): \(arguments) died")
            #expect(failed.status == 1, "\(fault.name): \(arguments) → \(failed.status) \(failed.stdout) \(failed.stderr)")
            let message = error(failed)["message"] as? String ?? ""
            #expect(message.contains("磁盘"), "\(fault.name): \(message)")
            #expect(message.contains("没有保存") || message.contains("没有改动"), "\(fault.name): \(message)")
            #expect(try stillAbsent(), "\(fault.name): \(arguments) left its business behind")
            #expect(try cli.transactions() == before, "\(fault.name): the journal grew")
            let verify = try cli.run(["verify", "--json"], as: "ciren")
            #expect(verify.json["ok"] as? Bool == true, "\(fault.name): \(verify.stdout)")
        }
        let healthy = try cli.run(arguments + ["--json"], as: op, stdin: stdin)
        #expect(healthy.status == 0, "once the disk works: \(healthy.stdout) \(healthy.stderr)")
        #expect(try !stillAbsent())
    }

    @Test func enrolmentSettlementPaymentRunAndReceiveSayTheDiskFailedAndLoseNothing() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.strace), "strace is missing: make deps installs it")
        var hall = try CLI.hall()
        let tashi = CLI.id(birth: "19850310", sequence: 123), pema = CLI.id(birth: "19500704", sequence: 215)
        #expect(try hall.run(["person", "add", "--id", tashi, "--name", "扎西·平措"]).status == 0)
        #expect(try hall.run(["person", "add", "--id", pema, "--name", "白玛"]).status == 0)

        // Enrolment.
        try underFault(hall, ["enrol", "--id", tashi, "--scheme", "resident-medical", "--from", "2023-01-01"]) {
            let shown = try hall.run(["person", "show", tashi, "--json"]).json
            return (shown["enrolments"] as? [Any])?.isEmpty ?? false
        }
        // Settlement.
        let bill = #"[{"name":"检查费","category":"A","amount":"260.00"}]"#
        try underFault(hall, ["settle", "--id", tashi, "--date", "2023-06-01", "--visit", "outpatient", "--level", "1", "--items", "-"],
                       stdin: bill) {
            let shown = try hall.run(["person", "show", tashi, "--json"]).json
            return (shown["settlements"] as? [Any])?.isEmpty ?? false
        }
        // A payment run.
        #expect(try hall.run(["enrol", "--id", pema, "--scheme", "resident-pension", "--from", "2010-01-01"]).status == 0)
        #expect(try hall.run(["benefit", "add", "--id", pema, "--monthly", "205", "--from", "2023-06"]).status == 0)
        #expect(try hall.run(["certify", "--id", pema, "--method", "counter"]).status == 0)
        var paid = false
        try underFault(hall, ["payments", "run", "--month", "2023-06"], as: "ciren") {
            let again = try hall.run(["report", "day", "--json"], as: "ciren").json
            paid = (again["procedures"] as? [[String: Any]] ?? []).contains { $0["procedure"] as? String == "payment-run" }
            return !paid
        }

        // A receive of a laptop's return.
        let take = hall.directory + "/take.bundle"
        #expect(try hall.run(["outreach", "checkout", "--device", "笔记本一", "--out", take, "--passphrase-stdin"],
                             stdin: Self.passphrase).status == 0)
        var laptop = hall
        laptop.storeOverride = hall.directory + "/laptop.sqlite"
        #expect(try laptop.run(["outreach", "open", take, "--passphrase-stdin"], stdin: Self.passphrase).status == 0)
        let lhamo = CLI.id(birth: "19900707", sequence: 142)
        #expect(try laptop.run(["person", "add", "--id", lhamo, "--name", "拉姆"]).status == 0)
        let bundle = hall.directory + "/return.bundle"
        #expect(try laptop.run(["outreach", "return", "--out", bundle, "--passphrase-stdin"], stdin: Self.passphrase).status == 0)
        hall.today = "2023-06-01"
        try underFault(hall, ["outreach", "receive", bundle, "--passphrase-stdin"], as: "ciren", stdin: Self.passphrase) {
            try hall.run(["person", "show", lhamo]).status == 66
        }
    }
}
