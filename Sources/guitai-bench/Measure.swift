import Foundation
import Histogram

/// Timing helpers shared by the benchmark sections.
enum Measure {
    static let clock = ContinuousClock()

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Runs `body` for `count` iterations (numbered on across rounds) in `rounds` equal rounds and returns the median
    /// round's operations per second: this shared machine's speed wanders by a third from one second to the next, and
    /// the median round is what the code does when the machine is itself.
    static func throughput(_ count: Int, rounds: Int = 5, _ body: (Int) throws -> Void) rethrows -> Double {
        let perRound = max(1, count / max(1, rounds))
        var rates: [Double] = []
        for round in 0..<max(1, rounds) {
            let start = round * perRound
            let elapsed = try clock.measure { for i in start..<(start + perRound) { try body(i) } }
            rates.append(Double(perRound) / seconds(elapsed))
        }
        return rates.sorted()[rates.count / 2]
    }

    /// Seconds one call takes.
    static func time(_ body: () throws -> Void) rethrows -> Double { seconds(try clock.measure(body)) }

    /// Resident memory of this process now and at its peak, in MiB (`VmRSS`, `VmHWM` of /proc/self/status).
    static func residentMiB() -> (now: Double, peak: Double) {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        func field(_ name: String) -> Double {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
                  let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return 0 }
            return kib / 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    /// Runs this benchmark program again with `arguments` in a process of its own and returns its exit status and the
    /// words it printed (the sections that must not share this process's memory).
    static func runSelf(_ arguments: [String]) throws -> (status: Int32, words: [String]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init))
    }

    /// `1,234,567`.
    static func grouped(_ value: Double) -> String {
        let whole = Int(value.rounded())
        var digits = String(whole)
        var groups: [String] = []
        while digits.count > 3 { groups.insert(String(digits.suffix(3)), at: 0); digits.removeLast(3) }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ",")
    }

    static func fixed(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }
}

/// Latencies recorded in nanoseconds into an HDR histogram (three significant digits), read back as percentiles.
struct Latencies {
    private var histogram = Histogram<UInt64>(highestTrackableValue: 600_000_000_000, numberOfSignificantValueDigits: .three)

    var count: Int { Int(histogram.totalCount) }

    mutating func record(_ duration: Duration) {
        let nanoseconds = max(1, duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        _ = histogram.record(UInt64(nanoseconds))
    }

    /// Times one call and records it.
    mutating func time<T>(_ body: () throws -> T) rethrows -> T {
        let start = Measure.clock.now
        let value = try body()
        record(Measure.clock.now - start)
        return value
    }

    /// Adds another's recordings (several threads' latencies into one distribution).
    mutating func merge(_ other: Latencies) { histogram.add(other.histogram) }

    func milliseconds(at percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1e6 }
    func microseconds(at percentile: Double) -> Double { Double(histogram.valueAtPercentile(percentile)) / 1e3 }
    var maxMilliseconds: Double { Double(histogram.max) / 1e6 }
}
