import Foundation
import GRDB
import GuitaiCore
import GuitaiDesk

/// One durable enrolment through the desk against the floor: a bare SQLite WAL commit with synchronous=FULL on the
/// same disk.
enum DurableWrites {
    static let commits = 1_000

    static func run(_ bench: BenchContext, into report: inout BenchReport) throws {
        let bare = try bareCommits(in: bench.directory("bare"))
        let path = bench.directory("durable") + "/bench.sqlite"
        let fixed = FixedClock(date: bench.today)
        let admin = try Desk.initialize(HallSetup(storePath: path, hallCode: "540102", hallName: "基准测试大厅", regionCode: "540102",
                                                  adminID: "admin", adminName: "管理员", password: "bench-password"),
                                        clock: fixed, resources: bench.resources)
        _ = try admin.addOperator(id: "clerk", name: "卓玛", role: .clerk, password: "bench-password")
        let desk = try Desk.open(storePath: path, operatorID: "clerk", password: "bench-password", clock: fixed, resources: bench.resources)
        var ids: [String] = []
        for i in 0..<commits {
            let id = ResidentID.compose(region: "540102", birth: LocalDate(year: 1960 + i % 40, month: 1 + i % 12, day: 1 + i % 28) ?? bench.today,
                                        sequence: i % 1000).value
            _ = try desk.addPerson(PersonForm(idNumber: id, name: "次仁\(i)"))
            ids.append(id)
        }
        var enrolments = Latencies()
        for id in ids {
            _ = try enrolments.time { try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-medical", from: "2023-01-01")) }
        }
        let median = enrolments.milliseconds(at: 50), p99 = enrolments.milliseconds(at: 99)
        let bareMedian = bare.milliseconds(at: 50)
        report.add("a bare SQLite WAL commit of one row, synchronous=FULL (the floor): median / p99",
                   "\(Measure.fixed(bareMedian, 3)) / \(Measure.fixed(bare.milliseconds(at: 99), 3)) ms", key: "bare_commit_median_ms", value: bareMedian)
        report.figure("bare_commit_p99_ms", bare.milliseconds(at: 99))
        report.add("one durable enrolment through the desk: median", "\(Measure.fixed(median, 3)) ms (\(Measure.fixed(median / bareMedian, 1)) × the floor)",
                   key: "durable_enrolment_median_ms", value: median,
                   goal: BenchReport.goal(median <= 3 * bareMedian, "≤ 3 × the bare commit (\(Measure.fixed(3 * bareMedian, 3)) ms)"))
        report.add("one durable enrolment through the desk: p99", "\(Measure.fixed(p99, 3)) ms", key: "durable_enrolment_p99_ms", value: p99)
        report.method("**Durable enrolment**: \(commits) resident-medical enrolments of registered people through `Desk.enrol` on a store "
            + "file in the temporary directory: read the person and their enrolments, apply the rules, write the enrolment and "
            + "the hash-chained journal entry with its row notes in one immediate transaction, commit with `synchronous=FULL` "
            + "(an fsync per commit). The operator's login is not included. The floor is \(commits) commits of one 40-byte row "
            + "each to a bare WAL database with `synchronous=FULL` on the same disk, through GRDB. Percentiles from an HDR "
            + "histogram (hdrhistogram-swift, three significant digits).")
    }

    /// A bare SQLite commit of one small row at a time, WAL and synchronous=FULL: the floor of a durable transaction.
    static func bareCommits(in directory: String) throws -> Latencies {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        let queue = try DatabaseQueue(path: directory + "/bare.sqlite", configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        }
        var latencies = Latencies()
        for i in 0..<commits {
            try latencies.time {
                try queue.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        try db.execute(sql: "INSERT INTO t(value) VALUES (?)", arguments: ["a forty-byte value for the floor \(i)"])
                        return .commit
                    }
                }
            }
        }
        return latencies
    }
}
