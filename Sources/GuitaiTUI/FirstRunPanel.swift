import Foundation
import GuitaiDesk
import TerminalKit

/// No store yet: create the hall's store as `guitai init` does, or open a training store full of synthetic people.
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
    ])

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        if key == .function(9) || key == .control("w") {
            do {
                app.desk = try TrainingStore.openOrCreate(besides: app.storePath, clock: app.clock, counter: app.counter,
                                                          resources: app.resources)
                app.say(app.catalogue("firstrun.training"))
                return .replace(HomePanel())
            } catch {
                app.say(error)
                return .stay
            }
        }
        guard app.submitted(form.handle(key)) else { return .stay }
        do {
            let setup = HallSetup(storePath: app.storePath, hallCode: form[0], hallName: form[1], regionCode: form[2],
                                  adminID: form[3], adminName: form[4], password: form[5])
            _ = try Desk.initialize(setup, clock: app.clock, resources: app.resources)
            // The session itself runs at this window, not as the store's creation.
            app.desk = try Desk.open(storePath: app.storePath, operatorID: form[3], password: form[5], clock: app.clock,
                                     counter: app.counter, resources: app.resources, interactive: true)
            app.say(app.catalogue("firstrun.created"))
            return .replace(HomePanel())
        } catch {
            app.say(error)
            return .stay
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        screen.put(app.catalogue("firstrun.hint"), x: area.x, y: area.y, role: .hint, limit: area.width)
        return form.render(on: &screen, x: area.x, y: area.y + 2, width: min(70, area.width), catalogue: app.catalogue)
    }
}
