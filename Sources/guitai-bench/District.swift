import Foundation
import GRDB
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// A district on one server: the 1,000,000-person store (`DistrictStore`), a lookup by ID number against SQLite's own
/// primary-key lookup, the clerk's searches, and the memory of a process that opened, searched and settled on it.
enum District {
    static func run(_ bench: BenchContext, into report: inout BenchReport) throws {
        let (path, built) = try DistrictStore.ensure(bench)
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576
        let people = Double(bench.people)
        if let built {
            report.add("district store made: \(Measure.grouped(people)) people and a year of history (\(size) MiB)", "\(Measure.fixed(built, 0)) s",
                       key: "district_store_build_s", value: built)
        }
        let desk = try Desk.open(storePath: path, operatorID: "clerk1", password: "bench-password", clock: FixedClock(date: bench.today),
                                 resources: bench.resources)
        // Every 97th person, in the store's own order: numbers and names the searches look for.
        let sample = try desk.store.read { tx in try tx.samplePeople(every: 97, limit: 3_000) }
        precondition(sample.count >= 300, "the district store has too few people to sample")

        // The floor: SQLite's primary-key lookup on its own connection, a prepared statement, no transaction around it.
        let raw = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        var floor = Latencies(), lookups = Latencies(), details = Latencies()
        try raw.read { db in
            let statement = try db.makeStatement(sql: "SELECT * FROM persons WHERE id_number = ?")
            for round in 0..<3 {
                for person in sample {
                    let start = Measure.clock.now
                    let row = try Row.fetchOne(statement, arguments: [person.id])
                    if round > 0 { floor.record(Measure.clock.now - start) }
                    precondition(row != nil)
                }
            }
        }
        for round in 0..<3 {
            for person in sample {
                let start = Measure.clock.now
                let found = try desk.store.read { tx in try tx.person(idNumber: person.id) }
                if round > 0 { lookups.record(Measure.clock.now - start) }
                precondition(found != nil)
            }
        }
        for person in sample.prefix(1_000) { _ = try details.time { try desk.showPerson(person.id) } }
        // Where a lookup's time goes: an empty read transaction through the store, and the bare lookup in a read
        // transaction of its own through GRDB.
        var emptyReads = Latencies(), ownTransaction = Latencies()
        for _ in 0..<3_000 { try emptyReads.time { try desk.store.read { _ in } } }
        for person in sample {
            _ = try ownTransaction.time { try raw.read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM persons WHERE id_number = ?"), arguments: [person.id]) } }
        }
        report.add("… of which an empty read transaction through the store / the bare lookup in its own GRDB read transaction: median",
                   "\(Measure.fixed(emptyReads.microseconds(at: 50), 1)) / \(Measure.fixed(ownTransaction.microseconds(at: 50), 1)) µs",
                   key: "empty_read_transaction_us", value: emptyReads.microseconds(at: 50))
        report.figure("raw_lookup_own_transaction_us", ownTransaction.microseconds(at: 50))
        let floorMedian = floor.microseconds(at: 50), lookupMedian = lookups.microseconds(at: 50)
        report.add("raw SQLite primary-key lookup of a person, \(Measure.grouped(people)) people (the floor): median", "\(Measure.fixed(floorMedian, 1)) µs",
                   key: "raw_lookup_by_id_1m_median_us", value: floorMedian)
        report.add("lookup by ID number through the store, \(Measure.grouped(people)) people: median / p99",
                   "\(Measure.fixed(lookupMedian, 1)) / \(Measure.fixed(lookups.microseconds(at: 99), 1)) µs (\(Measure.fixed(lookupMedian / floorMedian, 2)) × the floor)",
                   key: "lookup_by_id_1m_median_us", value: lookupMedian,
                   goal: BenchReport.goal(lookupMedian <= 2 * floorMedian, "≤ 2 × the floor (\(Measure.fixed(2 * floorMedian, 1)) µs)"))
        report.add("everything about one person (enrolments, cards, e-card, pension, settlements), as the desk shows it: median / p99",
                   "\(Measure.fixed(details.microseconds(at: 50), 0)) / \(Measure.fixed(details.microseconds(at: 99), 0)) µs",
                   key: "person_details_1m_median_us", value: details.microseconds(at: 50))

        var misses: [String] = []
        var searches = Latencies()
        var kinds: [String: Latencies] = [:]
        for (index, person) in sample.prefix(1_200).enumerated() {
            let (kind, query): (String, String) = switch index % 3 {
            case 0: ("name", person.name)
            case 1: ("initials", person.initialLetters)
            default: ("ID tail", String(person.id.suffix(6)))
            }
            let start = Measure.clock.now
            let found = try desk.findPersons(query)
            let took = Measure.clock.now - start
            // A common name, its initials or a tail may have more than the 50 shown: the search must find someone.
            if found.isEmpty {
                misses.append("\(kind) \(query) for \(person.name)")
            }
            searches.record(took)
            kinds[kind, default: Latencies()].record(took)
        }
        guard misses.isEmpty else {
            FileHandle.standardError.write(Data(("searches that missed their person:\n" + misses.prefix(20).joined(separator: "\n") + "\n").utf8))
            throw CocoaError(.featureUnsupported)
        }
        let p99 = searches.milliseconds(at: 99)
        report.add("search by name, pinyin initials or ID tail, \(Measure.grouped(people)) people: median / p99 (up to 50 people listed)",
                   "\(Measure.fixed(searches.milliseconds(at: 50), 2)) / \(Measure.fixed(p99, 2)) ms", key: "search_1m_p99_ms", value: p99,
                   goal: BenchReport.goal(p99 <= 20, "p99 ≤ 20 ms"))
        for kind in ["name", "initials", "ID tail"] {
            guard let latencies = kinds[kind] else { continue }
            report.add("… by \(kind): median / p99", "\(Measure.fixed(latencies.milliseconds(at: 50), 2)) / \(Measure.fixed(latencies.milliseconds(at: 99), 2)) ms")
            report.figure("search_1m_\(kind.replacingOccurrences(of: " ", with: "_").lowercased())_p99_ms", latencies.milliseconds(at: 99))
        }

        let memory = try probeInFreshProcess(path: path, bench: bench)
        report.add("memory of a desk process with the \(Measure.grouped(people))-person store open, searched and settled: start / peak RSS",
                   "\(Measure.fixed(memory.start, 1)) / \(Measure.fixed(memory.peak, 1)) MiB", key: "rss_1m_mib", value: memory.peak,
                   goal: BenchReport.goal(memory.peak <= 60, "≤ 60 MiB"))
        report.method("**District**: a store of \(Measure.grouped(people)) people made by `DistrictStore` (\(size) MiB; kept in "
            + "`.build/bench-cache` and made again only when the generator's version or the store's format changes). "
            + "Per person: a name, an age from a young pyramid, one of twelve counties, special groups, enrolments, cards, "
            + "e-cards; pensioners with a certification and the year's payment lines; one in ten with a bill settled through "
            + "the desk. Written in transactions of 5,000 people, each journaled. **Lookup**: every 97th person's ID number, "
            + "looked up twice over after a warm-up round: through `Store.read` and the store's `person(idNumber:)` (a read "
            + "transaction, the person and their groups), against the bare `SELECT * FROM persons WHERE id_number = ?` on a "
            + "prepared statement of its own connection. **Search**: 1,200 searches through `Desk.findPersons` taking turns: "
            + "a sampled person's full name, their name's pinyin initials, the last six characters of their ID number; each "
            + "returns up to 50 people with what the list of matches shows (name, number, sex, age, place). **Memory**: `guitai-bench probe-rss` in a "
            + "fresh process logs a clerk in, looks up 2,000 people, runs 300 searches and settles 50 bills (real, journaled "
            + "transactions), and reports its resident set (`VmRSS`) after login and its peak (`VmHWM`).")
    }

    /// Runs `guitai-bench probe-rss STORE` and reads its two figures.
    private static func probeInFreshProcess(path: String, bench: BenchContext) throws -> (start: Double, peak: Double) {
        let (status, words) = try Measure.runSelf(["probe-rss", path])
        let figures = words.compactMap { Double($0) }
        guard status == 0, figures.count == 2 else { throw CocoaError(.fileReadCorruptFile) }
        return (figures[0], figures[1])
    }

    /// The child's side: opens the store as a clerk, looks up, searches and settles, prints `start peak` RSS in MiB.
    static func probeMemory(store path: String, resources: DeskResources) throws {
        let today = LocalDate(year: 2023, month: 6, day: 1) ?? .earliest
        let desk = try Desk.open(storePath: path, operatorID: "clerk2", password: "bench-password", clock: FixedClock(date: today),
                                 resources: resources)
        let start = Measure.residentMiB().now
        let sample = try desk.store.read { tx in try tx.samplePeople(every: 211, limit: 2_000) }
        for person in sample { _ = try desk.showPerson(person.id) }
        for person in sample.prefix(300) { _ = try desk.findPersons(person.name) }
        var settled = 0
        for person in sample.dropFirst(300) where settled < 50 {
            let items = [BillItem(name: "门诊诊疗", category: .a, amount: Money(fen: 36_000)),
                         BillItem(name: "西药", category: .b, amount: Money(fen: 12_500))]
            if (try? desk.settle(SettleForm(idNumber: person.id, visit: .outpatient, level: .two, major: false, items: items))) != nil {
                settled += 1
            }
        }
        print(Measure.fixed(start, 1), Measure.fixed(Measure.residentMiB().peak, 1))
    }
}
