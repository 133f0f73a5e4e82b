import ArgumentParser
import GuitaiCore
import GuitaiDesk

/// `guitai enrol`: enrolment in a scheme, with the rules against duplicates and the explicit switch; `enrol change`
/// changes an enrolment's status. Enrolling is the default subcommand, so both read as `cli.md` writes them (options of
/// a parent command would take `--id` away from its subcommand).
struct EnrolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enrol", abstract: "Enrol a registered person, or change an enrolment.",
                                                    subcommands: [Join.self, Change.self], defaultSubcommand: Join.self)

    struct Join: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Enrol a registered person in a scheme.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .long) var id: String?
    @Option(name: .long, help: "resident-pension, employee-pension, resident-medical, employee-medical, unemployment, work-injury, maternity.")
    var scheme: String?
    @Option(name: .long) var from: String?
    @Option(name: .long, help: "in-service or retired (employee-medical).") var status: String?
    @Option(name: .long, help: "Resident pension contribution grade in yuan a year.") var grade: String?
    @Option(name: .long, help: "The employer's unified social credit code.") var employer: String?
    @Flag(name: .customLong("switch"), help: "End the active scheme of the exclusive pair the day before, and enrol.")
    var switchPair = false

    func run() throws {
        try Runner.run(global) {
            guard let id, let scheme else {
                throw DomainError.usage("missing-option", zh: "参保需要 --id 和 --scheme", en: "enrol needs --id and --scheme")
            }
            let desk = try Runner.desk(global)
            let receipt = try desk.enrol(EnrolmentForm(idNumber: id, scheme: scheme, from: from, status: status, grade: grade,
                                                       employer: employer, switchPair: switchPair))
            let plan = receipt.plan
            let e = plan.enrolment
            let t = Texts(global.language)
            var json: [(String, JSONValue)] = [
                ("serial", .string(receipt.serial)), ("id", .string(receipt.person.id.value)), ("scheme", .string(e.scheme.rawValue)),
                ("status", .string(e.status.rawValue)), ("from", .string(e.from.iso)), ("coverFrom", .string(e.coverFrom.iso)),
                ("policy", .string(receipt.policyID)),
            ]
            var lines = [t("参保回执  流水号 ", "Enrolment receipt  serial ") + receipt.serial,
                         "\(receipt.person.name)  \(receipt.person.id.masked)  " + t(e.scheme.label) + t("  自 ", "  from ") + e.from.iso]
            if let ends = plan.ends {
                json.append(("ended", ["scheme": .string(ends.scheme.rawValue), "to": .string(ends.on.iso)]))
                lines.append(t("已终止 ", "Ended ") + t(ends.scheme.label) + t("，截至 ", " on ") + ends.on.iso)
            }
            if let q = plan.contribution {
                json.append(("contribution", ["yearly": .money(q.yearly), "personal": .money(q.personal), "subsidy": .money(q.subsidy),
                                              "paidOnBehalf": .money(q.paidOnBehalf), "rule": .string(t(q.rule)), "source": .string(q.source)]))
                lines.append(t("年缴费 \(q.yearly.grouped)  个人 \(q.personal.grouped)  补贴 \(q.subsidy.grouped)  代缴 \(q.paidOnBehalf.grouped)",
                               "Yearly \(q.yearly.grouped)  personal \(q.personal.grouped)  subsidy \(q.subsidy.grouped)  paid on behalf \(q.paidOnBehalf.grouped)"))
                lines.append(t("依据：", "Rule: ") + t(q.rule) + " [" + q.source + "]")
            }
            if let w = plan.waitingPeriod {
                json.append(("waitingPeriod", ["months": .int(Int64(w.months)), "coverFrom": .string(w.coverFrom.iso), "reason": .string(t(w.reason))]))
                lines.append(t("待遇起始 ", "Cover from ") + w.coverFrom.iso + "（" + t(w.reason) + "）")
            }
            if let refund = plan.overlapRefund {
                json.append(("overlapRefund", ["amount": .money(refund.amount), "months": .array(refund.months.map { .string($0.iso) })]))
                lines.append(t("重复缴费月份 \(refund.months.count) 个，应退城乡居民养老个人缴费 \(refund.amount.grouped) 元",
                               "\(refund.months.count) months paid twice: refund \(refund.amount.grouped) of resident pension contributions"))
            }
            return CommandOutput(json: .object(json), text: lines.joined(separator: "\n"))
        }
    }
    }

    /// `guitai enrol change`: suspend, resume, terminate or transfer out an enrolment.
    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change an enrolment's status: suspended, active (resume), terminated, transferred.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long) var scheme: String
        @Option(name: .customLong("to"), help: "suspended, active, terminated or transferred.") var status: String
        @Option(name: .long, help: "The date of the change; default the business date.") var date: String?

        func run() throws {
            try Runner.run(global) {
                let (e, serial) = try Runner.desk(global).changeEnrolment(idNumber: id, scheme: scheme, to: status, date: date)
                let t = Texts(global.language)
                return CommandOutput(
                    json: ["serial": .string(serial), "scheme": .string(e.scheme.rawValue), "status": .string(e.status.rawValue),
                           "from": .string(e.from.iso), "to": .optional(e.to?.iso)],
                    text: t(e.scheme.label) + t("：", ": ") + t(e.status.label) + t("，流水号 ", ", serial ") + serial)
            }
        }
    }
}
