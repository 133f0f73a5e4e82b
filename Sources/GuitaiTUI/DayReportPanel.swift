import GuitaiCore
import GuitaiDesk
import TerminalKit

/// The day's figures (日结报表, from F8 with D): the hall's for a supervisor, the clerk's own otherwise (Tab switches),
/// scrollable and printable; C closes the day, a supervisor's act, after a confirmation that says what it means.
struct DayReportPanel: Panel {
    let titleKey = "day.title"
    var takesText: Bool { false }
    var parksWhenLeft: Bool { false }
    var usesFullWidth: Bool { true }
    var hallWide: Bool
    var offset = 0

    init(app: DeskApp) {
        hallWide = app.desk.map(Self.closes) ?? false
    }

    /// Who signs a day off: a supervisor, or the trainer on a training store (the class's supervisor).
    private static func closes(_ desk: Desk) -> Bool {
        desk.account.role == .supervisor || desk.account.role == .trainer && desk.store.hall.isTraining
    }

    /// The report as it stands now: read on every draw, so a close made from here shows at once.
    private func viewer(_ app: DeskApp) -> ReceiptPanel {
        guard let desk = app.desk else { return ReceiptPanel(name: "day", text: "") }
        do {
            let report = try desk.dayReport(clerk: hallWide ? nil : desk.account.id)
            var panel = ReceiptPanel(name: "day-" + report.date.iso + (hallWide ? "" : "-" + desk.account.id),
                                     text: report.text(language: app.catalogue.language,
                                                       operatorNames: (try? desk.operatorNames()) ?? [:]),
                                     titleKey: titleKey)
            panel.offset = offset
            panel.hintKey = "day.hint"
            return panel
        } catch {
            return ReceiptPanel(name: "day", text: (error as? DomainError).map { app.catalogue($0.message) } ?? "\(error)")
        }
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard let desk = app.desk else { return .stay }
        switch key {
        case .tab, .backTab:
            hallWide.toggle()
            offset = 0
            return .stay
        case .character("c"), .character("C"):
            guard Self.closes(desk) else {
                app.say(app.catalogue("day.close.supervisor"), error: true)
                return .stay
            }
            let date = desk.today.iso
            return .open(ConfirmPanel(summary: [app.catalogue("day.close.confirm", date), app.catalogue("day.close.meaning")]) { app in
                let report = try desk.closeDay()
                var receipt = ReceiptPanel(name: "day-" + report.date.iso,
                                           text: report.text(language: app.catalogue.language,
                                                             operatorNames: (try? desk.operatorNames()) ?? [:]),
                                           titleKey: "day.title")
                receipt.hintKey = "receipt.hint"
                return receipt
            })
        default:
            var viewer = viewer(app)
            let outcome = viewer.handle(key, app: app)
            offset = viewer.offset
            return outcome
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        viewer(app).render(on: &screen, in: area, app: app)
    }
}
