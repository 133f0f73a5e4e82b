import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import GuitaiTUI
import TerminalKit

// Release-mode benchmarks for docs/benchmarks.md: ID validation and in-memory settlement throughput,
// and the latency of one durable enrolment (a real store file, synchronous=FULL).

let output = CommandLine.arguments.dropFirst().first ?? "docs/benchmarks.md"
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let resources = try DeskResources(directory: ProcessInfo.processInfo.environment["GUITAI_RESOURCES"] ?? root.appendingPathComponent("Resources").path)
let today = LocalDate(year: 2023, month: 6, day: 1)!
let clock = ContinuousClock()

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Runs `body` for `count` iterations and returns operations per second.
func throughput(_ count: Int, _ body: (Int) -> Void) -> Double {
    let elapsed = clock.measure { for i in 0..<count { body(i) } }
    return Double(count) / seconds(elapsed)
}

func format(_ value: Double) -> String {
    let whole = Int(value.rounded())
    var digits = String(whole)
    var groups: [String] = []
    while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
    groups.insert(digits, at: 0)
    return groups.joined(separator: ",")
}

// 1. ID validations: a mix of valid numbers across regions and birth dates, lower-case x, and 15-digit ones.
let regions = ["540102", "110105", "430202", "140105", "150102", "220102", "110103"]
var inputs: [String] = []
for i in 0..<10_000 {
    let birth = LocalDate(dayNumber: -20_000 + i * 3)
    let id = ResidentID.compose(region: regions[i % regions.count], birth: birth, sequence: i % 1000).value
    inputs.append(i % 10 == 0 ? id.lowercased() : id)
}
var valid = 0
let idRate = throughput(1_000_000) { i in
    if case .success = ResidentID.parse(inputs[i % inputs.count], today: today, divisions: resources.divisions) { valid += 1 }
}
precondition(valid == 1_000_000, "benchmark inputs should all be valid")

// 2. Settlements in memory: inpatient bills with B and C items for a dibao resident, accumulating through the year.
let library = try resources.policyLibrary(hallPolicies: [], defaultID: "xizang-2023")
let policy = library.policy(id: "xizang-2023")!
let cover = MedicalCover.covered(scheme: .residentMedical, status: nil, regionCode: "540102")
var ytd = YearToDate()
var settled = Money.zero
let settleRate = throughput(200_000) { i in
    if i % 20 == 0 { ytd = YearToDate() }
    let bill = Bill(date: today, visit: i % 3 == 0 ? .outpatient : .inpatient, level: HospitalLevel(rawValue: i % 3 + 1)!,
                    major: i % 7 == 0,
                    items: [BillItem(name: "床位费", category: .a, amount: Money(fen: Int64(100_000 + i % 997 * 100))),
                            BillItem(name: "药品", category: .b, amount: Money(fen: Int64(500_000 + i % 991 * 1000))),
                            BillItem(name: "自费", category: .c, amount: Money(fen: 20_050))])
    let result = try! SettlementEngine.settle(bill, cover: cover, groups: [.dibao], policy: policy, yearToDate: ytd)
    ytd = ytd + result.increments
    settled = settled + result.total
}

// 3. One durable enrolment through the desk: a real file, an immediate transaction, the journal, synchronous=FULL.
let directory = NSTemporaryDirectory() + "guitai-bench-" + UUID().uuidString
let path = directory + "/bench.sqlite"
let fixed = FixedClock(date: today)
let admin = try Desk.initialize(HallSetup(storePath: path, hallCode: "540102", hallName: "基准测试大厅", regionCode: "540102",
                                          adminID: "admin", adminName: "管理员", password: "bench-password"),
                                clock: fixed, resources: resources)
