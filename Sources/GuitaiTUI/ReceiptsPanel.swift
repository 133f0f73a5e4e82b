import CellText
import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit

/// The day's receipts at this counter: every transaction of the operator today, a reversed settlement marked 已冲正;
/// Enter shows one again as it was printed, R reverses a settlement: first whether it can be reversed at all, then
/// what it would undo with the reason, approved on the spot by another operator's password.
struct ReceiptsPanel: Panel {
    let titleKey = "receipts.title"
    var takesText: Bool { approval != nil }
    /// Starts on the newest transaction, the one a clerk most often wants again.
    var selection = Int.max
    /// The transaction being reversed and what it would undo, and the reason, supervisor and password typed for it.
    var reversing: (serial: String, target: ReversalTarget)?
    var approval: Form?

    mutating func cancel() -> Bool {
        guard approval != nil else { return false }
        approval = nil
        reversing = nil
        return true
    }

    /// The supervisor's password never waits in a parked screen.
    mutating func willPark() { _ = cancel() }

    private func entries(_ app: DeskApp) -> [JournalEntry] { (try? app.desk?.todaysReceipts()) ?? [] }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard let desk = app.desk else { return .stay }
        if var form = approval, let (original, target) = reversing {
            guard app.submitted(form.handle(key)) else {
                approval = form
                return .stay
            }
            do {
                let serial = try desk.reverseWithApproval(original, supervisorID: form[1], password: form[2], reason: form[0])
                approval = nil
                reversing = nil
                let f = { (key: String, value: String) in ProcedurePanels.field(app, key, value) }
                let fields = [f("reverse.original", original)] + target.fields.map { CounterReceipt.Field(app.catalogue($0.label), app.catalogue($0.value)) }
                    + [f("reverse.reason", form[0]), f("reverse.approver", form[1])]
                return .open(ProcedurePanels.receipt(app, serial, procedureKey: "receipts.kind." + target.kind + ".reverse", fields: fields,
                                                     next: [app.catalogue(target.next)], citizen: false, about: target.citizen))
            } catch {
                // The password is never kept after a refusal; the reason and the approver stay as typed.
                form.set(2, "")
                form.focus = 2
                approval = form
                app.say(error)
                return .stay
            }
        }
        // The day's list is read only for the keys that move in it or act on it.
        let list = entries(app)
        selection = min(selection, max(0, list.count - 1))
        switch key {
        case .up, .down:
            selection = key == .up ? max(0, selection - 1) : min(max(0, list.count - 1), selection + 1)
            // What was said about the row left no longer applies.
            app.message = nil
        case .enter:
            guard list.indices.contains(selection) else { return .stay }
            let entry = list[selection]
            // The settlement's stored slip (marked when it was reversed), else the receipt as it was kept when printed,
            // else what the journal says.
            var text = ((try? desk.storedSlip(serial: entry.serial)) ?? nil)
            text = text ?? ReceiptArchive.read(name: entry.serial, besideStore: app.storePath, training: desk.store.hall.isTraining)
            if text != nil, let reversal = (try? desk.reversal(of: entry.serial)) ?? nil {
                text = app.catalogue("reverse.banner", reversal) + "\n" + (text ?? "")
            }
            // A reprint says it is one, so it is never taken for the first receipt.
            text = text.map { app.catalogue("receipt.reprint") + "\n" + $0 }
            return .open(ReceiptPanel(name: entry.serial, text: text ?? Self.summary(entry, app)))
        case .character("d"), .character("D"): return .open(DayReportPanel(app: app))
        case .character("s"), .character("S"): return .open(StatisticsPanel(app: app))
        case .character("r"), .character("R"):
            guard list.indices.contains(selection) else { return .stay }
            // Whether it can be reversed is said before anyone types a password.
            do {
                reversing = (list[selection].serial, try desk.reversalTarget(list[selection].serial))
            } catch {
                app.say(error)
                return .stay
            }
            var form = Form([Form.Field(labelKey: "reverse.reason", field: TextField(maxLength: 100)) { text in
                                 text.trimmingSpaces.isEmpty
                                     ? .refused("no-reason", zh: "请写明冲正原因", en: "Type why it is reversed")
                                     : StoredText.refusal(of: text, as: .reason)
                             },
                             Form.Field(labelKey: "receipts.supervisor", field: TextField(maxLength: 32)) { text in
                                 text.trimmingSpaces.isEmpty ? .refused("no-supervisor", zh: "请复核员输入编号", en: "The supervisor types their id") : nil
                             },
                             Form.Field(labelKey: "login.password", field: TextField(maxLength: 64), secret: true)])
            form.focus = 0
            approval = form
        default: break
        }
        return .stay
    }

    /// The masked ID number a transaction's payload names, if it names one.
    static func maskedID(_ entry: JournalEntry) -> String? {
        (entry.fields["id"] as? String).flatMap(ResidentID.init(stored:))?.masked
    }

    /// A transaction without a kept receipt, shown from what the journal recorded.
    static func summary(_ entry: JournalEntry, _ app: DeskApp) -> String {
        let fields = entry.fields
        let lines = fields.keys.sorted().map { key -> String in
            var value = fields[key].map { "\($0)" } ?? ""
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
        // The approval takes the summary (2 rows) and its form (6) below the list; on a demo store also the accounts
        // line (2 more, wrapped), so the list never runs under it.
        let training = app.desk?.store.hall.isTraining == true
        let rows = max(0, area.height - (approval == nil ? 2 : training ? 12 : 10))
        let start = max(0, min(selection - rows + 1, list.count - rows))
        let shown = Array(list.dropFirst(start).prefix(rows))
        let reversed = (try? app.desk?.reversed(among: shown.map(\.serial))) ?? []
        for (offset, entry) in shown.enumerated() {
            let index = start + offset
            let y = area.y + 2 + offset
            // The time, the serial, whose ID number (masked) and what was done, marked when reversed (the reprint
            // names the reversal). The ID column has one width (blank when none), so the kinds line up; the mark follows the kind, which
            // is never padded: a marked row is always one that can be reversed, whose kinds are short.
            var line = ChinaTime.clock(entry.at) + "  " + entry.serial + "  " + DisplayWidth.padRight(Self.maskedID(entry) ?? "", to: 18)
                + "  " + app.catalogue("receipts.kind." + entry.kind)
            if reversed.contains(entry.serial) {
                line += "  " + app.catalogue("reverse.marked")
            }
            if index == selection { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            screen.put(line, x: area.x + 1, y: y, role: index == selection ? .selection : .normal, limit: area.width - 2)
        }
        // How many more there are above and below the rows shown.
        let below = max(0, list.count - start - rows)
        if start > 0 || below > 0 {
            screen.put(app.catalogue("settle.more", String(start), String(below)), x: area.x, y: area.y + 1, role: .hint,
                       limit: area.width)
        }
        guard let approval, let (_, target) = reversing else { return nil }
        // What will be undone, on screen while the reason is typed and the supervisor approves.
        let top = area.maxY - 8
        let summary = app.catalogue(target.undoes) + app.catalogue("reverse.approve")
        screen.paragraph(summary, x: area.x, y: top, width: area.width, maxRows: 2, role: .label)
        if training {
            screen.paragraph(app.catalogue("training.approval", TrainingStore.trainerID),
                             x: area.x, y: top - 2, width: area.width, maxRows: 2, role: .hint)
        }
        return approval.render(on: &screen, x: area.x, y: top + 2, width: min(70, area.width), catalogue: app.catalogue)
    }
}
