import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk

/// `guitai report day|close|stats`: the day close (日结) and the hall's statistics (`cli.md`).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The day's business, the day close, the statistics.",
        subcommands: [Day.self, Close.self, Stats.self])

    /// What the report commands share beyond the global options: a CSV copy and a printout.
    struct Output: ParsableArguments {
        @Option(name: .long, help: "Also write the report as CSV (UTF-8 with BOM) to this file.") var out: String?
        @Flag(name: .long, help: "Print it: to the printer of --printer or GUITAI_PRINTER, else to the receipts folder.") var print = false

        /// Writes and prints what was asked; the JSON keys `file` and `printed` say where it went, `printed.error` why a
        /// printer failed (the copy is kept all the same).
        /// - Parameter committed: the report's command has written (a close): a file or printer that fails now cannot
        ///   undo it, so the failure is a `warning` beside the report rather than a failed command.
        func deliver(_ table: CSVTable, text: String, name: String, global: GlobalOptions, desk: Desk,
                     committed: Bool) throws -> [(String, JSONValue)] {
            var said: [(String, JSONValue)] = []
            do {
                if let out {
                    try Desk.write(table, to: out)
                    said.append(("file", .string(out)))
                }
                if print {
                    let outcome = try global.chosenPrinter.print(text, name: name, besideStore: desk.store.path,
                                                                training: desk.store.hall.isTraining)
                    var printed: [(String, JSONValue)] = [("file", .string(outcome.file)), ("queue", .optional(global.chosenPrinter.queue))]
                    if case .printerFailed(_, let reason, _) = outcome { printed.append(("error", .string(reason.text(global.language)))) }
                    said.append(("printed", .object(printed)))
                    FileHandle.standardError.write(Data((outcome.message.text(global.language) + "\n").utf8))
                }
            } catch let error as DomainError where committed {
                said.append(("warning", .string(error.message.text(global.language))))
                FileHandle.standardError.write(Data((error.message.text(global.language) + "\n").utf8))
            }
            return said
        }
    }

    static func json(_ report: DayReport) -> [(String, JSONValue)] {
        var fields: [(String, JSONValue)] = [
            ("date", .string(report.date.iso)), ("closed", .bool(report.close != nil)), ("clerk", .optional(report.clerk)),
            ("procedures", .array(report.procedures.map {
                ["procedure": .string($0.procedure), "count": .int(Int64($0.count)), "amount": .money($0.amount)]
            })),
            ("reversals", .array(report.reversals.map {
                ["serial": .string($0.serial), "reverses": .string($0.reverses), "amount": .money($0.amount)]
            })),
            ("total", .money(report.total)), ("transactions", .int(Int64(report.transactions))),
            ("operators", .array(report.operators.map {
                ["operator": .string($0.operatorID), "count": .int(Int64($0.count)), "amount": .money($0.amount)]
            })),
            ("first", .optional(report.firstSerial)), ("last", .optional(report.lastSerial)), ("head", .optional(report.journalHead)),
        ]
        if let close = report.close {
            fields += [("serial", .string(close.serial)), ("closedBy", .string(close.operatorID))]
        }
        return fields
    }

    /// A day report as the command answers it: the 80-column text, the JSON, and the CSV copy or printout asked for.
    static func answer(_ report: DayReport, desk: Desk, global: GlobalOptions, output: Output,
                       committed: Bool = false) throws -> CommandOutput {
        let text = report.text(language: global.language, operatorNames: (try? desk.operatorNames()) ?? [:])
        let extra = try output.deliver(report.table(language: global.language), text: text,
                                       name: "day-" + report.date.iso + (report.clerk.map { "-" + $0 } ?? ""), global: global, desk: desk,
                                       committed: committed)
        return CommandOutput(json: .object(json(report) + extra), text: text)
    }

    struct Day: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The day's business per procedure, of the hall or one clerk.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "YYYY-MM-DD (default: the business date).") var date: String?
        @Option(name: .long, help: "One clerk's business only.") var clerk: String?
        @OptionGroup var output: Output

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                return try ReportCommand.answer(try desk.dayReport(date: date, clerk: clerk), desk: desk, global: global, output: output)
            }
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close the day (supervisor): nothing more is recorded on it.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "YYYY-MM-DD (default: the business date).") var date: String?
        @OptionGroup var output: Output

        func run() throws {
            try Runner.run(global) {
                // A file that can never be written is refused before the day is closed.
                if let out = output.out { try Desk.checkOutputPath(out) }
                let desk = try Runner.desk(global)
                return try ReportCommand.answer(try desk.closeDay(date: date), desk: desk, global: global, output: output, committed: true)
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Coverage, activation, certification and settlement figures on a date.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "A region prefix: 1 to 6 digits (default: all).") var region: String?
        @Option(name: .long, help: "YYYY-MM-DD (default: the business date).") var date: String?
        @OptionGroup var output: Output

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let stats = try desk.statistics(regionPrefix: region ?? "", date: date)
                let text = stats.text(language: global.language, style: BarChart.Style.from(environment: global.environment))
                let extra = try output.deliver(stats.table(language: global.language), text: text,
                                               name: "stats-" + stats.date.iso + (region.map { "-" + $0 } ?? ""), global: global, desk: desk,
                                               committed: false)
                let json: [(String, JSONValue)] = [
                    ("date", .string(stats.date.iso)), ("region", .string(stats.regionPrefix)),
                    ("insured", .array(stats.insured.map { ["scheme": .string($0.scheme.rawValue), "active": .int(Int64($0.active))] })),
                    ("insuredPeople", .int(Int64(stats.counts.insuredPeople))),
                    ("ecard", ["issued": .int(Int64(stats.counts.ecardsIssued)), "active": .int(Int64(stats.counts.ecardsActive)),
                               "activationRate": .string(stats.ecardActivation.text)]),
                    ("evoucher", ["active": .int(Int64(stats.counts.vouchersActive)), "activationRate": .string(stats.voucherActivation.text)]),
                    ("certification", ["recipients": .int(Int64(stats.recipients)), "due": .int(Int64(stats.certificationDue)),
                                       "overdue": .int(Int64(stats.certificationOverdue)),
                                       "suspended": .int(Int64(stats.certificationSuspended)),
                                       "completionRate": .string(stats.certificationCompletion.text)]),
                    ("settlements", ["count": .int(Int64(stats.counts.settlements)), "total": .money(stats.counts.settlementTotal),
                                     "basic": .money(stats.counts.settlementBasic), "criticalIllness": .money(stats.counts.settlementCriticalIllness),
                                     "assistance": .money(stats.counts.settlementAssistance), "personal": .money(stats.counts.settlementPersonal)]),
                    ("outreach", ["events": .int(Int64(stats.outreachEvents)), "participants": .int(Int64(stats.outreachParticipants)),
                                  "transactions": .int(Int64(stats.outreachTransactions))]),
                ]
                return CommandOutput(json: .object(json + extra), text: text)
            }
        }
    }
}
