import Foundation

/// What `make bench` found: table rows for docs/benchmarks.md, the method of each section, and the figures for
/// docs/benchmarks.json (numbers, units in the key names).
struct BenchReport {
    struct Row {
        var what: String
        var figure: String
        var goal: String
    }

    private(set) var rows: [Row] = []
    private(set) var methods: [String] = []
    private(set) var figures: [(String, Double)] = []

    /// A row of the table and its figure in the JSON; `goal` says the issue's goal and whether it is met.
    mutating func add(_ what: String, _ figure: String, key: String? = nil, value: Double? = nil, goal: String = "") {
        rows.append(Row(what: what, figure: figure, goal: goal))
        if let key, let value { figures.append((key, value)) }
    }

    /// A figure for the JSON only.
    mutating func figure(_ key: String, _ value: Double) { figures.append((key, value)) }

    mutating func method(_ text: String) { methods.append(text) }

    static func goal(_ met: Bool, _ text: String) -> String { (met ? "met: " : "NOT MET: ") + text }

    func write(markdown path: String, sections: [String]) throws {
        let cpu = Self.cpu
        var text = """
        # Benchmarks

        Measured by `make bench` (the `guitai-bench` executable, release build) on \(ISO8601DateFormatter().string(from: Date())).
        Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu). Sections run: \(sections.joined(separator: ", ")).
        Figures vary by a few percent between runs; compare runs on the same machine only. The goals are issue 13's.

        | what | figure | goal |
        |---|---|---|

        """
        for row in rows { text += "| \(row.what) | \(row.figure) | \(row.goal) |\n" }
        text += "\nHow each is measured:\n"
        for method in methods { text += "- " + method + "\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        print(text)

        var fields: [String: Any] = ["measured": ISO8601DateFormatter().string(from: Date()),
                                     "cores": ProcessInfo.processInfo.activeProcessorCount, "cpu": cpu]
        for (key, value) in figures { fields[key] = (value * 1000).rounded() / 1000 }
        let json = (path as NSString).deletingPathExtension + ".json"
        let data = try JSONSerialization.data(withJSONObject: fields, options: [.prettyPrinted, .sortedKeys])
        try data.write(to: URL(fileURLWithPath: json), options: .atomic)
    }

    static var cpu: String {
        (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown"
    }
}
