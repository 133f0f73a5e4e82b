import CellText
import TerminalKit

/// F1 on any screen, the login and first run included: what each field of that screen takes, with an example, what its
/// keys do, then the desk's keys and their second bindings. Before a session only the keys that work there are listed.
struct HelpPanel: Panel {
    let titleKey = "help.title"
    var takesText: Bool { false }
    var parksWhenLeft: Bool { false }
    /// Help over a login or lock screen is itself outside the session: only quitting is global.
    let isGate: Bool
    /// The screen's catalogue prefix (`settle` for `settle.title`).
    let topic: String
    let topicTitleKey: String

    init(for titleKey: String, isGate: Bool) {
        topicTitleKey = titleKey
        topic = titleKey.split(separator: ".").first.map(String.init) ?? titleKey
        self.isGate = isGate
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        key == .enter || (isGate && key == .escape) ? .back : .stay
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let c = app.catalogue
        var y = area.y
        screen.put(c(topicTitleKey), x: area.x, y: y, role: .label, limit: area.width)
        y += 1
        var n = 1
        while c.has("help.\(topic).\(n)") {
            y += screen.paragraph(c("help.\(topic).\(n)"), x: area.x, y: y, width: area.width, maxRows: area.maxY - y, indent: 2)
            n += 1
        }
        y += 1
        let keys = isGate ? ["key.help", "key.quit", "key.back"]
            : ["key.help", "key.enrol", "key.card", "key.certify", "key.settle", "key.find", "key.operators", "key.receipts", "key.quit",
               "key.lock", "key.back"]
        y += screen.paragraph(c("help.keys") + " " + keys.map { c($0) }.joined(separator: "  "), x: area.x, y: y, width: area.width,
                              maxRows: max(0, area.maxY - y), indent: 2, role: .hint)
        if !isGate {
            screen.paragraph(c("key.second"), x: area.x, y: y, width: area.width, maxRows: max(0, area.maxY - y), indent: 2, role: .hint)
        }
        return nil
    }
}
