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

        /// Writes and prints what was asked; the JSON keys `file` and `printed` say where it went.
        func deliver(_ table: CSVTable, text: String, name: String, global: GlobalOptions, desk: Desk) throws -> [(String, JSONValue)] {
            var said: [(String, JSONValue)] = []
            if let out {
                try Desk.write(table, to: out)
                said.append(("file", .string(out)))
            }
            if print {
                let outcome = try global.chosenPrinter.print(text, name: name, besideStore: desk.store.path,
                                                            training: desk.store.hall.isTraining)
                said.append(("printed", .string(outcome.file)))
                FileHandle.standardError.write(Data((outcome.message.text(global.language) + "\n").utf8))
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

    static func names(_ desk: Desk) -> [String: String] {
        (try? desk.operatorNames()) ?? [:]
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
                let report = try desk.dayReport(date: date, clerk: clerk)
                let text = report.text(language: global.language, operatorNames: ReportCommand.names(desk))
                let extra = try output.deliver(report.table(language: global.language), text: text,
                                               name: "day-" + report.date.iso + (clerk.map { "-" + $0 } ?? ""), global: global, desk: desk)
                return CommandOutput(json: .object(ReportCommand.json(report) + extra), text: text)
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
                let desk = try Runner.desk(global)
                let report = try desk.closeDay(date: date)
                let text = report.text(language: global.language, operatorNames: ReportCommand.names(desk))
                let extra = try output.deliver(report.table(language: global.language), text: text,
                                               name: "day-" + report.date.iso, global: global, desk: desk)
                return CommandOutput(json: .object(ReportCommand.json(report) + extra), text: text)
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
                                               name: "stats-" + stats.date.iso + (region.map { "-" + $0 } ?? ""), global: global, desk: desk)
                let json: [(String, JSONValue)] = [
                    ("date", .string(stats.date.iso)), ("region", .string(stats.regionPrefix)),
                    ("insured", .array(stats.insured.map { ["scheme": .string($0.scheme.rawValue), "active": .int(Int64($0.active))] })),
                    ("insuredPeople", .int(Int64(stats.insuredPeople))),
                    ("ecard", ["issued": .int(Int64(stats.ecardsIssued)), "active": .int(Int64(stats.ecardsActive)),
                               "activationRate": .string(stats.ecardActivation.text)]),
                    ("evoucher", ["active": .int(Int64(stats.vouchersActive)), "activationRate": .string(stats.voucherActivation.text)]),
                    ("certification", ["recipients": .int(Int64(stats.recipients)), "due": .int(Int64(stats.certificationDue)),
                                       "overdue": .int(Int64(stats.certificationOverdue)),
                                       "suspended": .int(Int64(stats.certificationSuspended)),
                                       "completionRate": .string(stats.certificationCompletion.text)]),
                    ("settlements", ["count": .int(Int64(stats.settlements)), "total": .money(stats.settlementTotal),
                                     "basic": .money(stats.settlementBasic), "criticalIllness": .money(stats.settlementCriticalIllness),
                                     "assistance": .money(stats.settlementAssistance), "personal": .money(stats.settlementPersonal)]),
                    ("outreach", ["events": .int(Int64(stats.outreachEvents)), "participants": .int(Int64(stats.outreachParticipants)),
                                  "transactions": .int(Int64(stats.outreachTransactions))]),
                ]
                return CommandOutput(json: .object(json + extra), text: text)
            }
        }
    }
}