_ = try admin.addOperator(id: "clerk", name: "卓玛", role: .clerk, password: "bench-password")
let desk = try Desk.open(storePath: path, operatorID: "clerk", password: "bench-password", clock: fixed, resources: resources)
let enrolments = 500
var ids: [String] = []
for i in 0..<enrolments {
    let id = ResidentID.compose(region: "540102", birth: LocalDate(year: 1960 + i % 40, month: 1 + i % 12, day: 1 + i % 28)!, sequence: i).value
    _ = try desk.addPerson(PersonForm(idNumber: id, name: "次仁\(i)"))
    ids.append(id)
}
var latencies: [Double] = []
for id in ids {
    let elapsed = try clock.measure { _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-medical", from: "2023-01-01")) }
    latencies.append(seconds(elapsed) * 1000)
}
latencies.sort()
let median = latencies[latencies.count / 2]
let p99 = latencies[Int(Double(latencies.count) * 0.99) - 1]
try? FileManager.default.removeItem(atPath: directory)

// 4. Certification at scale: 100,000 recipients in twelve counties, certified across the past year.
let bigDirectory = NSTemporaryDirectory() + "guitai-bench-big-" + UUID().uuidString
let bigPath = bigDirectory + "/big.sqlite"
let runDay = LocalDate(year: 2023, month: 7, day: 1)!
let bigAdmin = try Desk.initialize(HallSetup(storePath: bigPath, hallCode: "540102", hallName: "基准测试大厅", regionCode: "540102",
                                             adminID: "admin", adminName: "管理员", password: "bench-password"),
                                   clock: FixedClock(date: runDay), resources: resources)
_ = try bigAdmin.addOperator(id: "sup", name: "次仁", role: .supervisor, password: "bench-password")
let recipients = 100_000
let counties = ["540102", "540103", "540104", "540121", "540122", "540123", "540124", "540126", "540127", "540202", "540302", "540402"]
let seedElapsed = try clock.measure {
    _ = try bigAdmin.store.write(WriteContext(operatorID: "admin", counter: "bench", businessDate: runDay, at: 0), kind: "bench.seed") { tx in
        for i in 0..<recipients {
            let id = ResidentID.compose(region: counties[i % counties.count], birth: LocalDate(dayNumber: -12_000 + i % 5_000),
                                        sequence: i / 5_000 % 1000)
            let uuid = try tx.insertPerson(Person(id: id, name: "次仁\(i)", regionCode: counties[i % counties.count]), initials: "[c][r]")
            try tx.insertBenefit(Benefit(scheme: .residentPension, monthly: Money(fen: 20_500 + Int64(i % 7) * 100),
                                         start: YearMonth(year: 2020, month: 1)!), personUUID: uuid)
            // Certified on a day spread over the last 13 months: about one in thirteen is overdue.
            _ = try tx.insertCertification(personUUID: uuid, on: runDay.adding(days: -(i * 7 % 395)), method: .counter, reference: nil)
        }
        return ((), ["recipients": .int(Int64(recipients))])
    }
}
let supervisor = try Desk.open(storePath: bigPath, operatorID: "sup", password: "bench-password", clock: FixedClock(date: runDay),
                               resources: resources)
var dueCount = 0
let dueElapsed = try clock.measure { dueCount = try supervisor.dueList(within: 30, regionPrefix: "").count }
var countyCount = 0
let countyElapsed = try clock.measure { countyCount = try supervisor.dueList(within: 30, regionPrefix: "540121").count }
var runReport: PaymentRunReport?
let runElapsed = try clock.measure { runReport = try supervisor.paymentsRun(month: "2023-07") }
var rerunPaid = -1
let rerunElapsed = try clock.measure { rerunPaid = try supervisor.paymentsRun(month: "2023-07").paid.count }
precondition(rerunPaid == 0, "a repeated run must pay nobody")

// 4b. verify on the same store: every journal entry replayed against every row of every business table.
var verification: VerificationReport?
let verifyElapsed = try clock.measure { verification = try supervisor.verify() }
precondition(verification?.ok == true, "the benchmark store must verify: \(verification?.problems.prefix(3).map(\.message.en) ?? [])")

// 4c. The next month's run while a counter keeps registering people: how long each counter write waits.
let august = FixedClock(date: LocalDate(year: 2023, month: 8, day: 1) ?? runDay)
_ = try bigAdmin.addOperator(id: "counter", name: "央金", role: .clerk, password: "bench-password")
final class HoldLog: @unchecked Sendable {
    let lock = NSLock()
    var longest: [String: Double] = [:]
    var total: [String: Double] = [:]
}
let holds = HoldLog()
Store.lockHoldObserver = { kind, seconds in
    holds.lock.withLock {
        holds.longest[kind] = max(holds.longest[kind] ?? 0, seconds)
        holds.total[kind, default: 0] += seconds
    }
}
final class CounterLog: @unchecked Sendable {
    let lock = NSLock()
    var latencies: [Double] = []
    var running = true
    var failures = 0
}
let counterLog = CounterLog()
let counterDone = DispatchSemaphore(value: 0)
let counterThread = Thread { [bigPath, resources, august] in
    defer { counterDone.signal() }
    let clock = ContinuousClock()
    guard let counterDesk = try? Desk.open(storePath: bigPath, operatorID: "counter", password: "bench-password", clock: august,
                                           resources: resources) else { return }
    var n = 0
    while counterLog.lock.withLock({ counterLog.running }) {
        let id = ResidentID.compose(region: "540102", birth: LocalDate(dayNumber: 3_000 + n % 5_000), sequence: 500 + n / 5_000).value
        n += 1
        let start = clock.now
        let ok = (try? counterDesk.addPerson(PersonForm(idNumber: id, name: "窗口\(n)"))) != nil
        let took = clock.now - start
        let elapsed = Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) / 1e15
        counterLog.lock.withLock {
            counterLog.latencies.append(elapsed)
            if !ok { counterLog.failures += 1 }
        }
        usleep(20_000)
    }
}
let augustSupervisor = try Desk.open(storePath: bigPath, operatorID: "sup", password: "bench-password", clock: august, resources: resources)
counterThread.start()
usleep(300_000)
var augustReport: PaymentRunReport?
let concurrentRunElapsed = try clock.measure { augustReport = try augustSupervisor.paymentsRun(month: "2023-08") }
usleep(300_000)
counterLog.lock.withLock { counterLog.running = false }
counterDone.wait()
Store.lockHoldObserver = nil
let sliceHold = holds.lock.withLock { holds.longest["payments.run.part"] ?? 0 }
let finalHold = holds.lock.withLock { holds.longest["payments.run"] ?? 0 }
let counterLatencies = counterLog.lock.withLock { counterLog.latencies.sorted() }
let counterFailures = counterLog.lock.withLock { counterLog.failures }
precondition(counterFailures == 0, "a counter write failed during the run")
let counterMedian = counterLatencies.isEmpty ? 0 : counterLatencies[counterLatencies.count / 2]
let counterLongest = counterLatencies.last ?? 0

