import GuitaiCore
import GuitaiDesk
import TerminalKit

/// The day's figures (日结报表, from F8 with D): the hall's for whoever may close the day, the clerk's own otherwise
/// (Tab switches), of the business date or an earlier one (← →), scrollable and printable; C closes the day shown, a
/// supervisor's act, after a confirmation that says what it means. The report is read when the panel opens, on Tab
/// or ← →, and after a close, not on every draw.
struct DayReportPanel: Panel {
    let titleKey = "day.title"
    var takesText: Bool { false }
    var parksWhenLeft: Bool { false }
    var usesFullWidth: Bool { true }
    var hallWide: Bool
    /// The business date shown: the desk's, or an earlier one (a day left open yesterday, a closed day to reprint).
    var date: LocalDate?
    /// The report as last read, shown through a receipt panel (scrolling, printing); nil once a close has made it stale.
    private var shown: ReceiptPanel?

    init(app: DeskApp) {
        hallWide = app.desk.map(Self.closes) ?? false
        date = app.desk?.today
        shown = Self.read(app, hallWide: hallWide, date: date)
    }

    /// Who signs a day off: whoever may do supervision here, as `Desk.closeDay` requires (the role's own rule).
    private static func closes(_ desk: Desk) -> Bool {
        desk.account.role.may(.supervision, onTrainingStore: desk.store.hall.isTraining)
    }

    private static func read(_ app: DeskApp, hallWide: Bool, date: LocalDate?) -> ReceiptPanel {
        guard let desk = app.desk else { return ReceiptPanel(name: "day", text: "") }
        do {
            let report = try desk.dayReport(date: date?.iso, clerk: hallWide ? nil : desk.account.id)
            var panel = ReceiptPanel(name: "day-" + report.date.iso + (hallWide ? "" : "-" + desk.account.id),
                                     text: report.text(language: app.catalogue.language, operatorNames: (try? desk.operatorNames()) ?? [:]),
                                     titleKey: "day.title")
            panel.hintKey = "day.hint"
            return panel
        } catch {
            return ReceiptPanel(name: "day", text: (error as? DomainError).map { app.catalogue($0.message) } ?? "\(error)")
        }
    }

    mutating func didCommit() { shown = nil }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard let desk = app.desk else { return .stay }
        switch key {
        case .tab, .backTab:
            app.message = nil
            hallWide.toggle()
            shown = Self.read(app, hallWide: hallWide, date: date)
            return .stay
        case .left, .right:
            // A day earlier or later, never past the business date.
            let shown = date ?? desk.today
            let next = shown.adding(days: key == .left ? -1 : 1)
            guard next <= desk.today, next >= BusinessDateRange.first else { return .stay }
            app.message = nil
            date = next
            self.shown = Self.read(app, hallWide: hallWide, date: next)
            return .stay
        case .character("c"), .character("C"):
            guard Self.closes(desk) else {
                app.say(app.catalogue("day.close.supervisor"), error: true)
                return .stay
            }
            // The date on the confirmation is the date closed, even if midnight passes while it is on screen.
            let day = date ?? desk.today
            if desk.isDayClosed(day) {
                app.say(app.catalogue("day.close.already", day.iso), error: true)
                return .stay
            }
            let report = try? desk.dayReport(date: day.iso)
            let summary = report.map { app.catalogue("day.close.totals", String($0.procedures.map(\.count).reduce(0, +)), $0.total.grouped,
                                                     String($0.reversals.count)) } ?? ""
            return .open(ConfirmPanel(summary: [app.catalogue("day.close.confirm", day.iso), summary, app.catalogue("day.close.meaning")]) { app in
                let report = try desk.closeDay(date: day.iso)
                app.say(app.catalogue("day.close.done", report.date.iso, report.close?.serial ?? ""))
                return ReceiptPanel(name: "day-" + report.date.iso,
                                    text: report.text(language: app.catalogue.language, operatorNames: (try? desk.operatorNames()) ?? [:]),
                                    titleKey: "day.title")
            })
        default:
            var viewer = shown ?? Self.read(app, hallWide: hallWide, date: date)
            let outcome = viewer.handle(key, app: app)
            shown = viewer
            return outcome
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        (shown ?? Self.read(app, hallWide: hallWide, date: date)).render(on: &screen, in: area, app: app)
    }
}
