import ArgumentParser
import GuitaiCore
import GuitaiDesk

/// `guitai operator add`: operator accounts (administrators only).
struct OperatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "operator", abstract: "Operator accounts.",
                                                    subcommands: [Add.self])

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
}