// 4d. A login refused: an unknown operator id against a wrong password, ten of each (one scrypt derivation each).
@MainActor func refusalMilliseconds(_ operatorID: String) -> Double {
    var times: [Double] = []
    for _ in 0..<10 {
        let start = clock.now
        _ = try? supervisor.store.authenticate(operatorID: operatorID, password: "not-the-password", now: 0)
        times.append(seconds(clock.now - start) * 1000)
    }
    return times.sorted()[times.count / 2]
}
let unknownRefusal = refusalMilliseconds("no-such-operator")
let wrongRefusal = refusalMilliseconds("clerk")
let bigSize = ((try? FileManager.default.attributesOfItem(atPath: bigPath)[.size] as? Int) ?? 0) / 1_048_576

// 5. The desk: start to the first frame on the 100,000-person store, login to the desk, and one frame rendered and diffed.
_ = try bigAdmin.addOperator(id: "clerk", name: "卓玛", role: .clerk, password: "bench-password")
let catalogue = try Catalogue(language: .zh, resourcesDirectory: resources.directory)
var deskApp: DeskApp?
let startElapsed = clock.measure {
    let app = DeskApp(terminal: MemoryTerminal(width: 80, height: 24), resources: resources, catalogue: catalogue, storePath: bigPath,
                      clock: FixedClock(date: runDay))
    _ = app.frame(width: 80, height: 24)
    deskApp = app
}
let loginElapsed = try clock.measure {
    try deskApp!.logIn(operatorID: "clerk", password: "bench-password")
    deskApp!.pinCitizen(ResidentID.compose(region: counties[0], birth: LocalDate(dayNumber: -12_000), sequence: 0).value)
    _ = deskApp!.frame(width: 80, height: 24)
}
@MainActor func frameCost(_ width: Int, _ height: Int) -> (render: Double, diff: Double) {
    let frames = 2_000
    var previous = deskApp!.frame(width: width, height: height)
    var changed = 0
    let render = clock.measure { for _ in 0..<frames { previous = deskApp!.frame(width: width, height: height) } }
    var next = previous
    next.put("扎西·平措", x: 2, y: height / 2)
    let diff = clock.measure { for _ in 0..<frames { changed += next.changedRows(since: previous).count } }
    precondition(changed == frames)
    return (seconds(render) / Double(frames) * 1e6, seconds(diff) / Double(frames) * 1e6)
}
let small = frameCost(80, 24), large = frameCost(200, 60)
try? FileManager.default.removeItem(atPath: bigDirectory)

