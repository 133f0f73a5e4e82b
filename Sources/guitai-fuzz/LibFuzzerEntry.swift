#if GUITAI_LIBFUZZER
import Foundation

/// The harness under libFuzzer, whose own `main` runs the program: the target is named by `GUITAI_FUZZ_TARGET`, the
/// round trip made once, and the fresh round trip's seed written into the first corpus directory, since a return
/// only reaches past its checks at a hall that checked its device out.
enum LibFuzzerEntry {
    /// What each input runs against; set once by `LLVMFuzzerInitialize` before any input.
    nonisolated(unsafe) static var state: (target: FuzzTarget, trip: OutreachRoundTrip, scratch: String)?
    /// The round trip's directory, removed when libFuzzer ends the process.
    nonisolated(unsafe) static var directory: String?
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    let name = ProcessInfo.processInfo.environment["GUITAI_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        OutreachRoundTrip.fail("GUITAI_FUZZ_TARGET names no target (\(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    let scratch = NSTemporaryDirectory() + "guitai-fuzz-" + UUID().uuidString
    LibFuzzerEntry.directory = scratch
    atexit { if let directory = LibFuzzerEntry.directory { try? FileManager.default.removeItem(atPath: directory) } }
    let trip = OutreachRoundTrip.makeOrExit(in: scratch)
    let arguments = CommandLine.arguments.dropFirst()
    if let corpus = arguments.first(where: { !$0.hasPrefix("-") }) {
        try? FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        try? target.seed(trip).write(to: URL(fileURLWithPath: corpus + "/fresh-roundtrip"))
    }
    try? FileManager.default.createDirectory(atPath: scratch + "/input", withIntermediateDirectories: true)
    LibFuzzerEntry.state = (target, trip, scratch + "/input")
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let state = LibFuzzerEntry.state else { return 0 }
    state.target.run(data.map { Data(bytes: $0, count: size) } ?? Data(), trip: state.trip, scratch: state.scratch)
    return 0
}
#endif
