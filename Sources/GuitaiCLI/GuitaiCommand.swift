import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiStore

/// `guitai`: the clerk's desk (no subcommand) and the stable command line for scripts.
public struct GuitaiCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "guitai",
        abstract: "柜台 Guitai: the social-security service hall desk.",
        subcommands: [InitCommand.self, OperatorCommand.self, IDCommand.self, PersonCommand.self, EnrolCommand.self,
                      CardCommand.self, ECardCommand.self, BenefitCommand.self, CertifyCommand.self, PaymentsCommand.self,
                      DeathCommand.self, SettleCommand.self, PolicyCommand.self, VerifyCommand.self, OutreachCommand.self, TrainingCommand.self,
                      ReportCommand.self, ExportCommand.self, StoreCommand.self])

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("lock-minutes"), help: "Lock the desk after this many idle minutes (or GUITAI_LOCK_MINUTES; default 5).")
    var lockMinutes: Int?

    public init() {}

    /// Opens the desk's screens; set by the executable, which alone picks the terminal. Returns the exit status.
    nonisolated(unsafe) public static var openDesk: ((DeskLaunch) throws -> Int32)?

    public mutating func run() throws {
        if let openDesk = GuitaiCommand.openDesk, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, !global.json {
            let minutes = lockMinutes ?? global.environment["GUITAI_LOCK_MINUTES"].flatMap { Int($0) } ?? 5
            try Runner.run(global) {
                let launch = DeskLaunch(storePath: global.storePath, language: global.language, clock: try Runner.clock(global),
                                        counter: global.counter ?? global.environment["GUITAI_COUNTER"] ?? "1",
                                        resources: try Runner.resources(), lockAfterMinutes: max(1, minutes), training: false,
                                        printer: global.chosenPrinter)
                return CommandOutput(json: [:], text: "", exitCode: try openDesk(launch))
            }
            return
        }
        // The ncurses desk comes with its own issue; until then the bare command says where the store stands
        // and what to type next, rather than failing.
        try Runner.run(global) {
            let t = Texts(global.language)
            let path = global.storePath
            var lines = [t("柜台 Guitai  库文件 ", "Guitai  store ") + path]
            var json: [(String, JSONValue)] = [("store", .string(path)), ("desk", "not-built")]
            if let hall = try? Store.inspect(at: path) {
                lines.append(t("大厅 \(hall.name)（\(hall.code)）", "Hall \(hall.name) (\(hall.code))")
                             + (hall.isTraining ? t(" [培训模式]", " [training]") : ""))
                json.append(("hall", .string(hall.code)))
            } else {
                lines.append(t("尚未建库。建库：", "No store yet. Create one: ")
                             + "guitai init --hall-code CODE --hall-name NAME --region DIVISION --admin ID --admin-name NAME --password-stdin")
            }
            lines.append(t("柜台界面尚在开发中；各项业务可用子命令办理：guitai --help",
                           "The desk screens are still being built; every procedure is a subcommand: guitai --help"))
            return CommandOutput(json: .object(json), text: lines.joined(separator: "\n"))
        }
    }

    /// Parses and runs, mapping usage errors to exit 64 (as JSON when `--json` was given).
    public static func runMain(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            if arguments.contains("--json"), exitCode(for: error) != .success {
                let message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
                print(JSONValue.object([("error", .object([("code", "usage"), ("message", .string(message))]))]).pretty())
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}

extension DomainError {
    static func usage(_ code: String, zh: String, en: String) -> DomainError { DomainError(.usage, code: code, zh: zh, en: en) }
}
