import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit

/// No store yet, on an outreach laptop (F8 on the first-run screen): make the laptop's store from a take-out bundle and
/// log in as the operator who went, with the same password (as `guitai outreach open`). Esc goes back to the first run.
struct OpenTakeOutPanel: Panel {
    let titleKey = "takeout.title"
    var takesText: Bool { true }
    var isGate: Bool { true }
    var form = Form([
        Form.Field(labelKey: "outreach.file", field: TextField(maxLength: 255)),
        Form.Field(labelKey: "outreach.passphrase", field: TextField(maxLength: 128), secret: true),
        Form.Field(labelKey: "login.operator", field: TextField(maxLength: 32)),
        Form.Field(labelKey: "login.password", field: TextField(maxLength: 64), secret: true),
    ])

    var hasUnsavedWork: Bool { form.isTouched }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        if key == .escape { return .replace(FirstRunPanel(resources: app.resources)) }
        guard app.submitted(form.handle(key)) else { return .stay }
        do {
            let data = try InputFile.bytes(form[0], limit: InputFile.maximumBundleBytes)
            app.desk = try Desk.openLaptop(bundle: data, passphrase: form[1], storePath: app.storePath, operatorID: form[2],
                                           password: form[3], clock: app.clock, counter: app.counter, resources: app.resources,
                                           interactive: true)
            app.say(app.catalogue("takeout.opened"))
            return .replace(HomePanel())
        } catch {
            // Nothing secret waits in the form after a refusal.
            form.set(1, "")
            form.set(3, "")
            app.say(error)
            return .stay
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        screen.paragraph(app.catalogue("takeout.hint"), x: area.x, y: area.y, width: area.width, maxRows: 2, role: .hint)
        return form.render(on: &screen, x: area.x, y: area.y + 3, width: min(76, area.width), catalogue: app.catalogue)
    }
}
