import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import PostgresNIO

/// The city's server measured bare (issue 14): a durable commit of one row, a lookup by primary key, and sixteen
/// counters committing at once; then the store on it, set against those floors: a durable enrolment through the desk
/// and a lookup of a person by ID number.
/// The server is the one `scripts/with-postgres.sh` starts for `make bench`, on loopback, with its defaults
/// (`fsync` and `synchronous_commit` on): a commit waits for its WAL to reach the disk, as SQLite's FULL does.
enum PostgresFloors {
    static let commits = 1_000
    static let rows = 100_000
    static let lookups = 20_000
    static let writers = 16
    static let writingSeconds = 5.0

    static func run(_ bench: BenchContext, into report: inout BenchReport) throws {
        let environment = ProcessInfo.processInfo.environment
        guard let url = environment["GUITAI_TEST_POSTGRES"], let password = environment["GUITAI_TEST_POSTGRES_PASSWORD"] else {
            report.add("PostgreSQL floors", "not measured: no server (`make bench` starts one with scripts/with-postgres.sh)")
            return
        }
        let server = try PostgresLocation.parse(url)
        let name = "guitai_bench_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try PostgresSession.connect(to: server, password: password, tls: PostgresTLS(mode: .disable))
        try admin.execute("CREATE DATABASE \(name) ENCODING 'UTF8' TEMPLATE template0")
        defer { try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let location = PostgresLocation(user: server.user, servers: server.servers, database: name)
        let session = try PostgresSession.connect(to: location, password: password, tls: PostgresTLS(mode: .disable))
        let version = try session.query("SHOW server_version").first?.decode(String.self) ?? "?"

        // A durable commit of one row at a time.
        try session.execute("CREATE TABLE t (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, value text NOT NULL)")
        var commit = Latencies()
        for i in 0..<commits {
            _ = try commit.time { try session.query("INSERT INTO t(value) VALUES (\("a forty-byte value for the floor \(i)"))") }
        }
        let commitMedian = commit.milliseconds(at: 50)
        report.add("PostgreSQL: a commit of one row, fsync and synchronous_commit on (the floor): median / p99",
                   "\(Measure.fixed(commitMedian, 3)) / \(Measure.fixed(commit.milliseconds(at: 99), 3)) ms",
                   key: "pg_bare_commit_median_ms", value: commitMedian)
        report.figure("pg_bare_commit_p99_ms", commit.milliseconds(at: 99))

        // A lookup by primary key among 100,000 people.
        try session.execute("CREATE TABLE people (id_number text PRIMARY KEY, name text NOT NULL)")
        try session.execute("""
            INSERT INTO people SELECT lpad(n::text, 18, '0'), '次仁' || n FROM generate_series(1, \(rows)) AS n
            """)
        try session.execute("ANALYZE people")
        var generator = SystemRandomNumberGenerator()
        var lookup = Latencies()
        for _ in 0..<lookups {
            let key = String(Int.random(in: 1...rows, using: &generator)).leftPadded18
            _ = try lookup.time { try session.query("SELECT name FROM people WHERE id_number = \(key)") }
        }
        let lookupMedian = lookup.microseconds(at: 50)
        report.add("PostgreSQL: a lookup by primary key in \(Measure.grouped(Double(rows))) rows, over loopback: median / p99",
                   "\(Measure.fixed(lookupMedian, 1)) / \(Measure.fixed(lookup.microseconds(at: 99), 1)) µs",
                   key: "pg_lookup_by_key_median_us", value: lookupMedian)
        report.figure("pg_lookup_by_key_p99_us", lookup.microseconds(at: 99))

        // Sixteen counters, each its own connection and thread, committing one row at a time for five seconds, all
        // connected before the clock starts and started together.
        let tally = Tally()
        let group = DispatchGroup()
        let sessions = try (0..<writers).map { _ in
            try PostgresSession.connect(to: location, password: password, tls: PostgresTLS(mode: .disable))
        }
        let start = DispatchSemaphore(value: 0)
        let started = Date()
        let deadline = started.addingTimeInterval(writingSeconds)
        for (writer, own) in sessions.enumerated() {
            group.enter()
            let own = UncheckedSession(session: own)
            Thread {
                defer { group.leave() }
                start.wait()
                do {
                    var latencies = Latencies()
                    var count = 0
                    while Date() < deadline {
                        _ = try latencies.time { try own.session.query("INSERT INTO t(value) VALUES (\("counter \(writer) row \(count)"))") }
                        count += 1
                    }
                    tally.add(count, latencies)
                } catch {
                    tally.fail(error)
                }
            }.start()
        }
        for _ in 0..<writers { start.signal() }
        group.wait()
        let elapsed = Date().timeIntervalSince(started)
        if let failure = tally.failure { throw failure }
        let perSecond = Double(tally.commits) / elapsed
        report.add("PostgreSQL: \(writers) counters committing one row at a time, each on its own connection: commits a second / p99",
                   "\(Measure.grouped(perSecond)) / \(Measure.fixed(tally.latencies.milliseconds(at: 99), 2)) ms",
                   key: "pg_16_writers_commits_per_s", value: perSecond)
        report.figure("pg_16_writers_p99_ms", tally.latencies.milliseconds(at: 99))
        try storeOnTheServer(bench, location: location, password: password, floor: commitMedian, lookupFloor: lookupMedian,
                             into: &report)
        report.method("**PostgreSQL floors**: a throwaway PostgreSQL \(version) cluster on loopback (`scripts/with-postgres.sh`), its "
            + "defaults (fsync, synchronous_commit on), no standby, plain TCP; through `PostgresSession` (postgres-nio, one "
            + "connection, each statement waited for). \(commits) single-row commits; \(Measure.grouped(Double(lookups))) "
            + "lookups by primary key of a random one of \(Measure.grouped(Double(rows))) rows; \(writers) threads each with a "
            + "connection of its own inserting one row per commit for \(Int(writingSeconds)) s. **The store on PostgreSQL**: "
            + "\(storePeople) people registered through `Desk.addPerson` in a hall's store in a database of its own, then a "
            + "resident-medical enrolment of each through `Desk.enrol` (the same work as the durable enrolment on a file, "
            + "plus the hall's advisory lock and the derived tables kept from the notes), and \(Measure.grouped(Double(lookups))) "
            + "lookups of a random one by ID number in a read-only snapshot, each its own transaction.")
    }

    static let storePeople = 1_000

    /// A hall's store in the city's database, through the desk as a clerk uses it.
    private static func storeOnTheServer(_ bench: BenchContext, location: PostgresLocation, password: String, floor: Double,
                                         lookupFloor: Double, into report: inout BenchReport) throws {
        setenv("PGPASSWORD", password, 1)
        setenv("PGSSLMODE", "disable", 1)
        setenv("GUITAI_HALL", "540102", 1)
        let address = location.description
        let fixed = FixedClock(date: bench.today)
        let admin = try Desk.initialize(HallSetup(storePath: address, hallCode: "540102", hallName: "基准测试大厅", regionCode: "540102",
                                                  adminID: "admin", adminName: "管理员", password: "bench-password"),
                                        clock: fixed, resources: bench.resources)
        _ = try admin.addOperator(id: "clerk", name: "卓玛", role: .clerk, password: "bench-password")
        let desk = try Desk.open(storePath: address, operatorID: "clerk", password: "bench-password", clock: fixed,
                                 resources: bench.resources)
        var ids: [String] = []
        for i in 0..<storePeople {
            let birth = LocalDate(year: 1960 + i % 40, month: 1 + i % 12, day: 1 + i % 28) ?? bench.today
            let id = ResidentID.compose(region: "540102", birth: birth, sequence: i % 1000).value
            _ = try desk.addPerson(PersonForm(idNumber: id, name: "次仁\(i)"))
            ids.append(id)
        }
        var enrolments = Latencies()
        for id in ids {
            _ = try enrolments.time { try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-medical", from: "2023-01-01")) }
        }
        let median = enrolments.milliseconds(at: 50)
        report.add("PostgreSQL: one durable enrolment through the desk: median / p99",
                   "\(Measure.fixed(median, 3)) / \(Measure.fixed(enrolments.milliseconds(at: 99), 3)) ms (\(Measure.fixed(median / floor, 1)) × the floor)",
                   key: "pg_durable_enrolment_median_ms", value: median)
        report.figure("pg_durable_enrolment_p99_ms", enrolments.milliseconds(at: 99))
        var generator = SystemRandomNumberGenerator()
        var lookup = Latencies()
        for _ in 0..<lookups {
            let id = ids[Int.random(in: 0..<ids.count, using: &generator)]
            _ = try lookup.time { try desk.store.read { try $0.person(idNumber: id) } }
        }
        let lookupMedian = lookup.microseconds(at: 50)
        report.add("PostgreSQL: a person looked up by ID number, a snapshot each: median / p99",
                   "\(Measure.fixed(lookupMedian, 1)) / \(Measure.fixed(lookup.microseconds(at: 99), 1)) µs (\(Measure.fixed(lookupMedian / lookupFloor, 1)) × the bare lookup)",
                   key: "pg_store_lookup_median_us", value: lookupMedian)
        report.figure("pg_store_lookup_p99_us", lookup.microseconds(at: 99))
    }

    /// A session handed to the one thread that uses it from then on.
    private struct UncheckedSession: @unchecked Sendable {
        var session: PostgresSession
    }

    private final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var commits = 0
        private(set) var latencies = Latencies()
        private(set) var failure: Error?

        func add(_ count: Int, _ more: Latencies) {
            lock.withLock {
                commits += count
                latencies.merge(more)
            }
        }

        func fail(_ error: Error) { lock.withLock { failure = failure ?? error } }
    }
}

private extension String {
    /// Zero-padded to the 18 digits of the table's keys.
    var leftPadded18: String { String(repeating: "0", count: max(0, 18 - count)) + self }
}
