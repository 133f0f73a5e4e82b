import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// `guitai id check`: validates resident ID numbers without a store or an operator.
struct IDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "id", abstract: "Resident ID numbers.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate ID numbers; exit 65 if any is invalid.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "One or more ID numbers.") var numbers: [String]

        func run() throws {
            try Runner.run(global) {
                let resources = try Runner.resources()
                // Synthetic `99` numbers pass only where a training store is in use.
                let training = FileManager.default.fileExists(atPath: global.storePath)
                    && ((try? Store.inspect(at: global.storePath).isTraining) ?? false)
                let checks = IDCheck.check(numbers, today: try Runner.clock(global).today(), resources: resources, allowTraining: training)
                let t = Texts(global.language)
                var lines: [String] = []
                let results: [JSONValue] = checks.map { check in
                    switch check.result {
                    case .success(let id):
                        lines.append(t("\(check.input)\t有效\t\(id.birthDate.iso)\t\(id.sex.label.zh)\t\(check.place?.fullName ?? id.regionCode)",
                                       "\(check.input)\tvalid\t\(id.birthDate.iso)\t\(id.sex.rawValue)\t\(check.place?.fullName ?? id.regionCode)"))
                        return ["input": .string(check.input), "valid": true, "normalized": .string(id.value),
                                "birthDate": .string(id.birthDate.iso), "sex": .string(id.sex.rawValue),
                                "region": .string(id.regionCode), "regionName": .optional(check.place?.fullName)]
                    case .failure(let rejection):
                        lines.append(t("\(check.input)\t无效\t\(rejection.message.zh)", "\(check.input)\tinvalid\t\(rejection.message.en)"))
                        return ["input": .string(check.input), "valid": false, "code": .string(rejection.code),
                                "reason": .string(rejection.message.text(global.language))]
                    }
                }
                let anyInvalid = checks.contains { if case .failure = $0.result { true } else { false } }
                return CommandOutput(json: ["results": .array(results)], text: lines.joined(separator: "\n"),
                                     exitCode: anyInvalid ? ExitStatus.refused : ExitStatus.ok)
            }
        }
    }
}
