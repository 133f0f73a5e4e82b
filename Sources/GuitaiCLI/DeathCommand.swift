import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk

/// `guitai death --id --date`: registers a death and the overpayment to recover; `death reverse --id` withdraws one
/// made in error. Registering is the default subcommand, so both read as `cli.md` writes them.
struct DeathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "death", abstract: "Register a death, or withdraw one made in error.",
                                                    subcommands: [Register.self, Reverse.self], defaultSubcommand: Register.self)

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a death; lists months paid after it.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long, help: "The date of death.") var date: String

    func run() throws {
        try Runner.run(global) {
            let (line, serial) = try Runner.desk(global).registerDeath(idNumber: id, date: date)
            let t = Texts(global.language)
            let months = line.months.map(\.iso).joined(separator: ", ")
            return CommandOutput(
                json: ["serial": .string(serial), "overpaid": ["amount": .money(line.amount), "months": .array(line.months.map { .string($0.iso) })]],
                text: line.months.isEmpty ? t("已登记死亡，无多发待遇", "Death registered; nothing was overpaid")
                    : t("已登记死亡，多发待遇 \(line.amount.grouped) 元应追回（\(months)）", "Death registered; \(line.amount.grouped) overpaid for \(months) to recover"))
        }
    }
    }

    struct Reverse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Withdraw a death registered in error (supervisor).")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String

        func run() throws {
            try Runner.run(global) {
                let (restored, serial) = try Runner.desk(global).reverseDeath(idNumber: id)
                let t = Texts(global.language)
                return CommandOutput(
                    json: ["serial": .string(serial), "reopened": .array(restored.map { .string($0.rawValue) })],
                    text: t("已撤销死亡登记，恢复参保 \(restored.count) 项，流水号 \(serial)",
                            "Death withdrawn; \(restored.count) enrolments reopened, serial \(serial)"))
            }
        }
    }
}
