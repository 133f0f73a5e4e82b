import ArgumentParser
import GuitaiCore
import GuitaiDesk

/// `guitai export settlements`: settlements and their reversals as CSV for Excel, WPS or the national platform.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Exports as CSV.", subcommands: [Settlements.self])

    struct Settlements: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settlements (reversals as negative rows), csv or with the national platform's field names (nhsa).")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "First business date, YYYY-MM-DD.") var from: String
        @Option(name: .long, help: "Last business date, YYYY-MM-DD.") var to: String
        @Option(name: .long, help: "csv or nhsa.") var format: String = "csv"
        @Option(name: .long, help: "The file to write.") var out: String

        func run() throws {
            try Runner.run(global) {
                guard let chosen = ExportFormat(rawValue: format) else {
                    throw DomainError(.usage, code: "bad-format", zh: "导出格式应为 csv 或 nhsa", en: "The format is csv or nhsa")
                }
                let rows = try Runner.desk(global).exportSettlements(from: from, to: to, format: chosen, language: global.language,
                                                                     toFile: out)
                let t = Texts(global.language)
                return CommandOutput(json: ["rows": .int(Int64(rows)), "file": .string(out)],
                                     text: t("已导出 \(rows) 行到 \(out)", "\(rows) rows written to \(out)"))
            }
        }
    }
}
