import Foundation
import GRDB
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// `make soak`: eight counters working on a copy of the district store for ten minutes (`--minutes`) while a supervisor
/// makes the month's payment run and another proves the store with `verify`. Every error a clerk would see is counted,
/// "busy" apart, with each kind of work's latencies and the process's memory at the start and the end.
enum Soak {
    static let counters = 8

    static func run(_ bench: BenchContext, minutes: Double, output: String) throws {
        let (cached, _) = try DistrictStore.ensure(bench)
        // A copy, so every soak starts from the same store: the cached one checkpointed, then copied whole.
        let path = bench.directory("soak") + "/district.sqlite"
        try DatabaseQueue(path: cached).writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try FileManager.default.copyItem(atPath: cached, toPath: path)
        let today = bench.today
        let sample = try Store.open(at: path).read { tx in try tx.samplePeople(every: 53, limit: 16_000) }
        let log = SoakLog()
        let deadline = Date().addingTimeInterval(minutes * 60)
        let group = DispatchGroup()
        let loggedIn = DispatchGroup()
        for counter in 1...counters {
            let mine = sample.enumerated().filter { $0.offset % counters == counter - 1 }.map(\.element)
            group.enter()
            loggedIn.enter()
            Thread {
                defer { group.leave() }
                work(counter: counter, people: mine, path: path, today: today, resources: bench.resources, until: deadline, log: log,
                     loggedIn: loggedIn)
            }.start()
        }
        loggedIn.wait()
        let start = Measure.residentMiB().now
        // The supervisor's jobs, started once the counters are busy.
        // The supervisor's jobs in a process of their own, as on the hall server, started once the counters are busy:
        // this process's memory is then the eight counters'.
        let jobs = SoakJobs()
        group.enter()
        Thread {
            defer { group.leave() }
            Thread.sleep(forTimeInterval: min(30, minutes * 6))
            log.attempt("supervisor") {
                let (status, words) = try Measure.runSelf(["soak-jobs", path])
                guard status == 0, words.count == 5, let run = Double(words[0]), let paid = Int(words[1]),
                      let verify = Double(words[2]), let peak = Double(words[4]) else {
                    throw DomainError(.failure, code: "soak-jobs", zh: "督导作业失败", en: "the supervisor's jobs failed: \(words)")
                }
                jobs.set { $0.run = (run, paid); $0.verify = (verify, words[3] == "ok"); $0.peak = peak }
            }
        }.start()
        let middle = DispatchTime.now() + minutes * 30
        _ = group.wait(timeout: middle)
        let halfway = Measure.residentMiB().now
        group.wait()
        let end = Measure.residentMiB()
        let report = log.report(minutes: minutes, memory: (start, halfway, end.now, end.peak), run: jobs.get().run, verify: jobs.get().verify,
                                supervisorPeak: jobs.get().peak)
        try report.markdown.write(toFile: output, atomically: true, encoding: .utf8)
        let json = try JSONSerialization.data(withJSONObject: report.figures, options: [.prettyPrinted, .sortedKeys])
        try json.write(to: URL(fileURLWithPath: (output as NSString).deletingPathExtension + ".json"), options: .atomic)
        print(report.markdown)
    }

    /// The supervisor's process: the month's payment run, then `verify`; prints `run-seconds paid verify-seconds ok|problems
    /// peak-MiB`.
    static func supervisorJobs(store path: String, resources: DeskResources) throws {
        let today = LocalDate(year: 2023, month: 6, day: 1) ?? .earliest
        let desk = try Desk.open(storePath: path, operatorID: "sup", password: "bench-password", clock: FixedClock(date: today),
                                 resources: resources)
        var paid = 0, ok = false
        let run = try Measure.time { paid = try desk.paymentsRun(month: today.yearMonth.iso).paid.count }
        let verify = try Measure.time { ok = try desk.verify().ok }
        print(Measure.fixed(run, 1), paid, Measure.fixed(verify, 1), ok ? "ok" : "problems", Measure.fixed(Measure.residentMiB().peak, 0))
    }

    /// One counter's day, compressed: find a citizen by ID tail or name, look at their records, settle a bill, and
    /// every fourth round register a newcomer and enrol them; a pause of 50 ms between steps.
    private static func work(counter: Int, people: [PersonSample], path: String, today: LocalDate, resources: DeskResources,
                             until deadline: Date, log: SoakLog, loggedIn: DispatchGroup) {
        let opened = log.attempt("login", { try Desk.open(storePath: path, operatorID: "clerk\(counter)", password: "bench-password",
                                                      clock: FixedClock(date: today), resources: resources) })
        loggedIn.leave()
        guard let desk = opened else { return }
        var round = 0
        while Date() < deadline, !people.isEmpty {
            let person = people[round % people.count]
            log.timed("search") { _ = try desk.findPersons(round % 2 == 0 ? String(person.id.suffix(6)) : person.name) }
            usleep(50_000)
            log.timed("look up") { _ = try desk.showPerson(person.id) }
            usleep(50_000)
            let items = [BillItem(name: "门诊诊疗", category: .a, amount: Money(fen: 15_000 + Int64(round % 97) * 100)),
                         BillItem(name: "西药", category: .b, amount: Money(fen: 8_800))]
            log.timed("settle") {
                do { _ = try desk.settle(SettleForm(idNumber: person.id, visit: .outpatient, level: .two, major: false, items: items)) }
                catch let refusal as DomainError where refusal.kind == .refused && refusal.code != "busy" {
                    // The business rules' answers (a person who died, a bill before birth) are the counter's work too.
                    _ = refusal
                }
            }
            usleep(50_000)
            if round % 4 == 0 {
                // Newcomers born on a day of their own per counter and round: no two counters make the same number.
                let birth = LocalDate(dayNumber: 9_000 + counter * 400 + round / 4 % 400)
                let id = ResidentID.compose(region: "540102", birth: birth, sequence: 900 + round / 1_600 % 99).value
                log.timed("register") {
                    _ = try desk.addPerson(PersonForm(idNumber: id, name: "窗口\(counter)新\(round)"))
                    _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-medical", from: today.iso))
                }
                usleep(50_000)
            }
            round += 1
        }
    }
}

