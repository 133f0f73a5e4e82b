import Foundation
import GuitaiCore
@testable import GuitaiDesk
import Testing

/// Printing: the kept copy first, always; the printer when one is set up; a failing printer loses nothing.
@Suite struct PrinterTests {
    private func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "guitai-print-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A stand-in for `lp`: records its arguments and what it was given, and exits with `status`.
    private func fakeLP(in folder: String, status: Int, complaint: String = "") throws -> String {
        let path = folder + "/lp"
        try """
            #!/bin/sh
            echo "$@" > "\(folder)/lp-arguments"
            cat > "\(folder)/lp-input"
            [ -n "\(complaint)" ] && echo "\(complaint)" >&2
            exit \(status)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        return path
    }

    @Test func withoutAPrinterTheReceiptGoesToAFile() throws {
        let folder = try folder()
        let outcome = try Printer(queue: nil, command: try fakeLP(in: folder, status: 0))
            .print("回执 54010220230601000007\n", name: "54010220230601000007", besideStore: folder + "/guitai.sqlite", training: false)
        #expect(outcome == .saved(file: folder + "/receipts/54010220230601000007.txt"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/lp-input"))
        #expect(Printer.from(option: nil, environment: ["GUITAI_PRINTER": " "]).queue == nil)
        #expect(Printer.from(option: nil, environment: ["GUITAI_PRINTER": "hall-1"]).queue == "hall-1")
        #expect(Printer.from(option: "window-3", environment: ["GUITAI_PRINTER": "hall-1"]).queue == "window-3")
    }

    @Test func aConfiguredPrinterGetsTheTextOnItsQueue() throws {
        let folder = try folder()
        let outcome = try Printer(queue: "window-3", command: try fakeLP(in: folder, status: 0))
            .print("结算单\n", name: "slip", besideStore: folder + "/guitai.sqlite", training: true)
        #expect(outcome == .printed(queue: "window-3", file: folder + "/receipts-training/slip.txt"))
        #expect(try String(contentsOfFile: folder + "/lp-arguments", encoding: .utf8) == "-d window-3\n")
        // A training printout says so on paper too.
        let printed = try String(contentsOfFile: folder + "/lp-input", encoding: .utf8)
        #expect(printed.hasPrefix(ReceiptArchive.trainingMark) && printed.hasSuffix("结算单\n"))
    }

    @Test func aFailingPrinterKeepsTheReceiptAndSaysWhy() throws {
        let folder = try folder()
        let outcome = try Printer(queue: "window-3", command: try fakeLP(in: folder, status: 1, complaint: "lp: printer is offline"))
            .print("回执\n", name: "54010220230601000009", besideStore: folder + "/guitai.sqlite", training: false)
        #expect(outcome == .printerFailed(queue: "window-3", reason: Bilingual(both: "lp: printer is offline"),
                                          file: folder + "/receipts/54010220230601000009.txt"))
        #expect(try String(contentsOfFile: outcome.file, encoding: .utf8) == "回执\n")
        #expect(outcome.message.zh.contains("F8"))
        let missing = try Printer(queue: "window-3", command: folder + "/no-such-lp")
            .print("回执\n", name: "again", besideStore: folder + "/guitai.sqlite", training: false)
        guard case .printerFailed = missing else { Issue.record("expected a failure, got \(missing)"); return }
    }

    @Test func aPrinterThatNeverAnswersIsGivenUpOnAndTheReceiptKept() throws {
        let folder = try folder()
        let path = folder + "/lp"
        try "#!/bin/sh\nsleep 30\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        // A printout larger than a pipe holds, to a command that never reads it.
        let text = String(repeating: "扎西·平措 540102********1234 45,468.90\n", count: 4_000)
        let outcome = try Printer(queue: "window-3", command: path, patienceSeconds: 1)
            .print(text, name: "due-2023-06-01", besideStore: folder + "/guitai.sqlite", training: false)
        #expect(outcome == .printerFailed(queue: "window-3", reason: Bilingual(zh: "lp 在 1 秒内没有响应", en: "lp did not answer within 1 s"),
                                          file: folder + "/receipts/due-2023-06-01.txt"))
        #expect(try String(contentsOfFile: outcome.file, encoding: .utf8) == text)
    }
}
