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
    /// How long `lp` may take to accept a job before the desk stops waiting for it: a print server that does not
    /// answer must not hold the counter.
    var patienceSeconds = 20

    public init(queue: String?) {
        let trimmed = queue?.trimmingCharacters(in: .whitespaces)
        self.queue = trimmed?.isEmpty == false ? trimmed : nil
    }

    init(queue: String?, command: String?, patienceSeconds: Int = 20) {
        self.init(queue: queue)
        self.command = command
        self.patienceSeconds = patienceSeconds
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
        if let failure = Self.send(printout, to: queue, command: command, patience: patienceSeconds) {
            return .printerFailed(queue: queue, reason: failure, file: file)
        }
        return .printed(queue: queue, file: file)
    }

    /// Runs `lp -d QUEUE` with the text on its standard input; nil when it succeeded, else why not (`lp`'s own words). The text is written
    /// from another thread while this one waits, so an `lp` that stops reading (or never starts) cannot block the
    /// desk; after `patience` seconds it is stopped. No spool file of ours keeps the text.
    private static func send(_ text: String, to queue: String, command: String?, patience: Int) -> Bilingual? {
        let path = command ?? (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { $0 + "/lp" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return Bilingual(zh: "找不到打印命令 lp", en: "lp not found") }
        // A printer command that quits before reading everything must not end the program with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-d", queue]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            return Bilingual(both: "lp: \(error.localizedDescription)")
        }
        let writer = input.fileHandleForWriting
        let data = Data(text.utf8)
        DispatchQueue.global().async {
            // An lp that exits early makes this write fail (EPIPE); its exit status says why.
            try? writer.write(contentsOf: data)
            try? writer.close()
        }
        if finished.wait(timeout: .now() + .seconds(patience)) == .timedOut {
            process.terminate()
            finished.wait()
            return Bilingual(zh: "lp 在 \(patience) 秒内没有响应", en: "lp did not answer within \(patience) s")
        }
        guard process.terminationStatus == 0 else {
            let said = errors.fileHandleForReading.availableData
            let reason = String(decoding: said.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            return Bilingual(both: reason.isEmpty ? "lp exit \(process.terminationStatus)" : reason)
        }
        return nil
    }
}
