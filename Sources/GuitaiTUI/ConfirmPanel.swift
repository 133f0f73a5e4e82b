import TerminalKit

/// The confirmation that summarises what will be written; Enter writes, Esc goes back to edit.
struct ConfirmPanel: Panel {
    let titleKey = "confirm.title"
    var takesText: Bool { false }
    var parksWhenLeft: Bool { false }
    let summary: [String]
    /// Writes and returns the receipt panel; a thrown error is shown and the form stays as it was.
    let commit: (DeskApp) throws -> any Panel

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard key == .enter else { return .stay }
        do {
            return .committed(receipt: try commit(app))
        } catch {
            app.say(error)
            return .back
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        for (index, line) in summary.prefix(area.height - 2).enumerated() {
            screen.put(line, x: area.x, y: area.y + index, role: .normal, limit: area.width)
        }
        screen.put(app.catalogue("confirm.hint"), x: area.x, y: area.y + min(summary.count, area.height - 2) + 1, role: .hint, limit: area.width)
        return nil
    }
}
