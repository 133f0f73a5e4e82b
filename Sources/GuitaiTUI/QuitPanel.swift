import TerminalKit

/// The question before quitting over typed work not yet written: what would be lost; F10 again or Enter quits, Esc
/// goes back with everything as it was.
struct QuitPanel: Panel {
    let titleKey = "quit.title"
    var takesText: Bool { false }
    /// Asked over the lock: nothing behind it is named or opened.
    let isGate: Bool

    init(isGate: Bool = false) { self.isGate = isGate }
    var parksWhenLeft: Bool { false }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome { key == .enter ? .quit : .stay }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        var y = area.y
        y += screen.paragraph(app.catalogue("quit.lost"), x: area.x, y: y, width: area.width, role: .error)
        if isGate {
            y += screen.paragraph(app.catalogue("quit.count", String(app.unsavedWork.count)), x: area.x, y: y, width: area.width)
        } else {
            for work in app.unsavedWork.prefix(max(0, area.height - 4)) {
                y += screen.paragraph("  " + work, x: area.x, y: y, width: area.width, indent: 4)
            }
        }
        screen.paragraph(app.catalogue("quit.hint"), x: area.x, y: y + 1, width: area.width, role: .hint)
        return nil
    }
}
