import Foundation
import GuitaiDesk
import TerminalKit

/// A receipt, slip or report on screen, scrollable, printable (`Printer`: the hall's printer when one is set up, a file always).
struct ReceiptPanel: Panel {
    let titleKey: String
    var takesText: Bool { false }
    var parksWhenLeft: Bool { false }
    var usesFullWidth: Bool { true }
    let name: String
    let lines: [String]
    /// What the saved copy holds when it must differ from the printout (a one-time code is printed, never kept).
    let archive: String?
    var offset = 0
    /// The hint under the text (a report adds its own keys).
    var hintKey = "receipt.hint"

    init(name: String, text: String, archive: String? = nil, titleKey: String = "receipt.title") {
        self.name = name
        self.titleKey = titleKey
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        self.archive = archive
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        switch key {
        // Scrolling stops when the last line is on the last row (the panel's rows: the terminal less the frame).
        case .down: offset = min(max(0, lines.count - (app.terminal.height - 9)), offset + 1)
        case .up: offset = max(0, offset - 1)
        case .pageDown: offset = min(max(0, lines.count - (app.terminal.height - 9)), offset + 10)
        case .pageUp: offset = max(0, offset - 10)
        case .character("p"), .character("P"): print(app)
        case .enter: return .back
        default: break
        }
        return .stay
    }

    /// Keeps the receipt beside the store, in `receipts/`, and sends it to the hall's printer when one is set up; the
    /// message line says where it went. A printer that fails loses nothing: the kept copy is reprinted from F8.
    private func print(_ app: DeskApp) {
        do {
            let full = lines.joined(separator: "\n") + "\n"
            let outcome = try app.printer.print(full, name: name, besideStore: app.storePath, training: app.isTrainingStore,
                                                archive: archive)
            // A one-time list of documents handed over is recorded: the hall can show what it told whom.
            if name.hasPrefix("notice-"), let desk = app.desk {
                try desk.recordNoticePrinted(topic: String(name.dropFirst("notice-".count)), idNumber: app.citizen?.person.id.value)
            }
            if case .printerFailed = outcome {
                app.say(app.catalogue(outcome.message), error: true)
            } else {
                app.say(app.catalogue(outcome.message))
            }
        } catch {
            app.say(error)
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let visible = area.height - 1
        for (index, line) in lines.dropFirst(offset).prefix(visible).enumerated() {
            screen.put(line, x: area.x, y: area.y + index, role: .normal, limit: area.width)
        }
        screen.put(app.catalogue(hintKey), x: area.x, y: area.y + visible, role: .hint, limit: area.width)
        return nil
    }
}
