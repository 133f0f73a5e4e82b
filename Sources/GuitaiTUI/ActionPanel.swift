import GuitaiCore
import GuitaiDesk
import TerminalKit

/// A procedure screen declared as data: facts about the pinned citizen, numbered actions, and for the chosen
/// action a short form of only what the record does not already know. Used by the card and certification screens.
struct ActionPanel: Panel {
    struct Action {
        var labelKey: String
        /// Fields to ask for; empty means the action needs only a confirmation.
        var fields: [Form.Field] = []
        /// Readies the form from the record before the clerk types (a phone on file, a rule that needs the birth
        /// date), or refuses the action at once when the record already rules it out (no card to issue an e-card on).
        var prepare: (DeskApp, inout Form) -> DomainError? = { _, _ in nil }
        var run: (DeskApp, Form) throws -> any Panel
    }

    let titleKey: String
    let facts: (DeskApp) -> [String]
    let actions: [Action]
    /// A panel a letter opens from here, with or without a citizen (the due list from certification).
    var extra: (key: Character, hintKey: String, open: () -> any Panel)?
    var chosen: Int?
    var form = Form([])

    var takesText: Bool { chosen != nil }

    mutating func cancel() -> Bool {
        guard chosen != nil else { return false }
        chosen = nil
        form = Form([])
        return true
    }

    /// Set aside, the form keeps what was typed but forgets its secrets (a PIN).
    mutating func willPark() {
        for index in form.fields.indices where form.fields[index].secret { form.set(index, "") }
    }

    /// After the write: the next action starts from a clean form.
    mutating func didCommit() { _ = cancel() }

    /// Whether a form has typed text that a quit would lose.
    var hasUnsavedWork: Bool { chosen != nil && form.isTouched }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        if chosen == nil, let extra, key == .character(extra.key) || key == .character(Character(extra.key.uppercased())) {
            return .open(extra.open())
        }
        guard app.citizen != nil else { return .stay }
        if let index = chosen {
            guard form.fields.isEmpty || app.submitted(form.handle(key)) else { return .stay }
            let action = actions[index], values = form
            // A form without fields has nothing to come back to; one with fields stays as typed until the write.
            if form.fields.isEmpty { chosen = nil }
            return .open(ConfirmPanel(summary: [app.catalogue(action.labelKey)] + values.fields.map {
                app.catalogue($0.labelKey) + "  " + ($0.secret ? String(repeating: "*", count: $0.field.text.count) : $0.field.text)
            }) { app in
                try action.run(app, values)
            })
        }
        // 1 to 9 choose the first nine actions, 0 the tenth.
        if case .character(let c) = key, var n = c.wholeNumberValue, c.isASCII {
            if n == 0 { n = 10 }
            guard (1...actions.count).contains(n) else { return .stay }
            var prepared = Form(actions[n - 1].fields)
            if let refusal = actions[n - 1].prepare(app, &prepared) {
                app.say(refusal)
                return .stay
            }
            prepared.markGiven()
            chosen = n - 1
            form = prepared
            if actions[n - 1].fields.isEmpty { return handle(.enter, app: app) }
        }
        return .stay
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        if let extra { screen.put(app.catalogue(extra.hintKey), x: area.x, y: area.maxY - 1, role: .hint, limit: area.width) }
        guard app.citizen != nil else {
            screen.put(app.catalogue("citizen.none"), x: area.x, y: area.y, role: .error, limit: area.width)
            return nil
        }
        var y = area.y
        for line in facts(app) { y += screen.paragraph(line, x: area.x, y: y, width: area.width, indent: 2, role: .label) }
        y += 1
        for (index, action) in actions.enumerated() {
            let role: CellRole = index == chosen ? .selection : .normal
            screen.put("\((index + 1) % 10) " + app.catalogue(action.labelKey), x: area.x + (index % 2) * 38, y: y + index / 2, role: role, limit: 37)
        }
        y += (actions.count + 1) / 2 + 1
        guard chosen != nil, !form.fields.isEmpty else { return nil }
        return form.render(on: &screen, x: area.x, y: y, width: area.width, catalogue: app.catalogue)
    }
}
