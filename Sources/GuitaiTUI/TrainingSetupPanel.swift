import GuitaiCore
import GuitaiDesk
import TerminalKit

/// No training store yet: the trainer sets the password of the account `trainer` (typed twice), the store is made as
/// `guitai training reset` makes it, and the trainer is logged in.
struct TrainingSetupPanel: Panel {
    let titleKey = "training.setup.title"
    var takesText: Bool { true }
    var isGate: Bool { true }
    var form = Form([
        Form.Field(labelKey: "training.setup.password", field: TextField(maxLength: 64), secret: true),
        Form.Field(labelKey: "training.setup.again", field: TextField(maxLength: 64), secret: true),
    ])

    init() {
        form.fields[0].check = { Operator.validatePassword($0) }
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard app.submitted(form.handle(key)) else { return .stay }
        guard form.confirms(0, again: 1, app: app) else { return .stay }
        do {
            // The build takes a while: the screen says so before it starts.
            app.say(app.catalogue("training.building"))
            app.draw()
            _ = try TrainingStore.reset(at: app.storePath, password: form[0], resources: app.resources)
            return try app.startSession(operatorID: TrainingStore.trainerID, password: form[0], saying: "training.made")
        } catch {
            app.say(error)
            return .stay
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let rows = screen.paragraph(app.catalogue("training.setup.hint"), x: area.x, y: area.y, width: area.width, maxRows: 2, role: .hint)
        return form.render(on: &screen, x: area.x, y: area.y + rows + 1, width: min(60, area.width), catalogue: app.catalogue)
    }
}
