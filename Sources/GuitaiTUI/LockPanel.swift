import GuitaiDesk
import TerminalKit

/// The screen locked after idle minutes: the same operator's password unlocks it; nothing behind it is lost.
struct LockPanel: Panel {
    let titleKey = "locked.title"
    var takesText: Bool { true }
    var isGate: Bool { true }
    var parksWhenLeft: Bool { false }
    var password = TextField(maxLength: 64)
    /// Locked with F12 rather than after idle minutes: the screen says which.
    var manual = false

    init(manual: Bool = false) { self.manual = manual }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        // F10 quits (globally, showing nothing behind the lock); F9 lets another operator log in at this window.
        if key == .function(9) || key == .control("w") {
            app.logOut()
            return .stay
        }
        guard key == .enter else {
            _ = password.handle(key)
            return .stay
        }
        guard let desk = app.desk else { return .back }
        do {
            _ = try desk.store.authenticate(operatorID: desk.account.id, password: password.text, now: app.clock.secondsSince1970())
            app.message = nil
            return .back
        } catch {
            password.set("")
            app.say(error)
            return .stay
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        screen.paragraph(app.catalogue(manual ? "locked.manual" : "locked.hint", app.desk?.account.id ?? ""), x: area.x, y: area.y,
                         width: area.width, maxRows: 2, role: .hint)
        screen.put(app.catalogue("login.password"), x: area.x, y: area.y + 2, role: .label)
        let column = password.render(on: &screen, x: area.x + 12, y: area.y + 2, width: 30, focused: true, mask: true)
        // A trainee who forgot the password is not stuck: the trainer resets it.
        if app.isTrainingStore {
            screen.paragraph(app.catalogue("training.lock"),
                             x: area.x, y: area.y + 4, width: area.width, maxRows: 2, role: .hint)
        }
        return (column, area.y + 2)
    }
}
