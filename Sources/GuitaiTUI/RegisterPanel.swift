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
            text.isEmpty || Household(typed: text) != nil ? nil
                : .refused("bad-household", zh: "户籍性质填 城镇 或 农村", en: "Type urban or rural")
        }
        form.fields[4].check = { text in
            guard let today = desk?.today else { return nil }
            for word in text.split(separator: " ") {
                if case .failure(let error) = GroupMembership.parse(String(word), defaultFrom: today) { return error }
            }
            return nil
        }
    }

    /// The ID number comes from the search; anything typed beyond it is work a quit would lose.
    var hasUnsavedWork: Bool { form.fields.dropFirst().contains { !$0.field.text.isEmpty } }

    mutating func didCommit() {
        for index in form.fields.indices { form.set(index, "") }
        form.focus = 0
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard app.submitted(form.handle(key)), let desk = app.desk else { return .stay }
        let personForm = PersonForm(idNumber: form[0], name: form[1], phone: form[2].isEmpty ? nil : form[2],
                                    household: Household(typed: form[3])?.rawValue,
                                    groups: form[4].split(separator: " ").map(String.init))
        do {
            let id = try desk.parseID(form[0])
            let summary = [app.catalogue("register.title"), "", "\(form[1])  \(id.masked)", derived(id, app: app)]
                + (form[2].isEmpty ? [] : [app.catalogue("register.phone") + " " + Person.maskPhone(form[2])])
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
        return cursor
    }
}
