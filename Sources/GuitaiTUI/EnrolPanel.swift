import CellText
import GuitaiCore
import GuitaiDesk
import TerminalKit

/// Enrolment for the pinned citizen: the schemes they may join with contribution and subsidy, and why the others are closed.
struct EnrolPanel: Panel {
    let titleKey = "enrol.title"
    var takesText: Bool { editingEmployer }
    var selection = 0
    var switchPair = false
    /// The employer's unified social credit code, asked only for the schemes joined through an employer.
    var employer = TextField(maxLength: 18)
    var editingEmployer = false

    mutating func cancel() -> Bool {
        guard editingEmployer else { return false }
        editingEmployer = false
        return true
    }

    private func options(_ app: DeskApp) -> [EnrolmentOption] {
        guard let desk = app.desk, let citizen = app.citizen else { return [] }
        return (try? desk.enrolmentOptions(idNumber: citizen.person.id.value, switchPair: switchPair, employer: employer.text))
            ?? (try? desk.enrolmentOptions(idNumber: citizen.person.id.value, switchPair: switchPair)) ?? []
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        if editingEmployer {
            if key == .enter || key == .tab {
                editingEmployer = false
                if !employer.text.isEmpty, case .failure(let problem) = SocialCreditCode.parse(employer.text) { app.say(problem) }
            } else {
                _ = employer.handle(key)
            }
            return .stay
        }
        let list = options(app)
        switch key {
        case .character("e"), .character("E"): editingEmployer = true
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(max(0, list.count - 1), selection + 1)
        case .character("s"), .character("S"): switchPair.toggle()
        case .enter:
            guard let desk = app.desk, let citizen = app.citizen, list.indices.contains(selection) else { return .stay }
            let option = list[selection]
            if let closed = option.closedBecause { app.say(app.catalogue(closed.message), error: true); return .stay }
            let id = citizen.person.id.value, scheme = option.scheme.rawValue, switching = switchPair
            let employerCode = employer.text.isEmpty ? nil : employer.text
            let details = describe(option, app)
            return .open(ConfirmPanel(summary: [app.catalogue(option.scheme.label), citizen.person.name + "  " + citizen.person.id.masked]
                                      + details) { app in
                let receipt = try desk.enrol(EnrolmentForm(idNumber: id, scheme: scheme, employer: employerCode, switchPair: switching))
                app.refreshCitizen()
                return ReceiptPanel(name: receipt.serial, text: ([app.catalogue("receipt.title") + "  " + receipt.serial, "",
                                                                   app.catalogue(receipt.plan.enrolment.scheme.label)]
                                                                  + details).joined(separator: "\n"))
            })
        default: break
        }
        return .stay
    }

    private func describe(_ option: EnrolmentOption, _ app: DeskApp) -> [String] {
        guard let plan = option.plan else { return [] }
        var lines: [String] = []
        if let q = plan.contribution {
            lines.append(app.catalogue(q.rule) + "  (" + q.source + ")")
        }
        if let w = plan.waitingPeriod, w.months > 0 { lines.append(app.catalogue(w.reason) + " -> " + w.coverFrom.iso) }
        if let ends = plan.ends { lines.append("-> " + app.catalogue(ends.scheme.label) + " " + ends.on.iso) }
        if let refund = plan.overlapRefund { lines.append("+ " + refund.amount.grouped) }
        return lines
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        guard app.citizen != nil else {
            screen.put(app.catalogue("citizen.none"), x: area.x, y: area.y, role: .error, limit: area.width)
            return nil
        }
        screen.put(app.catalogue("enrol.hint", app.catalogue(switchPair ? "yes" : "no")), x: area.x, y: area.y, role: .hint, limit: area.width)
        screen.put(app.catalogue("enrol.employer"), x: area.x, y: area.maxY - 1, role: .label)
        let employerX = area.x + DisplayWidth.of(app.catalogue("enrol.employer")) + 1
        let employerCursor = employer.render(on: &screen, x: employerX, y: area.maxY - 1, width: 20, focused: editingEmployer)
        // One row per scheme; the chosen one's reason or quote is shown in full on the message line.
        for (index, option) in options(app).enumerated() {
            let y = area.y + 2 + index
            let selected = index == selection
            if selected { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            let state = app.catalogue(option.plan == nil ? "enrol.closed" : "enrol.open")
            let detail = option.closedBecause.map { app.catalogue($0.message) } ?? describe(option, app).first ?? ""
            let line = DisplayWidth.padRight(app.catalogue(option.scheme.label), to: 22) + DisplayWidth.padRight(state, to: 10) + detail
            screen.put(DisplayWidth.truncate(line, to: area.width - 2), x: area.x + 1, y: y,
                       role: selected ? .selection : (option.plan == nil ? .hint : .normal), limit: area.width - 2)
        }
        return editingEmployer ? (employerCursor, area.maxY - 1) : nil
    }

    /// The chosen scheme's reason or quote in full.
    func status(app: DeskApp) -> (text: String, isError: Bool)? {
        let all = options(app)
        guard all.indices.contains(selection) else { return nil }
        let option = all[selection]
        return (option.closedBecause.map { app.catalogue($0.message) } ?? describe(option, app).joined(separator: "；"), option.plan == nil)
    }
}