/// What the soak's threads saw: latencies by kind of work, errors with their first messages, "busy" answers.
final class SoakLog: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [String: Latencies] = [:]
    private var errors: [String: Int] = [:]
    private var busy = 0
    private var firstErrors: [String] = []

    func timed(_ kind: String, _ body: () throws -> Void) {
        let start = Measure.clock.now
        do {
            try body()
            let took = Measure.clock.now - start
            lock.withLock { latencies[kind, default: Latencies()].record(took) }
        } catch {
            note(kind, error)
        }
    }

    @discardableResult
    func attempt<T>(_ kind: String, _ body: () throws -> T) -> T? {
        do { return try body() } catch {
            note(kind, error)
            return nil
        }
    }

    private func note(_ kind: String, _ error: Error) {
        let code = (error as? DomainError)?.code ?? "\(error)"
        lock.withLock {
            if code.contains("busy") { busy += 1 }
            errors[kind, default: 0] += 1
            if firstErrors.count < 10 { firstErrors.append("\(kind): \(code) \((error as? DomainError)?.message.en ?? "")") }
        }
    }

    func report(minutes: Double, memory: (start: Double, halfway: Double, end: Double, peak: Double), run: (seconds: Double, paid: Int),
                verify: (seconds: Double, ok: Bool), supervisorPeak: Double) -> (markdown: String, figures: [String: Any]) {
        lock.withLock {
            let total = errors.values.reduce(0, +)
            var text = """
            # Soak

            `make soak` on \(ISO8601DateFormatter().string(from: Date())): \(Soak.counters) counters for \(Measure.fixed(minutes, 0)) minutes on a copy of the
            district store (`docs/benchmarks.md`), each finding, looking up, settling and registering with a 50 ms pause between
            steps, while a supervisor made the month's payment run and then `verify` proved the store.

            | what | figure |
            |---|---|
            | errors shown to a clerk / of them "busy" | \(total) / \(busy) |
            | payment run (\(Measure.grouped(Double(run.paid))) paid) | \(Measure.fixed(run.seconds, 1)) s |
            | `verify` of the whole store | \(Measure.fixed(verify.seconds, 1)) s, \(verify.ok ? "ok" : "PROBLEMS FOUND") |
            | the counters' process, resident memory once all logged in / halfway / at the end / peak | \(Measure.fixed(memory.start, 0)) / \(Measure.fixed(memory.halfway, 0)) / \(Measure.fixed(memory.end, 0)) / \(Measure.fixed(memory.peak, 0)) MiB |
            | the supervisor's process (payment run, then `verify`), peak resident memory | \(Measure.fixed(supervisorPeak, 0)) MiB |

            """
            for (kind, l) in latencies.sorted(by: { $0.key < $1.key }) {
                text += "| \(kind): \(Measure.grouped(Double(l.count))) done, median / p99 / longest | \(Measure.fixed(l.milliseconds(at: 50), 1)) / \(Measure.fixed(l.milliseconds(at: 99), 1)) / \(Measure.fixed(l.maxMilliseconds, 0)) ms |\n"
            }
            if !firstErrors.isEmpty { text += "\nFirst errors:\n" + firstErrors.map { "- " + $0 }.joined(separator: "\n") + "\n" }
            var figures: [String: Any] = ["errors": total, "busy": busy, "rss_start_mib": memory.start, "rss_end_mib": memory.end,
                                          "rss_peak_mib": memory.peak, "supervisor_rss_peak_mib": supervisorPeak, "payment_run_s": run.seconds, "verify_s": verify.seconds,
                                          "verify_ok": verify.ok, "minutes": minutes]
            for (kind, l) in latencies {
                let key = kind.replacingOccurrences(of: " ", with: "_")
                figures[key + "_count"] = l.count
                figures[key + "_p99_ms"] = l.milliseconds(at: 99)
            }
            return (text, figures)
        }
    }
}

/// The supervisor's two jobs' figures, written from their thread.
private final class SoakJobs: @unchecked Sendable {
    struct Figures {
        var run: (seconds: Double, paid: Int) = (0, 0)
        var verify: (seconds: Double, ok: Bool) = (0, false)
        var peak = 0.0
    }
    private let lock = NSLock()
    private var figures = Figures()
    func set(_ change: (inout Figures) -> Void) { lock.withLock { change(&figures) } }
    func get() -> Figures { lock.withLock { figures } }
}
