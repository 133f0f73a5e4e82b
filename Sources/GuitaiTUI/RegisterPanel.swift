import GuitaiCore
import GuitaiDesk
import TerminalKit

/// Registering a person: the ID number first, and everything it implies shown at once, never asked for.
struct RegisterPanel: Panel {
    let titleKey = "register.title"
    var takesText: Bool { true }
    var form = Form([
        Form.Field(labelKey: "register.id", field: TextField(maxLength: 18)),
        Form.Field(labelKey: "register.name", field: TextField(maxLength: 40)),
        Form.Field(labelKey: "register.phone", field: TextField(maxLength: 11)),
        Form.Field(labelKey: "register.household", field: TextField(maxLength: 5)),
        Form.Field(labelKey: "register.groups", field: TextField(maxLength: 60)),
    ])

    init(idNumber: String = "", desk: Desk? = nil) {
        form.set(0, idNumber)
        form.markGiven()
        if !idNumber.isEmpty { form.focus = 1 }
        // Each field is checked as it is left, by the rules the registration applies.
        form.fields[0].check = { text in
            guard let desk else { return nil }
            do { _ = try desk.parseID(text) } catch let error as DomainError { return error } catch { return nil }
            return nil
        }
        form.fields[1].check = { StoredText.refusal(of: $0, as: .name) }
        form.fields[2].check = { $0.isEmpty ? nil : FieldChecks.phoneRefusal($0) }
        form.fields[3].check = { text in
            text.isEmpty || Self.household(text) != nil ? nil
                : .refused("bad-household", zh: "请填 1 城镇 或 2 农村", en: "type 1 urban or 2 rural")
        }
        form.fields[4].check = { text in
            guard let today = desk?.today else { return nil }
            for word in Self.groupWords(text).split(separator: " ") {
                if case .failure(let error) = GroupMembership.parse(String(word), defaultFrom: today) { return error }
            }
            return nil
        }
    }

    /// The ID number comes from the search; anything typed beyond it is work a quit would lose.
    var hasUnsavedWork: Bool { form.isTouched }

    /// Once registered, the person is pinned: leaving the receipt goes back to the desk, not to an empty form.
    var closesAfterCommit: Bool { true }

    mutating func didCommit() {
        for index in form.fields.indices { form.set(index, "") }
        form.focus = 0
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        let left = form.focus
        let outcome = form.handle(key)
        if case .moved = outcome, left >= 3 { nameChoices(app) }
        if case .submitted = outcome { nameChoices(app) }
        guard app.submitted(outcome), let desk = app.desk else { return .stay }
        let personForm = PersonForm(idNumber: form[0], name: form[1], phone: form[2].isEmpty ? nil : form[2],
                                    household: Self.household(form[3])?.rawValue,
                                    groups: Self.groupWords(form[4]).split(separator: " ").map(String.init))
        do {
            let id = try desk.parseID(form[0])
            let summary = [app.catalogue("register.title"), "", "\(form[1])  \(id.masked)", derived(id, app: app)]
                + (form[2].isEmpty ? [] : [app.catalogue("register.phone") + " " + Person.maskPhone(form[2])])
                + (form[3].isEmpty ? [] : [app.catalogue("register.household") + " " + form[3]])
                + (form[4].isEmpty ? [] : [app.catalogue("register.groups") + " " + form[4]])
            return .open(ConfirmPanel(summary: summary) { app in
                let (details, serial) = try desk.addPerson(personForm)
                app.pin(details.person.id.value, parkOpen: false)
                let p = details.person
                var fields = [ProcedurePanels.field(app, "register.name", p.name), ProcedurePanels.field(app, "register.id", p.id.masked),
                              ProcedurePanels.field(app, "receipt.register.derived",
                                                    [p.id.birthDate.iso, app.catalogue(p.id.sex.label), details.place.fullName].joined(separator: "  "))]
                if let phone = p.phone { fields.append(ProcedurePanels.field(app, "register.phone", Person.maskPhone(phone))) }
                if let household = p.household { fields.append(ProcedurePanels.field(app, "receipt.household", app.catalogue(household.label))) }
                if !p.groups.isEmpty {
                    fields.append(ProcedurePanels.field(app, "receipt.groups",
                                                        p.groups.map { app.catalogue($0.group.label) + " " + $0.from.iso }.joined(separator: "  ")))
                }
                return ProcedurePanels.receipt(app, serial, procedureKey: "register.title", fields: fields, next: [app.catalogue("next.register")])
            })
        } catch {
            app.say(error)
            form.focus = 0
            return .stay
        }
    }