// 6. Outreach: the take-out of a county of 20,000 people, the laptop's store made from it, 5,000 transactions brought
// home (2,500 registrations, 2,500 home certifications), the return written and received.
let tripDirectory = NSTemporaryDirectory() + "guitai-bench-trip-" + UUID().uuidString
let tripHall = tripDirectory + "/hall.sqlite"
let tripAdmin = try Desk.initialize(HallSetup(storePath: tripHall, hallCode: "540102", hallName: "基准测试大厅", regionCode: "540121",
                                              adminID: "admin", adminName: "管理员", password: "bench-password"),
                                    clock: FixedClock(date: runDay), resources: resources)
_ = try tripAdmin.addOperator(id: "clerk", name: "卓玛", role: .clerk, password: "bench-password")
_ = try tripAdmin.addOperator(id: "sup", name: "次仁", role: .supervisor, password: "bench-password")
let countyPeople = 20_000
_ = try tripAdmin.store.write(WriteContext(operatorID: "admin", counter: "bench", businessDate: runDay, at: 0), kind: "bench.seed") { tx in
    for i in 0..<countyPeople {
        let id = ResidentID.compose(region: "540121", birth: LocalDate(dayNumber: -12_000 + i % 5_000), sequence: i / 5_000 % 1000)
        let uuid = try tx.insertPerson(Person(id: id, name: "次仁\(i)", regionCode: "540121"), initials: "[c][r]")
        try tx.insertBenefit(Benefit(scheme: .residentPension, monthly: Money(fen: 20_500), start: YearMonth(year: 2020, month: 1)!),
                             personUUID: uuid)
        _ = try tx.insertCertification(personUUID: uuid, on: runDay.adding(days: -(i * 7 % 395)), method: .counter, reference: nil)
    }
    return ((), ["people": .int(Int64(countyPeople))])
}
let tripClerk = try Desk.open(storePath: tripHall, operatorID: "clerk", password: "bench-password", clock: FixedClock(date: runDay),
                              resources: resources)
