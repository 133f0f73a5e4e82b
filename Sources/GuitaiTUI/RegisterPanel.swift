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

    init(idNumber: String = "") {
        form.set(0, idNumber)
        if !idNumber.isEmpty { form.focus = 1 }
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard form.handle(key) == .submitted, let desk = app.desk else { return .stay }
        let personForm = PersonForm(idNumber: form[0], name: form[1], phone: form[2].isEmpty ? nil : form[2],
                                    household: form[3].isEmpty ? nil : form[3],
                                    groups: form[4].split(separator: " ").map(String.init))
        do {
            let id = try desk.parseID(form[0])
            let summary = [app.catalogue("register.title"), "", "\(form[1])  \(id.masked)", derived(id, app: app)]
                + (form[2].isEmpty ? [] : [app.catalogue("register.phone") + " " + Person.maskPhone(form[2])])
                + (form[4].isEmpty ? [] : [app.catalogue("register.groups") + " " + form[4]])
            return .open(ConfirmPanel(summary: summary) { app in
                let (details, serial) = try desk.addPerson(personForm)
                app.pin(details.person.id.value)
                return ReceiptPanel(name: serial, text: [app.catalogue("receipt.title") + "  " + serial, "",
                                                         details.person.name + "  " + details.person.id.masked].joined(separator: "\n"))
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
