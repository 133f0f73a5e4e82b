import Foundation
import Testing

/// The outreach fuzz targets' committed corpus (where an input that once failed is kept, `scripts/fuzz.sh`) replayed
/// through the plain build of `guitai-fuzz`: each input is answered, and the round trip the targets fuzz against is
/// still accepted whole, so the fuzzer reaches past the checks.
@Suite struct FuzzCorpusTests {
    static let harness = CLI.root.appendingPathComponent(".build/debug/guitai-fuzz").path

    @Test(arguments: ["bundle", "takeout", "return"])
    func everyOutreachInputIsAnsweredAndTheRoundTripAccepted(target: String) throws {
        let corpus = CLI.root.appendingPathComponent("Fuzz/corpus/outreach-\(target)").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.harness)
        process.arguments = ["replay", target, corpus]
        process.currentDirectoryURL = CLI.root
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let complaint = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(complaint)")
        #expect(said.hasPrefix("\(target): "), "\(said)")
        #expect(!said.hasPrefix("\(target): 0 inputs"), "the committed corpus is empty: \(said)")
    }
}
