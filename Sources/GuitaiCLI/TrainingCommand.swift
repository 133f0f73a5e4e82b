import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// `guitai training`: the desk on the training store; `reset` makes or rebuilds it; `scenarios` lists the lessons.
struct TrainingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "training", abstract: "The training store: open the desk on it, rebuild it, list its scenarios.",
        subcommands: [Reset.self, Scenarios.self])

    @OptionGroup var global: GlobalOptions

    /// `--store`, else `guitai-training.sqlite` beside the default store.
    static func path(_ global: GlobalOptions) -> String { global.store ?? TrainingStore.path(besides: global.storePath) }

    func run() throws {
        try Runner.run(global) {
            guard let openDesk = GuitaiCommand.openDesk, isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1, !global.json else {
                throw DomainError(.usage, code: "no-terminal", zh: "培训桌面需要在终端中打开；脚本请用 guitai training reset 或 scenarios",
                                  en: "The training desk opens in a terminal; scripts use guitai training reset or scenarios")
            }
            let path = Self.path(global)
            if FileManager.default.fileExists(atPath: path), try !Store.inspect(at: path).isTraining {
                throw DomainError.refused("not-a-training-store", zh: "\(path) 是正式业务库，不能作为培训库打开；正式业务请用 guitai",
                                          en: "\(path) is a real store and is not opened as the training store; use guitai for real work")
            }
            // The classroom date, unless a business date was set.
            var clock = try Runner.clock(global)
            clock.businessDate = clock.businessDate ?? TrainingStore.classroomDate
            let launch = DeskLaunch(storePath: path, language: global.language, clock: clock,
                                    counter: global.counter ?? global.environment["GUITAI_COUNTER"] ?? "1",
                                    resources: try Runner.resources(), lockAfterMinutes: 5, training: true,
                                    printer: global.chosenPrinter)
            return CommandOutput(json: [:], text: "", exitCode: try openDesk(launch))
        }
    }

    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset", abstract: "Make the training store, or rebuild it to its first state (the same every time).")

        @OptionGroup var global: GlobalOptions
        @Flag(name: .customLong("password-stdin"), help: "Read the trainer's password from standard input (needed when the store is made).")
        var passwordStdin = false

        func run() throws {
            try Runner.run(global) {
                let password = passwordStdin ? try Runner.passwordFromStdin() : nil
                let path = TrainingCommand.path(global)
                let summary = try TrainingStore.reset(at: path, password: password, resources: try Runner.resources())
                let t = Texts(global.language)
                return CommandOutput(json: ["people": .int(Int64(summary.people)), "scenarios": .int(Int64(summary.scenarios))],
                                     text: t("培训库已重置：\(path)，虚拟人员 \(summary.people) 名，培训情景 \(summary.scenarios) 个",
                                             "Training store reset: \(path), \(summary.people) synthetic people, \(summary.scenarios) scenarios"))
            }
        }
    }

    struct Scenarios: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "scenarios", abstract: "The guided scenarios of the training store.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Runner.run(global) {
                let scenarios = try Runner.resources().scenarios()
                let t = Texts(global.language)
                return CommandOutput(
                    json: ["scenarios": .array(scenarios.map { .object([("id", .string($0.id)), ("title", .string(t($0.title))),
                                                                        ("steps", .int(Int64($0.steps.count)))]) })],
                    text: scenarios.enumerated().map { "\($0.offset + 1). \($0.element.id)  \(t($0.element.title))  (\($0.element.steps.count))" }
                        .joined(separator: "\n"))
            }
        }
    }
}
