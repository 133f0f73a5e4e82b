import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// `guitai operator add|list|disable|enable|unlock|reset-password`: operator accounts (administrators only).
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "operator", abstract: "Operator accounts (admin).",
                                                    subcommands: [Add.self, List.self, Disable.self, Enable.self, Unlock.self, ResetPassword.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an operator (admin only).")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long) var name: String
        @Option(name: .long, help: "clerk, supervisor, trainer or admin.") var role: String
        @Flag(name: .customLong("password-stdin")) var passwordStdin = false

        func run() throws {
            try Runner.run(global) {
                guard let role = Role(rawValue: role) else {
                    throw DomainError.usage("bad-role", zh: "角色应为 clerk、supervisor、trainer 或 admin",
                                            en: "The role is clerk, supervisor, trainer or admin")
                }
                guard passwordStdin else {
                    throw DomainError.usage("no-password", zh: "请用 --password-stdin 从标准输入提供新操作员的密码",
                                            en: "Give the new operator's password on standard input with --password-stdin")
                }
                let desk = try Runner.desk(global)
                let serial = try desk.addOperator(id: id, name: name, role: role, password: try Runner.passwordFromStdin())
                let t = Texts(global.language)
                return CommandOutput(json: ["id": .string(id), "name": .string(name), "role": .string(role.rawValue), "serial": .string(serial)],
                                     text: t("已添加操作员 \(id)（\(name)，\(role.label.zh)），流水号 \(serial)",
                                             "Added operator \(id) (\(name), \(role.label.en)), serial \(serial)"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List operators with role, state and last login.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let t = Texts(global.language)
                let list = try desk.listOperators()
                func state(_ o: OperatorStanding) -> String {
                    o.disabled ? "disabled" : o.lockedUntil != nil ? "locked" : "active"
                }
                func time(_ seconds: Int64?) -> String {
                    guard let seconds else { return "" }
                    return ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
                }
                let labels = ["active": t("正常", "active"), "disabled": t("已停用", "disabled"), "locked": t("已锁定", "locked")]
                return CommandOutput(
                    json: ["operators": .array(list.map { o in
                        ["id": .string(o.account.id), "name": .string(o.account.name), "role": .string(o.account.role.rawValue),
                         "state": .string(state(o)), "lockedUntil": .optional(o.lockedUntil.map(time)),
                         "lastLogin": .optional(o.lastSeen.map(time))]
                    })],
                    text: list.map { o in
                        [o.account.id, o.account.name, t(o.account.role.label), labels[state(o)] ?? state(o),
                         o.lastSeen.map(time) ?? t("从未登录", "never")].joined(separator: "\t")
                    }.joined(separator: "\n"))
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer log in.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String

        func run() throws {
            try Runner.run(global) {
                let serial = try Runner.desk(global).setOperatorDisabled(id, true)
                let t = Texts(global.language)
                return CommandOutput(json: ["id": .string(id), "state": "disabled", "serial": .string(serial)],
                                     text: t("已停用操作员 \(id)，流水号 \(serial)", "Disabled operator \(id), serial \(serial)"))
            }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String

        func run() throws {
            try Runner.run(global) {
                let serial = try Runner.desk(global).setOperatorDisabled(id, false)
                let t = Texts(global.language)
                return CommandOutput(json: ["id": .string(id), "state": "active", "serial": .string(serial)],
                                     text: t("已启用操作员 \(id)，流水号 \(serial)", "Enabled operator \(id), serial \(serial)"))
            }
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Lift a lockout before it expires.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String

        func run() throws {
            try Runner.run(global) {
                let serial = try Runner.desk(global).unlockOperator(id)
                let t = Texts(global.language)
                return CommandOutput(json: ["id": .string(id), "state": "active", "serial": .string(serial)],
                                     text: t("已解锁操作员 \(id)，流水号 \(serial)", "Unlocked operator \(id), serial \(serial)"))
            }
        }
    }

    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password",
                                                        abstract: "Set a new password from standard input (and lift a lockout).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Flag(name: .customLong("password-stdin")) var passwordStdin = false

        func run() throws {
            try Runner.run(global) {
                guard passwordStdin else {
                    throw DomainError.usage("no-password", zh: "请用 --password-stdin 从标准输入提供新密码",
                                            en: "Give the new password on standard input with --password-stdin")
                }
                let desk = try Runner.desk(global)
                let serial = try desk.resetOperatorPassword(id, password: try Runner.passwordFromStdin())
                let t = Texts(global.language)
                return CommandOutput(json: ["id": .string(id), "serial": .string(serial)],
                                     text: t("已重置操作员 \(id) 的密码，流水号 \(serial)", "Reset the password of operator \(id), serial \(serial)"))
            }
        }
    }
}
