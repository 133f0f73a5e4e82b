import ArgumentParser
import GuitaiCore
import GuitaiDesk

/// `guitai init`: creates a hall's store with its first administrator.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a new store with its first administrator.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("hall-code")) var hallCode: String
    @Option(name: .customLong("hall-name")) var hallName: String
    @Option(name: .long, help: "The hall's division code (GB/T 2260).") var region: String
    @Option(name: .long) var admin: String
    @Option(name: .customLong("admin-name")) var adminName: String
    @Flag(name: .customLong("password-stdin"), help: "Read the administrator's password from standard input.") var passwordStdin = false
    @Flag(name: .long, help: "Make a training store: synthetic people only (division codes starting 99).") var training = false

    func run() throws {
        try Runner.run(global) {
            guard passwordStdin else {
                throw DomainError.usage("no-password", zh: "请用 --password-stdin 从标准输入提供管理员密码",
                                        en: "Give the administrator's password on standard input with --password-stdin")
            }
            let password = try Runner.passwordFromStdin()
            let setup = HallSetup(storePath: global.storePath, hallCode: hallCode, hallName: hallName, regionCode: region,
                                  adminID: admin, adminName: adminName, password: password, isTraining: training)
            let desk = try Desk.initialize(setup, clock: try Runner.clock(global), resources: try Runner.resources())
            let hall = desk.store.hall
            let t = Texts(global.language)
            return CommandOutput(
                json: ["store": .string(desk.store.path), "hall": .string(hall.code), "name": .string(hall.name),
                       "region": .string(hall.regionCode), "mode": .string(hall.isTraining ? "training" : "real"),
                       "admin": .string(admin), "defaultPolicy": .string(hall.defaultPolicyID)],
                text: t("已建库 \(desk.store.path)：\(hall.name)（\(hall.code)），管理员 \(admin)，默认政策 \(hall.defaultPolicyID)",
                        "Created \(desk.store.path): \(hall.name) (\(hall.code)), administrator \(admin), default policy \(hall.defaultPolicyID)"))
        }
    }
}
