import CellText
import TerminalKit

/// Help for the screen it was opened from, with every key and its second binding.
struct HelpPanel: Panel {
    let titleKey = "help.title"
    var takesText: Bool { false }
    let topic: String

    init(for topic: String) { self.topic = topic }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome { key == .enter ? .back : .stay }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let c = app.catalogue
        var lines = [c(topic)]
        for hint in ["login.hint", "home.hint", "register.hint", "enrol.hint", "settle.hint", "receipt.hint"]
            where hint.hasPrefix(topic.split(separator: ".").first.map(String.init) ?? "") {
            lines.append(c(hint, c("no")))
        }
        lines += ["", ["key.help", "key.enrol", "key.card", "key.certify", "key.settle", "key.find", "key.receipts", "key.quit", "key.lock",
                       "key.back"].map { c($0) }.joined(separator: "  "),
                  c("key.second")]
        // Long lines wrap: every binding stays readable at 80 columns.
        lines = lines.flatMap { DisplayWidth.wrap($0, width: area.width, indent: 2) }
        for (index, line) in lines.prefix(area.height).enumerated() {
            screen.put(line, x: area.x, y: area.y + index, role: index == 0 ? .label : .normal, limit: area.width)
        }
        return nil
    }
}
