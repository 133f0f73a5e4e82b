import GuitaiDesk
import TerminalKit

/// Operator login: id and password.
struct LoginPanel: Panel {
    let titleKey = "login.title"
    var takesText: Bool { true }
    var isGate: Bool { true }
    var form = Form([Form.Field(labelKey: "login.operator", field: TextField(maxLength: 32)),
                     Form.Field(labelKey: "login.password", field: TextField(maxLength: 64), secret: true)])

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard app.submitted(form.handle(key)) else { return .stay }
        do {
            return try app.startSession(operatorID: form[0], password: form[1], saying: "home.hint")
        } catch {
            form.set(1, "")
            app.say(error)
            return .stay
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        screen.put(app.catalogue("login.hint"), x: area.x, y: area.y, role: .hint, limit: area.width)
        return form.render(on: &screen, x: area.x, y: area.y + 2, width: min(60, area.width), catalogue: app.catalogue)
    }
}
