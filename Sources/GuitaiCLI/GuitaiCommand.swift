import ArgumentParser
import Foundation
import GuitaiCore

/// `guitai`: the clerk's desk (no subcommand) and the stable command line for scripts.
public struct GuitaiCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "guitai",
        abstract: "柜台 Guitai: the social-security service hall desk.",
        subcommands: [InitCommand.self, OperatorCommand.self, IDCommand.self, PersonCommand.self, EnrolCommand.self,
                      SettleCommand.self, PolicyCommand.self, VerifyCommand.self])

    @OptionGroup var global: GlobalOptions

    public init() {}

    public mutating func run() throws {
        try Runner.run(global) {
            throw DomainError.usage("desk-not-built", zh: "柜台界面尚未提供，请使用子命令（guitai --help）",
                                    en: "The desk screens are not built yet; use the subcommands (guitai --help)")
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
