import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit

/// No store yet: create the hall's store as `guitai init` does, open the training store beside it (F9: its login, or the form that makes it), or
/// make an outreach laptop's store from its take-out (F8).
struct FirstRunPanel: Panel {
    let titleKey = "firstrun.title"
    var takesText: Bool { true }
    var isGate: Bool { true }
    var form = Form([
        Form.Field(labelKey: "firstrun.code", field: TextField(maxLength: 12)),
        Form.Field(labelKey: "firstrun.name", field: TextField(maxLength: 40)),
        Form.Field(labelKey: "firstrun.region", field: TextField(maxLength: 6)),
        Form.Field(labelKey: "firstrun.admin", field: TextField(maxLength: 32)),
        Form.Field(labelKey: "firstrun.adminname", field: TextField(maxLength: 40)),
        Form.Field(labelKey: "firstrun.password", field: TextField(maxLength: 64), secret: true),
        Form.Field(labelKey: "firstrun.password.again", field: TextField(maxLength: 64), secret: true),
    ])

    /// Each field checked as it is left, by the rules `guitai init` applies.
    init(resources: DeskResources? = nil) {
        form.fields[0].check = { HallSettings.validateCode($0) }
        form.fields[1].check = { StoredText.refusal(of: $0, as: .hallName) }
        form.fields[2].check = { code in
            guard let resources, !resources.divisions.contains(code) else { return nil }
            return .refused("unknown-region", zh: "行政区划代码应为代码表中的6位数字，如 540102", en: "A division code is 6 digits from the table, e.g. 540102")
        }
        form.fields[3].check = { Operator.validateID($0) }
        form.fields[4].check = { StoredText.refusal(of: $0, as: .name) }
        form.fields[5].check = { Operator.validatePassword($0) }
    }

    /// What was typed would be lost by quitting.
    var hasUnsavedWork: Bool { form.isTouched }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        // An outreach laptop starts from the take-out the hall wrote for it.
        if key == .function(8) || key == .control("o") { return .replace(OpenTakeOutPanel()) }
        if key == .function(9) || key == .control("w") {
            let next = app.switchToTraining()
            app.say(app.catalogue(next is LoginPanel ? "training.login" : "training.setup.hint"))
            return .replace(next)
        }
        guard app.submitted(form.handle(key)) else { return .stay }
        // The administrator's password typed twice, the same both times.
        guard form.confirms(5, again: 6, app: app) else { return .stay }
        do {
            let setup = HallSetup(storePath: app.storePath, hallCode: form[0], hallName: form[1], regionCode: form[2],
                                  adminID: form[3], adminName: form[4], password: form[5])
            _ = try Desk.initialize(setup, clock: app.clock, resources: app.resources)
            // The session itself runs at this window, not as the store's creation.
            return try app.startSession(operatorID: form[3], password: form[5], saying: "firstrun.created")
        } catch {
            app.say(error)
            return .stay
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let rows = screen.paragraph(app.catalogue("firstrun.hint"), x: area.x, y: area.y, width: area.width, maxRows: 2, role: .hint)
        return form.render(on: &screen, x: area.x, y: area.y + rows + 1, width: min(70, area.width), catalogue: app.catalogue)
    }
}
