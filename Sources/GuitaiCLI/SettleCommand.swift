import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk

/// `guitai settle`: one-stop settlement across the three layers, its preview, and `settle reverse`.
struct SettleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "settle", abstract: "Settle a medical bill (or preview it).",
                                                    subcommands: [Reverse.self])

    @OptionGroup var global: GlobalOptions
    @Option(name: .long) var id: String?
    @Option(name: .long, help: "Settlement (discharge) date; default the business date.") var date: String?
    @Option(name: .long, help: "outpatient or inpatient.") var visit: String?
    @Option(name: .long, help: "Hospital level 1, 2 or 3.") var level: String?
    @Flag(name: .long, help: "A major illness (重特大疾病): the higher assistance cap.") var major = false
    @Option(name: .long, help: "A JSON file of items, or - for standard input.") var items: String?
    @Flag(name: .long, help: "Compute the slip without recording anything.") var preview = false

    func run() throws {
        try Runner.run(global) {
            guard let id, let visit, let level, let items else {
                throw DomainError.usage("missing-option", zh: "结算需要 --id、--visit、--level 和 --items",
                                        en: "settle needs --id, --visit, --level and --items")
            }
            let json = try InputFile.text(items)
            let desk = try Runner.desk(global)
            let receipt = try desk.settle(SettleForm(idNumber: id, date: date, visit: visit, level: level, major: major, itemsJSON: json),
                                          preview: preview, language: global.language)
            let r = receipt.result
            var pairs: [(String, JSONValue)] = []
            if let serial = receipt.serial { pairs.append(("serial", .string(serial))) }
            pairs += [
                ("policy", .string(r.policyID)), ("total", .money(r.total)), ("outOfScope", .money(r.outOfScope)),
                ("bPrepay", .money(r.bPrepay)), ("inScope", .money(r.inScope)), ("basic", .money(r.basicPaid)),
                ("criticalIllness", .money(r.criticalIllnessPaid)), ("assistance", .money(r.assistancePaid)),
                ("personal", .money(r.personal.total)),
                ("insured", .bool({ if case .covered = r.cover { true } else { false } }())),
                ("personalDetail", ["outOfScope": .money(r.personal.outOfScope), "bPrepay": .money(r.personal.bPrepay),
                                    "notCovered": .money(r.personal.notCovered), "deductible": .money(r.personal.deductible),
                                    "coPayment": .money(r.personal.coPayment), "aboveCaps": .money(r.personal.aboveCaps)]),
            ]
            return CommandOutput(json: .object(pairs), text: receipt.slip)
        }
    }

    struct Reverse: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reverse a settlement (supervisor).")

        @OptionGroup var global: GlobalOptions
        @Argument var serial: String
        @Option(name: .long) var reason: String?

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let reversal = try desk.reverseSettlement(serial, reason: reason ?? "冲正")
                let t = Texts(global.language)
                return CommandOutput(json: ["reversed": .string(serial), "serial": .string(reversal)],
                                     text: t("已冲正结算 \(serial)，冲正流水号 \(reversal)", "Reversed settlement \(serial); reversal serial \(reversal)"))
            }
        }
    }
}