let passphrase = "bench passphrase"
var takeOut: Desk.Checkout?
let takeOutElapsed = try clock.measure {
    takeOut = try tripClerk.checkoutLaptop(name: "笔记本", regionPrefix: "540121", dueWithin: nil, passphrase: passphrase,
                                           to: tripDirectory + "/takeout.bundle")
}
let laptopPath = tripDirectory + "/laptop.sqlite"
var laptopDesk: Desk?
let openElapsed = try clock.measure {
    laptopDesk = try Desk.openLaptop(bundle: takeOut!.bundle, passphrase: passphrase, storePath: laptopPath, operatorID: "clerk",
                                     password: "bench-password", clock: FixedClock(date: runDay), resources: resources)
}
let tripRecords = 5_000
for i in 0..<tripRecords / 2 {
    let id = ResidentID.compose(region: "540121", birth: LocalDate(dayNumber: 2_000 + i % 5_000), sequence: 500 + i / 5_000)
    _ = try laptopDesk!.addPerson(PersonForm(idNumber: id.value, name: "央金\(i)"))
    let pensioner = ResidentID.compose(region: "540121", birth: LocalDate(dayNumber: -12_000 + i % 5_000), sequence: i / 5_000 % 1000)
    _ = try laptopDesk!.certify(idNumber: pensioner.value, method: "home", reference: nil)
}
var returned: Desk.Return?
let returnElapsed = try clock.measure { returned = try laptopDesk!.returnBundle(passphrase: passphrase, to: tripDirectory + "/return.bundle") }
let tripSupervisor = try Desk.open(storePath: tripHall, operatorID: "sup", password: "bench-password", clock: FixedClock(date: runDay),
                                   resources: resources)
var received: ReceiveReport?
let receiveElapsed = try clock.measure { received = try tripSupervisor.receive(bundle: returned!.bundle, passphrase: passphrase) }
precondition(received?.applied.count == tripRecords && received?.conflicts.isEmpty == true, "the bench's return did not apply whole")
let repeatElapsed = try clock.measure { _ = try tripSupervisor.receive(bundle: returned!.bundle, passphrase: passphrase) }
let takeOutMiB = Double(takeOut!.bundle.count) / 1_048_576, returnMiB = Double(returned!.bundle.count) / 1_048_576
try? FileManager.default.removeItem(atPath: tripDirectory)

// 7. Training: the training store made from nothing (3,000 synthetic people and the scenarios' cast, a year of history),
// then rebuilt over itself keeping the trainer's password.
let trainingDirectory = NSTemporaryDirectory() + "guitai-bench-training-" + UUID().uuidString
let trainingPath = trainingDirectory + "/guitai-training.sqlite"
var trainingPeople = 0
let trainingElapsed = try clock.measure {
    trainingPeople = try TrainingStore.reset(at: trainingPath, password: "bench-password", resources: resources).people
}
let trainingResetElapsed = try clock.measure { _ = try TrainingStore.reset(at: trainingPath, password: nil, resources: resources) }
let trainingTransactions = try Store.open(at: trainingPath).read { try $0.count("journal") }
try? FileManager.default.removeItem(atPath: trainingDirectory)

let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
    .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown"
