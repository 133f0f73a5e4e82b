import ArgumentParser
import Foundation
import CellText
import GuitaiCore
import GuitaiDesk

/// `guitai person add|show|find`.
struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "person", abstract: "Register, show and find people.",
                                                    subcommands: [Add.self, Show.self, Find.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a person.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long) var id: String
        @Option(name: .long) var name: String
        @Option(name: .long) var phone: String?
        @Option(name: .long, help: "urban or rural.") var household: String?
        @Option(name: .long, help: "Division code where the person lives, if not the ID number's.") var region: String?
        @Option(name: .long) var ethnicity: String?
        @Option(name: .long) var address: String?
        @Flag(name: .long, help: "A full-time student.") var student = false
        @Option(name: .long, help: "NAME[:FROM[:TO]]: tekun, dibao, fanpin, disabled, border, monastic, flexible, migrant, platform.")
        var group: [String] = []

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let form = PersonForm(idNumber: id, name: name, phone: phone, household: household, regionCode: region,
                                      ethnicity: ethnicity, address: address, isStudent: student, groups: group)
                let (details, serial) = try desk.addPerson(form)
                let t = Texts(global.language)
                var json = PersonPresenter.json(details, today: desk.today)
                if case .object(let pairs) = json { json = .object([("serial", .string(serial))] + pairs) }
                return CommandOutput(json: json, text: t("已登记，流水号 ", "Registered, serial ") + serial + "\n" + PersonPresenter.text(details, t))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a person with enrolments, cards, benefits and certifications.")

        @OptionGroup var global: GlobalOptions
        @Argument var id: String
        @Flag(name: .long, help: "Show the full ID number on screen (the viewing is audited).") var full = false

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let details = try desk.showPerson(id)
                if full { try desk.auditFullView(of: [details.person], reason: "person show --full") }
                var text = PersonPresenter.text(details, Texts(global.language))
                if full { text = text.replacingOccurrences(of: details.person.id.masked, with: details.person.id.value) }
                return CommandOutput(json: PersonPresenter.json(details, today: desk.today), text: text)
            }
        }
    }

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find people by ID number, its last digits, name or pinyin initials.")

        @OptionGroup var global: GlobalOptions
        @Argument var query: String
        @Flag(name: .long, help: "Give full ID numbers instead of masked ones (the viewing is audited).") var full = false

        func run() throws {
            try Runner.run(global) {
                let desk = try Runner.desk(global)
                let found = try desk.findPersons(query)
                if full { try desk.auditFullView(of: found.map(\.person), reason: "person find --full " + query) }
                let t = Texts(global.language)
                let shownID = { (d: PersonMatch) in full ? d.person.id.value : d.person.id.masked }
                let rows = found.map { d in
                    DisplayWidth.padRight(d.person.name, to: 16) + shownID(d) + "  " + t(d.person.id.sex.label)
                        + "  " + String(d.age) + "  " + d.place.shortName
                }
                return CommandOutput(
                    json: ["people": .array(found.map { d in
                        ["id": .string(shownID(d)), "name": .string(d.person.name), "birthDate": .string(d.person.id.birthDate.iso),
                         "sex": .string(d.person.id.sex.rawValue), "region": .string(d.person.regionCode)]
                    })],
                    text: found.isEmpty ? t("没有找到", "Nobody found") : rows.joined(separator: "\n"))
            }
        }
    }
}
