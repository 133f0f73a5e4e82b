import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk

/// `guitai payments run`: the monthly payment run.
struct PaymentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "payments", abstract: "Monthly benefit payments.", subcommands: [Run.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the payments of a month (supervisor).")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "YYYY-MM.") var month: String

        func run() throws {
            try Runner.run(global) {
                // With --json the full numbers leave the store: the run's own entry records that list.
                let report = try Runner.desk(global).paymentsRun(month: month, auditList: global.json)
                let t = Texts(global.language)
                func lines(_ list: [PaymentLine]) -> JSONValue {
                    .array(list.map { ["id": .string($0.idNumber), "amount": .money($0.amount), "months": .array($0.months.map { .string($0.iso) })] })
                }
                let total = (report.paid + report.backPaid).map(\.amount).sum()
                return CommandOutput(
                    json: ["serial": .string(report.serial), "month": .string(report.month.iso), "paid": lines(report.paid),
                           "suspended": lines(report.suspended), "backPaid": lines(report.backPaid)],
                    text: t("\(report.month.iso) 发放 \(report.paid.count) 人，暂停 \(report.suspended.count) 人，补发 \(report.backPaid.count) 人，合计 \(total.grouped) 元，流水号 \(report.serial)",
                            "\(report.month.iso): paid \(report.paid.count), suspended \(report.suspended.count), back-paid \(report.backPaid.count), total \(total.grouped), serial \(report.serial)"))
            }
        }
    }
}
