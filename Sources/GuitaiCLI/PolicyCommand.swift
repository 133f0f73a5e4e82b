import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk

/// `guitai policy check|load|list`: a hall's own policy files.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "policy", abstract: "Policy files.",
                                                    subcommands: [Check.self, Load.self, List.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a policy file without a store; exit 65 naming the line if it is malformed.")

        @OptionGroup var global: GlobalOptions
        @Argument var file: String

        func run() throws {
            try Runner.run(global) {
                let resources = try Runner.resources()
                let policy: Policy
                do { policy = try resources.policyReader().read(try InputFile.text(file), file: file) } catch let e as PolicyError {
                    throw e.asDomainError
                }
                let t = Texts(global.language)
                return CommandOutput(json: ["id": .string(policy.id), "year": .int(Int64(policy.year)),
                                            "regions": .array(policy.regionPrefixes.map { .string($0) })],
                                     text: t("政策 \(policy.id)（\(policy.title)）格式正确", "Policy \(policy.id) (\(policy.title)) is well formed"))
            }
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Load a hall policy file into the store (admin).")

        @OptionGroup var global: GlobalOptions
        @Argument var file: String

        func run() throws {
            try Runner.run(global) {
                let text = try InputFile.text(file)
                let (id, serial) = try Runner.desk(global).loadPolicy(text: text, file: InputFile.name(of: file))
                let t = Texts(global.language)
                return CommandOutput(json: ["id": .string(id), "serial": .string(serial)],
                                     text: t("已载入政策 \(id)，流水号 \(serial)", "Loaded policy \(id), serial \(serial)"))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the policies in force on this store.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let library = try desk.policyLibrary()
                let rows = library.policies.map { p in
                    "\(p.id)\t\(p.year)\t\(p.regionPrefixes.joined(separator: ","))\t\(p.title)" + (p.id == library.defaultID ? "\t*" : "")
                }
                return CommandOutput(
                    json: ["default": .string(library.defaultID), "policies": .array(library.policies.map {
                        ["id": .string($0.id), "title": .string($0.title), "year": .int(Int64($0.year)),
                         "regions": .array($0.regionPrefixes.map { .string($0) })]
                    })],
                    text: rows.joined(separator: "\n"))
            }
        }
    }
}