let report = """
# Benchmarks

Measured by `make bench` (the `guitai-bench` executable, release build) on \(ISO8601DateFormatter().string(from: Date())).
Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu). Figures vary by a few percent between runs;
compare runs on the same machine only.

| what | figure |
|---|---|
| ID number validations (GB 11643 check, date, division table) | \(format(idRate)) per second |
| settlements in memory (three layers, xizang-2023, accumulating) | \(format(settleRate)) per second |
| one durable enrolment through the desk: median | \(String(format: "%.2f", median)) ms |
| one durable enrolment through the desk: p99 | \(String(format: "%.2f", p99)) ms |
| due list, 100,000 recipients, whole hall (\(format(Double(dueCount))) due or overdue) | \(String(format: "%.2f", seconds(dueElapsed))) s |
| due list, one county of the same store (\(format(Double(countyCount))) due or overdue) | \(String(format: "%.2f", seconds(countyElapsed))) s |
| monthly payment run, 100,000 recipients (\(format(Double(runReport!.paid.count))) paid, \(format(Double(runReport!.suspended.count))) suspended) | \(String(format: "%.2f", seconds(runElapsed))) s |
| the same month run again (pays nobody) | \(String(format: "%.2f", seconds(rerunElapsed))) s |
| `verify` of the same store (\(format(Double(verification?.transactions ?? 0))) transactions, every row replayed) | \(String(format: "%.2f", seconds(verifyElapsed))) s |
| next month's run while a counter registers people (\(format(Double(augustReport?.paid.count ?? 0))) paid) | \(String(format: "%.2f", seconds(concurrentRunElapsed))) s |
| that run's write lock: longest hold by one slice / by the closing transaction | \(String(format: "%.0f", sliceHold * 1000)) / \(String(format: "%.0f", finalHold * 1000)) ms |
| a counter's registration during that run: median / longest (\(counterLatencies.count) writes, none failed) | \(String(format: "%.1f", counterMedian)) / \(String(format: "%.0f", counterLongest)) ms |
| a login refused: unknown operator / wrong password (median of 10) | \(String(format: "%.1f", unknownRefusal)) / \(String(format: "%.1f", wrongRefusal)) ms |
| desk start to the first frame, 100,000-person store | \(String(format: "%.1f", seconds(startElapsed) * 1000)) ms |
| desk login (scrypt) to the first desk frame with a citizen pinned | \(String(format: "%.1f", seconds(loginElapsed) * 1000)) ms |
| render one frame, 80x24 (a citizen pinned, home screen) | \(String(format: "%.0f", small.render)) µs |
| diff one frame against the previous, 80x24 | \(String(format: "%.1f", small.diff)) µs |
| render one frame, 200x60 | \(String(format: "%.0f", large.render)) µs |
| diff one frame against the previous, 200x60 | \(String(format: "%.1f", large.diff)) µs |
| outreach take-out of a county, 20,000 people (bundle \(String(format: "%.1f", takeOutMiB)) MiB) | \(String(format: "%.2f", seconds(takeOutElapsed))) s |
| the laptop's store made from it | \(String(format: "%.2f", seconds(openElapsed))) s |
| return bundle of 5,000 transactions (\(String(format: "%.1f", returnMiB)) MiB) | \(String(format: "%.2f", seconds(returnElapsed))) s |
| receive of that bundle at the hall / the same bundle again | \(String(format: "%.2f", seconds(receiveElapsed))) / \(String(format: "%.2f", seconds(repeatElapsed))) s |
| training store made from nothing (\(trainingPeople) people, \(trainingTransactions) transactions) / rebuilt over itself | \(String(format: "%.2f", seconds(trainingElapsed))) / \(String(format: "%.2f", seconds(trainingResetElapsed))) s |

How each is measured:
- **ID validations**: 1,000,000 parses cycling over 10,000 valid numbers from seven regions (one in ten with a lower-case `x`).
- **Settlements**: 200,000 bills (A, B and C items, all visit types and levels) for a dibao resident, each settled on the
  accumulators the previous ones left, reset every 20 bills. Nothing is written.
- **Durable enrolment**: \(enrolments) resident-medical enrolments of registered people through `Desk.enrol` on a store file in the
  temporary directory: read the person and enrolments, apply the rules, write the enrolment and the hash-chained journal entry
  in one immediate transaction, commit with `synchronous=FULL` (an fsync per commit). The operator's login is not included.
- **Certification at scale**: 100,000 recipients in twelve counties written in one transaction (\(String(format: "%.1f", seconds(seedElapsed))) s,
  a \(bigSize) MiB store), each certified once on a day spread over the last 13 months. The due list reads every recipient
  with their last certification and the suspended months, and keeps those due within 30 days, overdue or suspended. The
  payment run for 2023-07 decides every recipient on a snapshot, writes one line per recipient (paid or suspended) in
  slices of 2,000 under one run, and makes them count in a closing transaction; the repeated run finds every recipient
  already handled.
- **verify** replays every journal entry's row notes and compares them with a digest of every row of every business
  table (about 400,000 rows here), after `PRAGMA integrity_check`.
- **The run while counters work**: the 2023-08 run on the same store, while another connection registers a person every
  20 ms. The run decides every recipient on a snapshot without the write lock, then writes its lines in slices of 2,000,
  pausing 15 ms between them; the store reports how long each of its transactions held the write lock, and the
  counter's longest wait is about one slice.
- **Login refusals** cost one scrypt derivation whether the operator exists or not, so the two times match.
- **The desk**: on the same store, the time from creating the desk to its first frame (the login screen), then from
  login (one scrypt verification) to the desk's frame with a citizen found and pinned; then 2,000 renders of the whole
  frame into the in-memory screen, and 2,000 row diffs of two frames that differ in one row (what the ncurses
  backend redraws).
- **Outreach**: a hall of 20,000 pensioners in one county (each with a benefit and a certification); the checkout
  reads them and every row that hangs on them in the checkout's transaction and seals the take-out (one scrypt
  derivation, AES-GCM, Ed25519); the laptop's store is made from it in one transaction. On the laptop 2,500 people are
  registered and 2,500 pensioners certified at home, each a durable transaction; the return carries the 5,000 journal
  entries and their rows. The receive opens the bundle, checks every link of the chain and every row's digest, applies
  the rows and appends the 5,000 entries to the hall's journal in one transaction; the repeat finds the bundle already
  received and writes nothing.
- **Training store**: `TrainingStore.reset` from nothing, then again over the store it made (keeping the trainer's
  password, copied into place with SQLite's online backup). Every transaction of the year of history goes through the
  desk's own use cases, unsynced under a temporary name; about 40 e-card PINs and activation codes are hashed with scrypt.

"""
try report.write(toFile: output, atomically: true, encoding: .utf8)
print(report)

