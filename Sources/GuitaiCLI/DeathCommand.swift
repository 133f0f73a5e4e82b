import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk

/// `guitai death`: registers a death and the overpayment to recover.
struct DeathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "death", abstract: "Register a death; lists months paid after it.")

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
