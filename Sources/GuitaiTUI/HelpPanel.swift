import GuitaiDesk
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
        // L: the procedure's one-time list of documents (一次性告知单), to read to the citizen or print for them.
        if !isGate, key == .character("l") || key == .character("L"), app.catalogue.has("notice.\(topic).1") {
            return .open(ReceiptPanel(name: "notice-" + topic, text: Self.notice(topic, app: app)))
        }
        // Esc is the desk's own (it closes help everywhere, gates included).
        return key == .enter ? .back : .stay
    }

    /// The one-time list of documents for a procedure as 80-column text: the hall, the procedure, the documents
    /// numbered, where to ask. The lists are the catalogue's `notice.<screen>.<n>`, for a hall to adapt.
    static func notice(_ topic: String, app: DeskApp) -> String {
        let c = app.catalogue
        var documents: [String] = []
        while c.has("notice.\(topic).\(documents.count + 1)") { documents.append(c("notice.\(topic).\(documents.count + 1)")) }
        return DocumentNotice.render(hallName: app.desk?.store.hall.name ?? "", title: c("notice.title", c(topic + ".title")),
                                     documents: documents, footer: c("notice.footer", app.counter, app.desk?.today.iso ?? ""))
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
        if !isGate && c.has("notice.\(topic).1") {
            y += screen.paragraph(c("notice.key"), x: area.x, y: y, width: area.width, maxRows: max(0, area.maxY - y), role: .label)
        }
        y += 1
        let keys = isGate ? ["key.help", "key.quit", "key.back"]
            : ["key.help", "key.enrol", "key.card", "key.certify", "key.settle", "key.find",
               app.f7OpensOperators ? "key.operators" : "key.outreach", "key.receipts", "key.quit",
               "key.lock", "key.back"] + (app.isTrainingStore ? ["key.scenarios"] : [])
        y += screen.paragraph(c("help.keys") + " " + keys.map { c($0) }.joined(separator: "  "), x: area.x, y: y, width: area.width,
                              maxRows: max(0, area.maxY - y), indent: 2, role: .hint)
        if !isGate {
            screen.paragraph(c("key.second"), x: area.x, y: y, width: area.width, maxRows: max(0, area.maxY - y), indent: 2, role: .hint)
        }
        return nil
    }
}