// The same figures for machines: docs/benchmarks.json beside the Markdown.
let figures: [(String, Double, String)] = [
    ("id_validations_per_second", idRate, "1/s"), ("settlements_per_second", settleRate, "1/s"),
    ("durable_enrolment_median", median, "ms"), ("durable_enrolment_p99", p99, "ms"),
    ("due_list_100k", seconds(dueElapsed), "s"), ("due_list_county", seconds(countyElapsed), "s"),
    ("payment_run_100k", seconds(runElapsed), "s"), ("payment_run_repeated", seconds(rerunElapsed), "s"),
    ("verify_100k", seconds(verifyElapsed), "s"), ("payment_run_with_counter", seconds(concurrentRunElapsed), "s"),
    ("counter_write_during_run_median", counterMedian, "ms"), ("counter_write_during_run_longest", counterLongest, "ms"),
    ("payment_run_slice_lock_longest", sliceHold * 1000, "ms"), ("payment_run_closing_lock", finalHold * 1000, "ms"),
    ("login_refused_unknown_operator", unknownRefusal, "ms"), ("login_refused_wrong_password", wrongRefusal, "ms"),
    ("desk_start", seconds(startElapsed) * 1000, "ms"), ("desk_login", seconds(loginElapsed) * 1000, "ms"),
    ("frame_render_80x24", small.render, "us"), ("frame_diff_80x24", small.diff, "us"),
    ("frame_render_200x60", large.render, "us"), ("frame_diff_200x60", large.diff, "us"),
    ("outreach_takeout_20k", seconds(takeOutElapsed), "s"), ("outreach_open_20k", seconds(openElapsed), "s"),
    ("outreach_return_5k", seconds(returnElapsed), "s"), ("outreach_receive_5k", seconds(receiveElapsed), "s"),
    ("outreach_receive_5k_repeated", seconds(repeatElapsed), "s"),
    ("training_store_build", seconds(trainingElapsed), "s"), ("training_store_reset", seconds(trainingResetElapsed), "s"),
]
let json = JSONValue.object([("measured", .string(ISO8601DateFormatter().string(from: Date()))),
                             ("cores", .int(Int64(ProcessInfo.processInfo.activeProcessorCount))), ("cpu", .string(cpu)),
                             ("figures", .object(figures.map { ($0.0, .object([("value", .string(String(format: "%.3f", $0.1))), ("unit", .string($0.2))])) }))])
let jsonOutput = (output as NSString).deletingPathExtension + ".json"
try json.pretty().write(toFile: jsonOutput, atomically: true, encoding: .utf8)
