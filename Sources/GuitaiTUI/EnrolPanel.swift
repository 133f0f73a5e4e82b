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
            // The confirmation shows everything the enrolment records and lets the grade, date and status change.
            let form = EnrolmentForm(idNumber: citizen.person.id.value, scheme: option.scheme.rawValue,
                                     employer: employer.text.isEmpty ? nil : employer.text, switchPair: switchPair)
            do {
                let (plan, grades) = try desk.previewEnrolment(form)
                return .open(EnrolConfirmPanel(form: form, plan: plan, grades: grades))
            } catch {
                app.say(error)
                return .stay
            }
        default: break
        }
        return .stay
    }

    /// The plan's lines in words: the contribution rule (marked when illustrative), the waiting period, the scheme it
    /// ends, the overlap refund.
    static func describe(_ plan: EnrolmentPlan, _ app: DeskApp) -> [String] {
        var lines: [String] = []
        if let q = plan.contribution {
            lines.append(app.catalogue(q.rule) + (q.isIllustrative ? " " + app.catalogue("source.illustrative") : ""))
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
        // One entry per scheme: its name, open or closed, and the reason or quote wrapped in its own column, so
        // nothing is cut; when the entries outgrow the rows, the list scrolls to keep the chosen one whole.
        let all = options(app)
        let schemeWidth = (all.map { DisplayWidth.of(app.catalogue($0.scheme.label)) }.max() ?? 0) + 2
        let stateWidth = max(DisplayWidth.of(app.catalogue("enrol.open")), DisplayWidth.of(app.catalogue("enrol.closed"))) + 2
        let detailWidth = max(8, area.width - 2 - schemeWidth - stateWidth)
        let entries = all.map { option -> [String] in
            let detail = option.closedBecause.map { app.catalogue($0.message) } ?? (option.plan.map { Self.describe($0, app) } ?? []).first ?? ""
            let first = DisplayWidth.padRight(app.catalogue(option.scheme.label), to: schemeWidth) + DisplayWidth.padRight(
                app.catalogue(option.plan == nil ? "enrol.closed" : "enrol.open"), to: stateWidth)
            return DisplayWidth.wrap(detail, width: detailWidth).enumerated().map { index, part in
                (index == 0 ? first : String(repeating: " ", count: schemeWidth + stateWidth)) + part
            }
        }
        // The rows down to the employer's line; when not every entry fits, the last row says how many are hidden.
        let top = area.y + 2, room = max(1, area.maxY - 1 - top)
        let fitsWhole = entries.reduce(0, { $0 + $1.count }) <= room
        let rows = fitsWhole ? room : max(1, room - 1)
        var first = 0
        while first < selection, entries[first...selection].reduce(0, { $0 + $1.count }) > rows { first += 1 }
        var y = top
        var shown = first
        // Whole entries only, so no reason is shown cut; the chosen one alone may be cut, when it outgrows the list
        // (its reason is whole on the message line).
        for index in first..<entries.count {
            // An entry that does not fit whole ends the list (the first is drawn in any case).
            if index > first && y + entries[index].count > top + rows { break }
            let selected = index == selection
            for (offset, line) in entries[index].enumerated() where y < top + rows {
                let last = offset == entries[index].count - 1 || y == top + rows - 1
                let text = last && offset < entries[index].count - 1 ? line + "~" : line
                if selected { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
                screen.put(DisplayWidth.truncate(text, to: area.width - 2), x: area.x + 1, y: y,
                           role: selected ? .selection : (all[index].plan == nil ? .hint : .normal), limit: area.width - 2)
                y += 1
            }
            shown = index + 1
        }
        let hidden = first + (entries.count - shown)
        if hidden > 0 { screen.put(app.catalogue("enrol.more", String(hidden)), x: area.x + 1, y: y, role: .hint, limit: area.width - 2) }
        return editingEmployer ? (employerCursor, area.maxY - 1) : nil
    }

    /// The chosen scheme's reason or quote in full.
    func status(app: DeskApp) -> (text: String, isError: Bool)? {
        let all = options(app)
        guard all.indices.contains(selection) else { return nil }
        let option = all[selection]
        return (option.closedBecause.map { app.catalogue($0.message) } ?? (option.plan.map { Self.describe($0, app) } ?? []).joined(separator: "；"), option.plan == nil)
    }
}
