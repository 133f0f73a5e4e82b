#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GuitaiCore

/// The hall's printer: a queue of the system's print service, reached through `lp`, chosen with `--printer` or
/// `GUITAI_PRINTER`; without one, printouts go to files in the receipts folder. Either way the file is written first.
public struct Printer: Sendable, Equatable {
    /// The `lp` destination; nil when no printer is set up.
    public var queue: String?
    /// The print command; nil finds `lp` on `PATH` (tests give a stand-in).
    var command: String?

    public init(queue: String?) {
        let trimmed = queue?.trimmingCharacters(in: .whitespaces)
        self.queue = trimmed?.isEmpty == false ? trimmed : nil
    }

    init(queue: String?, command: String?) {
        self.init(queue: queue)
        self.command = command
    }

    /// The printer an option names, else `GUITAI_PRINTER`, else none.
    public static func from(option: String?, environment: [String: String]) -> Printer {
        Printer(queue: option ?? environment["GUITAI_PRINTER"])
    }

    /// Keeps the text in the receipts folder beside the store, then sends it to the printer when there is one.
    /// - Parameter name: the file's name without `.txt` (a serial, `day-20260615`).
    /// - Parameter archive: what the kept copy holds when it must differ from the printout (a one-time code is
    ///   printed, never kept); nil keeps the printout.
    /// - Throws: `receipt-unwritable` (1) when even the file cannot be written.
    public func print(_ text: String, name: String, besideStore storePath: String, training: Bool,
                      archive: String? = nil) throws -> PrintOutcome {
        let file = try ReceiptArchive.write(archive ?? text, name: name, besideStore: storePath, training: training)
        guard let queue else { return .saved(file: file) }
        let printout = training && !text.contains(ReceiptArchive.trainingMark) ? ReceiptArchive.trainingMark + "\n" + text : text
        if let failure = Self.send(printout, to: queue, command: command) {
            return .printerFailed(queue: queue, reason: failure, file: file)
        }
        return .printed(queue: queue, file: file)
    }

    /// Runs `lp -d QUEUE` with the text on its standard input; nil when it succeeded, else why not. No spool file
    /// of ours keeps the text.
    private static func send(_ text: String, to queue: String, command: String?) -> String? {
        let path = command ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { $0 + "/lp" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return "lp not found" }
        // A printer command that quits before reading everything must not end the program with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-d", queue]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        do {
            try process.run()
            try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
            try input.fileHandleForWriting.close()
            let said = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                let reason = String(decoding: said.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                return reason.isEmpty ? "lp exit \(process.terminationStatus)" : reason
            }
            return nil
        } catch {
            return "lp: \(error.localizedDescription)"
        }
    }
}
