import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk

/// `guitai benefit add`: starts a monthly benefit.
struct BenefitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "benefit", abstract: "Monthly benefits.", subcommands: [Add.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a monthly benefit.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long, help: "Monthly amount in yuan.") var monthly: String
        @Option(name: .long, help: "First month, YYYY-MM.") var from: String
        @Option(name: .long, help: "resident-pension or employee-pension (default from the person's enrolments).") var scheme: String?

        func run() throws {
            try Runner.run(global) {
                let serial = try Runner.desk(global).addBenefit(idNumber: id, monthly: monthly, from: from, scheme: scheme)
                let t = Texts(global.language)
                return CommandOutput(json: ["serial": .string(serial), "id": .string(id), "from": .string(from)],
                                     text: t("已登记月待遇，流水号 ", "Benefit started, serial ") + serial)
            }
        }
    }
}
