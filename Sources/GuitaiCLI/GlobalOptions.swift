import ArgumentParser
import Foundation
import GuitaiStore
import GuitaiCore
import GuitaiDesk

/// Options every subcommand takes: the store, the operator, the business date, output form and language.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The store file (or GUITAI_STORE). Default: $XDG_DATA_HOME/guitai/guitai.sqlite.")
    var store: String?

    @Option(name: .customLong("operator"), help: "The acting operator (or GUITAI_OPERATOR); the password comes from GUITAI_PASSWORD.")
    var operatorID: String?

    @Option(name: .long, help: "The business date YYYY-MM-DD (or GUITAI_TODAY).")
    var today: String?

    @Option(name: .long, help: "The counter (window) this operator works at (or GUITAI_COUNTER).")
    var counter: String?

    @Flag(name: .long, help: "Machine output: one JSON document on stdout.")
    var json = false

    @Option(name: .long, help: "Interface language: zh or en (default from the locale, Chinese when in doubt).")
    var lang: String?

    @Option(name: .long, help: "The printer queue for lp (or GUITAI_PRINTER); without one, printouts go to the receipts folder.")
    var printer: String?

    var chosenPrinter: Printer { Printer.from(option: printer, environment: environment) }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var language: Language {
        if let lang, let chosen = Language(rawValue: lang) { return chosen }
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { self.environment[$0] }.first { !$0.isEmpty } ?? ""
        return locale.hasPrefix("en") ? .en : .zh
    }

    mutating func validate() throws {
        if let lang, Language(rawValue: lang) == nil {
            throw ValidationError("--lang takes zh or en")
        }
    }

    var storePath: String {
        if let store { return store }
        if let fromEnv = environment["GUITAI_STORE"], !fromEnv.isEmpty { return fromEnv }
        return Store.dataFolder(environment: environment) + "/guitai.sqlite"
    }
}
