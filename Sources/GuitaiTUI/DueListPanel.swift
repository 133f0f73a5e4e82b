import CellText
import GuitaiDesk
import TerminalKit

/// Recipients due for certification, overdue or suspended, under a region prefix: the list outreach plans from.
struct DueListPanel: Panel {
    let titleKey = "due.title"
    var takesText: Bool { true }
    var region = TextField(maxLength: 6)
    var days = TextField("30", maxLength: 3)
    var focusDays = false
    var selection = 0

    private func list(_ app: DeskApp) -> [DueEntry] {
        (try? app.desk?.dueList(within: Int(days.text) ?? 30, regionPrefix: region.text)) ?? []
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        let entries = list(app)
        switch key {
        case .tab, .backTab: focusDays.toggle()
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(max(0, entries.count - 1), selection + 1)
        case .enter:
            guard entries.indices.contains(selection) else { return .stay }
            app.pin(entries[selection].recipient.idNumber)
            return .back
        default:
            if case .character(let c) = key, !c.isNumber { return .stay }
            _ = focusDays ? days.handle(key) : region.handle(key)
            selection = 0
        }
        return .stay
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let c = app.catalogue
        screen.put(c("due.hint"), x: area.x, y: area.y, role: .hint, limit: area.width)
        screen.put(c("due.region"), x: area.x, y: area.y + 1, role: .label)
        let regionX = area.x + DisplayWidth.of(c("due.region")) + 1
        let regionCursor = region.render(on: &screen, x: regionX, y: area.y + 1, width: 8, focused: !focusDays)
        let daysLabelX = regionX + 10
        screen.put(c("due.days"), x: daysLabelX, y: area.y + 1, role: .label)
        let daysX = daysLabelX + DisplayWidth.of(c("due.days")) + 1
        let daysCursor = days.render(on: &screen, x: daysX, y: area.y + 1, width: 5, focused: focusDays)
        let entries = list(app)
        let states = ["due-soon": c("due.soon"), "overdue": c("due.overdue"), "suspended": c("due.suspended")]
        for (index, e) in entries.prefix(area.height - 4).enumerated() {
            let y = area.y + 3 + index
            let line = e.recipient.regionCode + "  " + DisplayWidth.padRight(e.recipient.name, to: 14) + e.recipient.due.iso + "  "
                + (states[e.state] ?? e.state)
            if index == selection { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            screen.put(line, x: area.x + 1, y: y, role: index == selection ? .selection : (e.state == "due-soon" ? .normal : .error),
                       limit: area.width - 2)
        }
        screen.put(c("due.count", String(entries.count)), x: area.x, y: area.maxY - 1, role: .label, limit: area.width)
        return focusDays ? (daysCursor, area.y + 1) : (regionCursor, area.y + 1)
    }
}
