import Foundation
import GuitaiDesk

// Release-mode benchmarks (`make bench`): docs/benchmarks.md and docs/benchmarks.json.
//
//   guitai-bench [OUTPUT.md] [--only core,durable,postgres,certification,outreach,training,district] [--people N]
//   guitai-bench soak [--minutes 10] [OUTPUT.md]   (make soak: see Soak.swift)
//   guitai-bench probe-rss STORE      (the district section runs this in a fresh process: see District.swift)

let arguments = Array(CommandLine.arguments.dropFirst())
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let resources = try DeskResources(directory: ProcessInfo.processInfo.environment["GUITAI_RESOURCES"]
                                  ?? root.appendingPathComponent("Resources").path)

if arguments.first == "soak" {
    var minutes = 10.0, output = "docs/soak.md", people = 1_000_000, index = 1
    while index < arguments.count {
        switch arguments[index] {
        case "--minutes" where index + 1 < arguments.count: minutes = Double(arguments[index + 1]) ?? minutes; index += 1
        case "--people" where index + 1 < arguments.count: people = max(1_000, Int(arguments[index + 1]) ?? people); index += 1
        default: output = arguments[index]
        }
        index += 1
    }
    let scratch = NSTemporaryDirectory() + "guitai-soak-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    let bench = BenchContext(root: root, resources: resources, scratch: scratch,
                             cache: root.appendingPathComponent(".build/bench-cache").path, people: people)
    do { try Soak.run(bench, minutes: minutes, output: output) } catch {
        try? FileManager.default.removeItem(atPath: scratch)
        throw error
    }
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

if arguments.first == "soak-jobs", arguments.count == 2 {
    try Soak.supervisorJobs(store: arguments[1], resources: resources)
    exit(0)
}

if arguments.first == "probe-rss", arguments.count == 2 {
    try District.probeMemory(store: arguments[1], resources: resources)
    exit(0)
}

let allSections = ["core", "durable", "postgres", "certification", "outreach", "training", "district"]
var output = "docs/benchmarks.md"
var sections = allSections
var people = 1_000_000
var index = 0
while index < arguments.count {
    switch arguments[index] {
    case "--only" where index + 1 < arguments.count:
        sections = arguments[index + 1].split(separator: ",").map(String.init).filter(allSections.contains)
        index += 1
    case "--people" where index + 1 < arguments.count:
        people = max(1_000, Int(arguments[index + 1]) ?? people)
        index += 1
    default:
        output = arguments[index]
    }
    index += 1
}

let scratch = NSTemporaryDirectory() + "guitai-bench-" + UUID().uuidString
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }
let bench = BenchContext(root: root, resources: resources, scratch: scratch,
                         cache: root.appendingPathComponent(".build/bench-cache").path, people: people)
var report = BenchReport()
for section in sections {
    let started = Date()
    switch section {
    case "core": try CoreSpeed.run(bench, into: &report)
    case "durable": try DurableWrites.run(bench, into: &report)
    case "postgres": try PostgresFloors.run(bench, into: &report)
    case "certification": try CertificationAtScale.run(bench, into: &report)
    case "outreach": try OutreachTrip.run(bench, into: &report)
    case "training": try TrainingBuild.run(bench, into: &report)
    case "district": try District.run(bench, into: &report)
    default: break
    }
    FileHandle.standardError.write(Data("bench: \(section) took \(Int(Date().timeIntervalSince(started))) s\n".utf8))
}
try report.write(markdown: output, sections: sections)
