import ArgumentParser
import GuitaiCore
import GuitaiDesk

/// `guitai card register|change|replace`: the physical social security card.
struct CardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "card", abstract: "The physical social security card.",
                                                    subcommands: [Register.self, Change.self, Replace.self])

    static func output(_ card: PhysicalCard, serial: String, desk: Desk, _ t: Texts) -> CommandOutput {
        let state = card.effectiveState(on: desk.today)
        return CommandOutput(
            json: ["serial": .string(serial), "number": .string(card.number.value), "state": .string(state.rawValue),
                   "issuedOn": .string(card.issuedOn.iso), "validUntil": .string(card.validUntil.iso)],
            text: t("社保卡 ", "Card ") + card.number.value + "  " + t(state.label) + t("  有效期至 ", "  valid until ")
                + card.validUntil.iso + t("  流水号 ", "  serial ") + serial)
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a person's physical card.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long, help: "The card number: nine letters and digits.") var number: String
        @Option(name: .customLong("issued-on"), help: "Issue date; default the business date.") var issuedOn: String?

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let (card, serial) = try desk.registerCard(idNumber: id, number: number, issuedOn: issuedOn)
                return CardCommand.output(card, serial: serial, desk: desk, Texts(global.language))
            }
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Report lost (temporary-loss, formal-loss), found, lock, unlock or cancel.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .customLong("to"), help: "temporary-loss, formal-loss, found, lock, unlock or cancel.") var change: String
        @Option(name: .long) var reason: String?

        func run() throws {
            try Runner.run(global) {
                guard let change = PhysicalCard.Change(rawValue: change) else {
                    throw DomainError.usage("bad-change", zh: "变更应为 temporary-loss、formal-loss、found、lock、unlock 或 cancel",
                                            en: "The change is temporary-loss, formal-loss, found, lock, unlock or cancel")
                }
                let desk = try Runner.desk(global)
                let (card, serial) = try desk.changeCard(idNumber: id, change: change, reason: reason)
                return CardCommand.output(card, serial: serial, desk: desk, Texts(global.language))
            }
        }
    }

    struct Replace: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the card with a new number; the old one is cancelled.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long, help: "The new card's number.") var number: String

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let (card, serial) = try desk.replaceCard(idNumber: id, newNumber: number)
                return CardCommand.output(card, serial: serial, desk: desk, Texts(global.language))
            }
        }
    }
}