    /// The text with each word that is a choice's number (1 for the first), alone or before a `:` and a date, replaced
    /// by that choice: the lists under the household and groups fields.
    static func chosen(_ text: String, from choices: [String]) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let parts = InputText.halfWidth(String(word)).split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            // One or two plain digits, nothing else ("+1", "01", a huge number stay as typed and are refused by name).
            guard (1...2).contains(parts[0].count), parts[0].first != "0", parts[0].allSatisfy({ $0.isASCII && $0.isNumber }),
                  let number = Int(parts[0]), (1...choices.count).contains(number) else { return String(word) }
            return choices[number - 1] + (parts.count > 1 ? ":" + parts[1] : "")
        }.joined(separator: " ")
    }

    /// The household typed, by its number in the list or its word.
    static func household(_ text: String) -> Household? { Household(typed: chosen(text, from: Household.allCases.map(\.rawValue))) }

    /// The groups typed, their numbers in the list replaced by the groups' words.
    static func groupWords(_ text: String) -> String { chosen(text, from: SpecialGroup.allCases.map(\.rawValue)) }

    /// A household or group taken by its number reads as its name (the short one for a group, with its date).
    private mutating func nameChoices(_ app: DeskApp) {
        if let household = Self.household(form[3]) {
            form.set(3, app.catalogue(household.label))
        }
        let groups = Self.groupWords(form[4]).split(separator: " ").map { word -> String in
            let parts = word.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard let group = SpecialGroup(rawValue: String(parts[0])) else { return String(word) }
            return (app.catalogue.language == .zh ? group.shortZh : group.rawValue) + (parts.count > 1 ? ":" + parts[1] : "")
        }
        form.set(4, groups.joined(separator: " "))
    }

    /// The numbered list for the focused household or groups field, in the screen's language.
    private func choices(_ app: DeskApp) -> String? {
        switch form.focus {
        case 3:
            return Household.allCases.enumerated().map { "\($0.offset + 1) \(app.catalogue($0.element.label))" }.joined(separator: "  ")
                + "  " + app.catalogue("register.choices.household")
        case 4:
            // The short names, the words the field also takes: the whole list fits two rows at 80 columns.
            return SpecialGroup.allCases.enumerated().map { "\($0.offset + 1) \(app.catalogue.language == .zh ? $0.element.shortZh : $0.element.rawValue)" }
                .joined(separator: "  ")
                + "  " + app.catalogue("register.choices.groups")
        default: return nil
        }
    }

    private func derived(_ id: ResidentID, app: DeskApp) -> String {
        guard let desk = app.desk else { return "" }
        return app.catalogue("register.derived", id.birthDate.iso, app.catalogue(id.sex.label), String(id.age(on: desk.today)),
                             desk.resources.divisions.place(of: id.regionCode).fullName)
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        screen.put(app.catalogue("register.hint"), x: area.x, y: area.y, role: .hint, limit: area.width)
        let cursor = form.render(on: &screen, x: area.x, y: area.y + 2, width: min(70, area.width), catalogue: app.catalogue)
        // What the number implies, live as it is typed; its refusal in plain words once it is complete.
        if let desk = app.desk, form[0].count >= 15 {
            do {
                let id = try desk.parseID(form[0])
                screen.put(derived(id, app: app), x: area.x, y: area.y + 12, role: .label, limit: area.width)
            } catch let error as DomainError {
                screen.put(app.catalogue(error.message), x: area.x, y: area.y + 12, role: .error, limit: area.width)
            } catch {}
        }
        if let list = choices(app) {
            screen.paragraph(list, x: area.x, y: area.y + 13, width: area.width, maxRows: max(1, area.height - 13), role: .hint)
        }
        return cursor
    }
}
