import Foundation
import GuitaiCore
import GuitaiDesk

/// The domain core alone: ID numbers judged per second (against python-stdnum, the peer), settlements per second.
enum CoreSpeed {
    static func run(_ bench: BenchContext, into report: inout BenchReport) throws {
        let resources = bench.resources, today = bench.today
        // ID numbers: 10,000 valid numbers from seven regions, one in ten with a lower-case x.
        let regions = ["540102", "110105", "430202", "140105", "150102", "220102", "110103"]
        var inputs: [String] = []
        for i in 0..<10_000 {
            let id = ResidentID.compose(region: regions[i % regions.count], birth: LocalDate(dayNumber: -20_000 + i * 3), sequence: i % 1000).value
            inputs.append(i % 10 == 0 ? id.lowercased() : id)
        }
        var valid = 0
        let idRate = Measure.throughput(5_000_000) { i in
            if case .success = ResidentID.parse(inputs[i % inputs.count], today: today, divisions: resources.divisions) { valid += 1 }
        }
        precondition(valid == 5_000_000, "benchmark inputs should all be valid")
        let peer = stdnumRate(inputs, bench: bench)
        let goal = peer.map { BenchReport.goal(idRate >= 250 * $0, "≥ 250 × python-stdnum (\(Measure.grouped(250 * $0)) per second)") }
            ?? "≥ 250 × python-stdnum (python-stdnum not measured here)"
        report.add("ID number validations (GB 11643 check, date, division table)", "\(Measure.grouped(idRate)) per second",
                   key: "id_validations_per_s", value: idRate, goal: goal)
        if let peer {
            report.add("the same numbers through python-stdnum's `cn.ric.validate` (the peer)", "\(Measure.grouped(peer)) per second — Guitai \(Measure.fixed(idRate / peer, 0)) ×",
                       key: "stdnum_validations_per_s", value: peer)
        }
        report.method("**ID validations**: 5,000,000 parses cycling over 10,000 valid numbers from seven regions (one in ten with a "
            + "lower-case `x`), through `ResidentID.parse` with the shipped division table, in five rounds of 1,000,000; the median round's rate. The common case is read on the string's "
            + "UTF-8 bytes: the weighted sum, the date and the region (a bit per six-digit code) without building a string. "
            + "python-stdnum (installed by `make bench` into `.build/bench-venv`) validates the same 10,000 numbers for 2 s in "
            + "`scripts/stdnum-rate.py`; Python because the peer is a Python library.")

        // Settlements: inpatient and outpatient bills with A, B and C items for a dibao resident, accumulating.
        let library = try resources.policyLibrary(hallPolicies: [], defaultID: "xizang-2023")
        guard let policy = library.policy(id: "xizang-2023") else { fatalError("xizang-2023 is shipped") }
        let cover = MedicalCover.covered(scheme: .residentMedical, status: nil, regionCode: "540102")
        let bills = (0..<997).map { i in
            Bill(date: today, visit: i % 3 == 0 ? .outpatient : .inpatient, level: HospitalLevel(rawValue: i % 3 + 1) ?? .one,
                 major: i % 7 == 0,
                 items: [BillItem(name: "床位费", category: .a, amount: Money(fen: Int64(100_000 + i % 997 * 100))),
                         BillItem(name: "药品", category: .b, amount: Money(fen: Int64(500_000 + i % 991 * 1000))),
                         BillItem(name: "自费", category: .c, amount: Money(fen: 20_050))])
        }
        var ytd = YearToDate()
        var settled = Money.zero
        let groups: Set<SpecialGroup> = [.dibao]
        let settleRate = try Measure.throughput(2_000_000) { i in
            if i % 20 == 0 { ytd = YearToDate() }
            let result = try SettlementEngine.settle(bills[i % bills.count], cover: cover, groups: groups, policy: policy, yearToDate: ytd)
            ytd = ytd + result.increments
            settled = settled + result.total
        }
        precondition(settled > .zero)
        report.add("settlements in memory (three layers, xizang-2023, accumulating)", "\(Measure.grouped(settleRate)) per second",
                   key: "settlements_per_s", value: settleRate, goal: BenchReport.goal(settleRate >= 1_000_000, "≥ 1,000,000 per second"))
        report.method("**Settlements**: 2,000,000 settlements in five rounds (the median round's rate) of 997 prepared bills (A, B and C items, both visit types, all three "
            + "levels, one in seven major) for a dibao resident under xizang-2023, each on the accumulators the previous ones left, "
            + "reset every 20 bills: basic fund, critical illness, assistance and the personal share with every step kept for the "
            + "slip. Nothing is written. The engine builds no dictionary, set or list on its way (the accumulators are fields, "
            + "the groups are compared in place); only the result's critical-illness bands are a list, and the result keeps the rules "
            + "it applied by reference.")
    }

    /// python-stdnum's validations per second over the same numbers, or nil when it cannot be run here.
    private static func stdnumRate(_ inputs: [String], bench: BenchContext) -> Double? {
        let python = bench.root.appendingPathComponent(".build/bench-venv/bin/python3").path
        guard FileManager.default.isExecutableFile(atPath: python) else { return nil }
        let list = bench.scratch + "/stdnum-inputs.txt"
        try? inputs.joined(separator: "\n").write(toFile: list, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [bench.root.appendingPathComponent("scripts/stdnum-rate.py").path, list]
        let pipe = Pipe()
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
