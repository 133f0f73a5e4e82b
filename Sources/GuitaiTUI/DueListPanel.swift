import CellText
import Foundation
import GuitaiCore
import GuitaiDesk
import TerminalKit

/// Recipients due for certification, overdue or suspended, under a region prefix: the list outreach plans from.
struct DueListPanel: Panel {
    let titleKey = "due.title"
    /// Opened anew from the certification screen each time: nothing would ever take a parked one back.
    var parksWhenLeft: Bool { false }
    var takesText: Bool { true }
    var region = TextField(maxLength: 6)
    var days = TextField("30", maxLength: 3)
    var focusDays = false
    var selection = 0
    /// The self-service results file to import, while its path is being typed.
    var importPath: TextField?

    mutating func cancel() -> Bool {
        guard importPath != nil else { return false }
        importPath = nil
        return true
    }

    private func list(_ app: DeskApp) -> [DueEntry] {
        (try? app.desk?.dueList(within: Int(days.text) ?? 30, regionPrefix: region.text)) ?? []
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        if var path = importPath {
            guard key == .enter else { _ = path.handle(key); importPath = path; return .stay }
            importPath = nil
            guard let desk = app.desk else { return .stay }
            let file = path.text
            return .open(ConfirmPanel(summary: [app.catalogue("due.import"), file]) { app in
                let report = try desk.importSelfService(try InputFile.text(file), file: InputFile.name(of: file))
                return ProcedurePanels.receipt(app, report.serial ?? "import", procedureKey: "due.import",
                                               fields: [ProcedurePanels.field(app, "receipt.file", file),
                                                        ProcedurePanels.field(app, "receipt.result", app.catalogue("due.imported", String(report.certified.count),
                                                                                                              String(report.failed.count), String(report.alreadyRecorded)))],
                                               citizen: false)
            })
        }
        let entries = list(app)
        switch key {
        case .character("i"), .character("I"): importPath = TextField(maxLength: 200)
        case .character("b"), .character("B"):
            guard let desk = app.desk else { return .stay }
            let region = self.region.text
            return .open(ConfirmPanel(summary: [app.catalogue("due.bydata", region.isEmpty ? app.catalogue("due.all") : region)]) { app in
                let (certified, serial) = try desk.certifyByData(regionPrefix: region)
                return ProcedurePanels.receipt(app, serial, procedureKey: "receipts.kind.certify.by-data",
                                               fields: [ProcedurePanels.field(app, "due.region", region.isEmpty ? app.catalogue("due.all") : region),
                                                        ProcedurePanels.field(app, "receipt.result", app.catalogue("due.bydata.done", String(certified.count)))]
                                                   + certified.map { CounterReceipt.Field(ResidentID(stored: $0.id).map(\.masked) ?? $0.id, $0.evidence) },
                                               citizen: false)
            })
        case .character("p"), .character("P"):
            return .open(ReceiptPanel(name: "due-" + (app.desk?.today.iso ?? "list"), text: Self.printout(entries, app: app),
                                      titleKey: titleKey))
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

    /// The list as 80-column text for the printer: who, where, masked ID number, due date and state.
    private static func printout(_ entries: [DueEntry], app: DeskApp) -> String {
        let c = app.catalogue
        let states = ["due-soon": c("due.soon"), "overdue": c("due.overdue"), "suspended": c("due.suspended")]
        var lines = [c("due.title") + "  " + (app.desk?.today.iso ?? ""), c("due.count", String(entries.count)), String(repeating: "-", count: 80)]
        lines += entries.map { e in
            e.recipient.regionCode + "  " + DisplayWidth.padRight(DisplayWidth.truncate(e.recipient.name, to: 16), to: 18)
                + (ResidentID(stored: e.recipient.idNumber)?.masked ?? "") + "  " + e.recipient.due.iso + "  " + (states[e.state] ?? e.state)
        }
        return lines.joined(separator: "\n")
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
        let rows = max(1, area.height - 5)
        let start = max(0, min(selection - rows + 1, entries.count - rows))
        for (offset, e) in entries.dropFirst(start).prefix(rows).enumerated() {
            let index = start + offset
            let y = area.y + 3 + offset
            let line = e.recipient.regionCode + "  " + DisplayWidth.padRight(DisplayWidth.truncate(e.recipient.name, to: 13), to: 14)
                + e.recipient.due.iso + "  "
                + (states[e.state] ?? e.state)
            if index == selection { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            screen.put(line, x: area.x + 1, y: y, role: index == selection ? .selection : (e.state == "due-soon" ? .normal : .error),
                       limit: area.width - 2)
        }
        screen.put(c("due.count", String(entries.count)) + "   " + c("due.batch"), x: area.x, y: area.maxY - 1, role: .label, limit: area.width)
        if let importPath {
            screen.put(c("due.import.path"), x: area.x, y: area.maxY - 2, role: .label)
            let x = area.x + DisplayWidth.of(c("due.import.path")) + 1
            return (importPath.render(on: &screen, x: x, y: area.maxY - 2, width: area.width - x, focused: true), area.maxY - 2)
        }
        return focusDays ? (daysCursor, area.y + 1) : (regionCursor, area.y + 1)
    }
}
