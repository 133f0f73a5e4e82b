import ArgumentParser
import GuitaiCore
import GuitaiDesk

/// `guitai ecard issue|activate|suspend|resume|cancel|voucher`: the electronic social security card.
struct ECardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ecard", abstract: "The electronic social security card.",
                                                    subcommands: [Issue.self, Activate.self, Suspend.self, Resume.self, Cancel.self, Voucher.self])

    static func output(_ r: ECardReceipt, _ t: Texts) -> CommandOutput {
        var json: [(String, JSONValue)] = [("serial", .string(r.transaction)), ("ecard", .string(r.ecardSerial)),
                                           ("status", .string(r.status.rawValue)), ("voucher", .bool(r.voucherActive))]
        var lines = [t("电子社保卡 ", "E-card ") + t(r.status.label) + t("  流水号 ", "  serial ") + r.transaction]
        if let code = r.activationCode {
            json.append(("activationCode", .string(code)))
            lines.append(t("一次性激活码：", "One-time activation code: ") + code)
        }
        if let reason = r.unusableReason {
            json.append(("unusable", .string(t(reason))))
            lines.append(t("注意：暂不可用，", "Note: not usable now: ") + t(reason))
        }
        lines.append(r.voucherActive ? t("医保电子凭证：已激活", "Medical e-voucher: active") : t("医保电子凭证：未激活", "Medical e-voucher: not activated"))
        return CommandOutput(json: .object(json), text: lines.joined(separator: "\n"))
    }

    struct Issue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Issue (or re-issue) the e-card; prints the one-time activation code.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long, help: "The mobile number, confirmed with the citizen.") var phone: String
        @Option(name: .long, help: "How identity was checked: document or face.") var check = "document"
        @Flag(name: .customLong("pin-stdin"), help: "Read the six-digit PIN from standard input.") var pinStdin = false
        @Flag(name: .long, help: "Activate the medical e-voucher in the same visit.") var voucher = false
        @Option(name: .long) var reason: String?

        func run() throws {
            try Runner.run(global) {
                guard pinStdin else {
                    throw DomainError.usage("no-pin", zh: "请用 --pin-stdin 从标准输入提供6位密码", en: "Give the six-digit PIN on standard input with --pin-stdin")
                }
                let pin = readLine(strippingNewline: true) ?? ""
                let receipt = try Runner.desk(global).issueECard(idNumber: id, phone: phone, identityCheck: check, pin: pin, voucher: voucher, reason: reason)
                return ECardCommand.output(receipt, Texts(global.language))
            }
        }
    }

    struct Activate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Activate the e-card with the code from the issue receipt.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long) var code: String
        @Option(name: .long) var reason: String?

        func run() throws {
            try Runner.run(global) {
                ECardCommand.output(try Runner.desk(global).stepECard(idNumber: id, step: .activate, code: code, reason: reason), Texts(global.language))
            }
        }
    }

    /// Suspend, resume and cancel differ only in the step.
    struct StepOptions: ParsableArguments {
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long) var reason: String?

        func run(_ step: ECardStep) throws {
            try Runner.run(global) {
                ECardCommand.output(try Runner.desk(global).stepECard(idNumber: id, step: step, reason: reason), Texts(global.language))
            }
        }
    }

    struct Suspend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Suspend the e-card (挂失/暂停).")
        @OptionGroup var options: StepOptions
        func run() throws { try options.run(.suspend) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a suspended e-card.")
        @OptionGroup var options: StepOptions
        func run() throws { try options.run(.resume) }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel the e-card; a later issue makes a new serial.")
        @OptionGroup var options: StepOptions
        func run() throws { try options.run(.cancel) }
    }

    struct Voucher: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Activate the medical e-voucher when it was not done at issue.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String

        func run() throws {
            try Runner.run(global) {
                let serial = try Runner.desk(global).activateVoucher(idNumber: id)
                let t = Texts(global.language)
                return CommandOutput(json: ["serial": .string(serial), "voucher": true], text: t("医保电子凭证已激活，流水号 ", "Medical e-voucher activated, serial ") + serial)
            }
        }
    }
}
