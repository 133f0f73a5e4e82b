import ArgumentParser
import GuitaiCore
import GuitaiDesk

/// `guitai verify`: the store's integrity and the journal's hash chain.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Prove the store: the journal's chain, and every row against what the journal made it.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try Runner.run(global) {
            let report = try Runner.desk(global).verify()
            let t = Texts(global.language)
            let text = report.ok
                ? t("库完整，日志哈希链无误，共 \(report.transactions) 笔业务", "Store intact; the journal's chain holds over \(report.transactions) transactions")
                : t("发现 \(report.problems.count) 个问题：\n", "\(report.problems.count) problems found:\n")
                    + report.problems.map { t($0.message) }.joined(separator: "\n")
            return CommandOutput(json: ["ok": .bool(report.ok), "transactions": .int(Int64(report.transactions)),
                                        "problems": .array(report.problems.map { .string(t($0.message)) })],
                                 text: text, exitCode: report.ok ? ExitStatus.ok : ExitStatus.failure)
        }
    }
}
