import CellText
import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit

/// The day's receipts at this counter: every transaction of the operator today; Enter shows one again, R reverses a
/// settlement with a supervisor's approval on the spot.
struct ReceiptsPanel: Panel {
    let titleKey = "receipts.title"
    var takesText: Bool { approval != nil }
    /// Starts on the newest transaction, the one a clerk most often wants again.
    var selection = Int.max
    /// The supervisor's id and password, while a reversal is being approved.
    var approval: Form?

    mutating func cancel() -> Bool {
        guard approval != nil else { return false }
        approval = nil
        return true
    }

    /// The supervisor's password never waits in a parked screen.
    mutating func willPark() { approval = nil }

    private func entries(_ app: DeskApp) -> [JournalEntry] { (try? app.desk?.todaysReceipts()) ?? [] }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        let list = entries(app)
        selection = min(selection, max(0, list.count - 1))
        guard let desk = app.desk else { return .stay }
        if var form = approval {
            if app.submitted(form.handle(key)) {
                approval = nil
                do {
                    let reversal = try desk.reverseWithApproval(list[selection].serial, supervisorID: form[0], password: form[1],
                                                                reason: app.catalogue("receipts.reason"))
                    app.say(app.catalogue("receipts.reversed", list[selection].serial, reversal))
                } catch {
                    app.say(error)
                }
                return .stay
            }
            approval = form
            return .stay
        }
        switch key {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(max(0, list.count - 1), selection + 1)
        case .enter:
            guard list.indices.contains(selection) else { return .stay }
            let entry = list[selection]
            // The settlement's stored slip, else the receipt as it was kept when printed, else what the journal says.
            let text = ((try? desk.storedSlip(serial: entry.serial)) ?? nil)
                ?? ReceiptArchive.read(name: entry.serial, besideStore: app.storePath)
            return .open(ReceiptPanel(name: entry.serial, text: text ?? Self.summary(entry, app)))
        case .character("r"), .character("R"):
            guard list.indices.contains(selection), list[selection].kind == "settle" else { return .stay }
            approval = Form([Form.Field(labelKey: "receipts.supervisor", field: TextField(maxLength: 32)),
                             Form.Field(labelKey: "login.password", field: TextField(maxLength: 64), secret: true)])
        default: break
        }
        return .stay
    }

    /// A transaction without a slip, shown from what the journal recorded.
    static func summary(_ entry: JournalEntry, _ app: DeskApp) -> String {
        let fields = (try? JSONSerialization.jsonObject(with: Data(entry.payload.utf8))) as? [String: Any] ?? [:]
        let lines = fields.keys.sorted().map { key -> String in
            var value = "\(fields[key]!)"
            if key == "id", let id = ResidentID(stored: value) { value = id.masked }
            return key + ": " + value
        }
        return ([app.catalogue("receipt.title") + "  " + entry.serial, "", app.catalogue("receipts.kind." + entry.kind),
                 entry.businessDate] + lines).joined(separator: "\n")
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let list = entries(app)
        let selection = min(self.selection, max(0, list.count - 1))
        screen.put(app.catalogue("receipts.hint"), x: area.x, y: area.y, role: .hint, limit: area.width)
        let rows = max(0, area.height - (approval == nil ? 2 : 7))
        let start = max(0, min(selection - rows + 1, list.count - rows))
        for (offset, entry) in list.dropFirst(start).prefix(rows).enumerated() {
            let index = start + offset
            let y = area.y + 2 + offset
            let line = entry.serial + "  " + DisplayWidth.padRight(app.catalogue("receipts.kind." + entry.kind), to: 14)
            if index == selection { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            screen.put(line, x: area.x + 1, y: y, role: index == selection ? .selection : .normal, limit: area.width - 2)
        }
        guard let approval else { return nil }
        return approval.render(on: &screen, x: area.x, y: area.maxY - 4, width: min(60, area.width), catalogue: app.catalogue)
    }
}
