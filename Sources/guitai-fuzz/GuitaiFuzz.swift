import Foundation
import GuitaiDesk

/// `guitai-fuzz`: libFuzzer harnesses over what outreach bundles carry (`FuzzTarget`), run from the repository root.
///
/// - `guitai-fuzz seeds` writes each target's seed, from a fresh round trip through the desk, to `Fuzz/corpus/outreach-TARGET/`.
/// - `guitai-fuzz replay TARGET PATH...` runs every file (or every file in a directory) through a target once: the test
///   suite replays the committed corpus and every input that ever failed this way.
/// - Built by `scripts/fuzz.sh` with `--sanitize=fuzzer,address -DGUITAI_LIBFUZZER`, the program is libFuzzer's
///   (`LibFuzzerEntry`): `GUITAI_FUZZ_TARGET=TARGET guitai-fuzz [libFuzzer options and corpus directories]`.
///
/// Exit status 0 when every input was answered; 64 for a wrong command line; 70 when the round trip cannot be made.
#if !GUITAI_LIBFUZZER
@main
struct GuitaiFuzz {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let first = arguments.first else { usage() }
        arguments.removeFirst()
        let scratch = NSTemporaryDirectory() + "guitai-fuzz-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        switch first {
        case "seeds":
            let trip = OutreachRoundTrip.makeOrExit(in: scratch)
            for target in FuzzTarget.allCases {
                let directory = "Fuzz/corpus/outreach-\(target.rawValue)"
                do {
                    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
                    try target.seed(trip).write(to: URL(fileURLWithPath: directory + "/roundtrip"))
                } catch {
                    OutreachRoundTrip.fail("cannot write \(directory): \(error)")
                }
            }
        case "replay":
            guard let name = arguments.first, let target = FuzzTarget(rawValue: name) else { usage() }
            let trip = OutreachRoundTrip.makeOrExit(in: scratch)
            let input = scratch + "/input"
            try? FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
            // The fresh round trip's own seed first: it must be accepted, or the target reaches nothing past its checks.
            let fresh = target.run(target.seed(trip), trip: trip, scratch: input)
            guard fresh == "accepted" else { OutreachRoundTrip.fail("the fresh round trip's \(target.rawValue) was refused: \(fresh)") }
            var outcomes: [String: Int] = [:]
            for file in files(in: arguments.dropFirst()) {
                guard let data = FileManager.default.contents(atPath: file) else { OutreachRoundTrip.fail("cannot read \(file)") }
                outcomes[target.run(data, trip: trip, scratch: input), default: 0] += 1
            }
            let tally = outcomes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("\(target.rawValue): \(outcomes.values.reduce(0, +)) inputs answered (\(tally))")
        default:
            usage()
        }
    }

    /// Every regular file named, or directly inside a directory named, in name order.
    private static func files(in paths: ArraySlice<String>) -> [String] {
        paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { OutreachRoundTrip.fail("no such file: \(path)") }
            guard isDirectory.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().filter { !$0.hasPrefix(".") }.map { path + "/" + $0 }
        }
    }

    private static func usage() -> Never {
        let targets = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        FileHandle.standardError.write(Data("usage: guitai-fuzz seeds | replay \(targets) PATH...\n".utf8))
        exit(64)
    }
}
#endif
