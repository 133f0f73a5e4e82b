import ArgumentParser
import Foundation
import CellText
import GuitaiCore
import GuitaiDesk

/// `guitai certify`, `certify due|import|by-data`: qualification certification.
struct CertifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "certify", abstract: "Record a certification on the business date.",
                                                    subcommands: [Due.self, Import.self, ByData.self])

    @OptionGroup var global: GlobalOptions
    @Option(name: .long) var id: String?
    @Option(name: .long, help: "counter, home, video, self-service or data.") var method: String?
    @Option(name: .long, help: "The video call's reference, or another reference for the record.") var ref: String?

    func run() throws {
        try Runner.run(global) {
            guard let id, let method else {
                throw DomainError.usage("missing-option", zh: "认证需要 --id 和 --method", en: "certify needs --id and --method")
            }
            let (due, serial) = try Runner.desk(global).certify(idNumber: id, method: method, reference: ref)
            let t = Texts(global.language)
            return CommandOutput(json: ["serial": .string(serial), "id": .string(id), "method": .string(method), "nextDue": .string(due.iso)],
                                 text: t("认证成功，下次认证日期 ", "Certified; next due ") + due.iso + t("，流水号 ", ", serial ") + serial)
        }
    }

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recipients due soon, overdue or suspended, by region.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Due within this many days (default 30).") var within = 30
        @Option(name: .long, help: "Division-code prefix (a county, a township).") var region = ""

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let list = try desk.dueList(within: within, regionPrefix: region)
                // The JSON carries full ID numbers for scripts: who took them is journaled first.
                if global.json {
                    try desk.auditList("certify due", count: list.count, filter: [("region", region), ("within", String(within))])
                }
                let t = Texts(global.language)
                let states = ["due-soon": t("即将到期", "due soon"), "overdue": t("已逾期", "overdue"), "suspended": t("已暂停发放", "suspended")]
                let rows = list.map { e in
                    e.recipient.regionCode + "  " + DisplayWidth.padRight(e.recipient.name, to: 14) + e.recipient.due.iso + "  " + (states[e.state] ?? e.state)
                }
                return CommandOutput(
                    json: ["people": .array(list.map { e in
                        ["id": .string(e.recipient.idNumber), "name": .string(e.recipient.name), "region": .string(e.recipient.regionCode),
                         "due": .string(e.recipient.due.iso), "state": .string(e.state)]
                    })],
                    text: list.isEmpty ? t("没有到期人员", "Nobody is due") : rows.joined(separator: "\n"))
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Import self-service results (docs/self-service-import.md).")

        @OptionGroup var global: GlobalOptions
        @Argument var file: String

        func run() throws {
            try Runner.run(global) {
                let report = try Runner.desk(global).importSelfService(try InputFile.text(file), file: InputFile.name(of: file),
                                                                        auditList: global.json)
                let t = Texts(global.language)
                return CommandOutput(
                    json: ["serial": .optional(report.serial),
                           "certified": .array(report.certified.map { ["id": .string($0.id), "date": .string($0.date.iso)] }),
                           "failed": .array(report.failed.map { ["id": .string($0.id), "line": .int(Int64($0.line))] }),
                           "alreadyRecorded": .int(Int64(report.alreadyRecorded))],
                    text: t("认证 \(report.certified.count) 人，未通过 \(report.failed.count) 人，已存在 \(report.alreadyRecorded) 条",
                            "Certified \(report.certified.count), failed \(report.failed.count), already recorded \(report.alreadyRecorded)"))
            }
        }
    }

    struct ByData: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "by-data", abstract: "Certify recipients with in-person evidence in the last 12 months.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Division-code prefix.") var region = ""

        func run() throws {
            try Runner.run(global) {
                // With --json the full numbers leave the store: the transaction itself records that list.
                let (certified, serial) = try Runner.desk(global).certifyByData(regionPrefix: region, auditList: global.json)
                let t = Texts(global.language)
                return CommandOutput(
                    json: ["serial": .string(serial), "certified": .array(certified.map { ["id": .string($0.id), "evidence": .string($0.evidence)] })],
                    text: t("信息比对认证 \(certified.count) 人", "Certified \(certified.count) by data comparison")
                        + certified.map { "\n  " + $0.id.prefix(6) + "********" + $0.id.suffix(4) + "  " + $0.evidence }.joined())
            }
        }
    }
}
