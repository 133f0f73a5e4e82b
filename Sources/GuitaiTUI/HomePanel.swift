import CellText
import GuitaiCore
import GuitaiDesk
import TerminalKit

/// Find the citizen: by full ID number, its last digits, name or pinyin initials; Enter pins the chosen one.
struct HomePanel: Panel {
    let titleKey = "home.title"
    var takesText: Bool { true }
    var query = TextField(maxLength: 30)
    var results: [PersonMatch] = []
    var searched: String?
    /// The last search was a whole ID number (valid and nobody's, or mistyped and explained): Enter opens its registration.
    var registrable = false
    var selection = 0

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        switch key {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(max(0, results.count - 1), selection + 1)
        case .enter:
            let text = query.text.trimmingSpaces
            if text != searched {
                search(text, app: app)
            } else if results.indices.contains(selection) {
                app.pin(results[selection].person.id.value)
                app.message = nil
            } else if registrable {
                // A registration left half-typed for this number comes back as it was.
                if let kept = app.unparkRegistration(of: text) { return .open(kept) }
                return .open(RegisterPanel(idNumber: text, desk: app.desk))
            }
        default:
            if query.handle(key) { searched = nil }
        }
        return .stay
    }

    private mutating func search(_ text: String, app: DeskApp) {
        guard let desk = app.desk, !text.isEmpty else { return }
        searched = text
        selection = 0
        // A full ID number typed wrong is said at once (which character, which check), before any "not found"; Enter
        // then opens its registration, where the number is corrected with the check beside it.
        let looksLikeID = (text.count == 18 || text.count == 15) && text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "x" || $0 == "X") })
        registrable = looksLikeID
        if looksLikeID {
            do {
                _ = try desk.parseID(text)
            } catch {
                results = []
                app.say(error)
                return
            }
        }
        do {
            results = try desk.findPersons(text)
            if results.count == 1 { app.pin(results[0].person.id.value) }
            // Nobody with a whole, valid ID number: the next Enter registers them, and the message says so.
            registrable = results.isEmpty && looksLikeID
            app.say(results.isEmpty ? app.catalogue(registrable ? "home.none.register" : "home.none", text)
                        : app.catalogue("home.results", String(results.count)),
                    error: results.isEmpty && !registrable)
        } catch {
            results = []
            app.say(error)
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let label = app.catalogue("home.search")
        screen.put(label, x: area.x, y: area.y, role: .label)
        let fieldX = area.x + DisplayWidth.of(label) + 2
        let column = query.render(on: &screen, x: fieldX, y: area.y, width: min(30, area.width - fieldX), focused: true)
        // The list scrolls so the selection always shows.
        let rows = max(1, area.height - 3)
        let start = max(0, min(selection - rows + 1, results.count - rows))
        for (offset, d) in results.dropFirst(start).prefix(rows).enumerated() {
            let index = start + offset
            let line = DisplayWidth.padRight(DisplayWidth.truncate(d.person.name, to: 13), to: 14) + d.person.id.masked + "  "
                + app.catalogue(d.person.id.sex.label) + "  " + String(d.age) + "  " + d.place.shortName
            let y = area.y + 2 + offset
            if index == selection { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            screen.put(line, x: area.x + 1, y: y, role: index == selection ? .selection : .normal, limit: area.width - 2)
        }
        return (column, area.y)
    }
}
