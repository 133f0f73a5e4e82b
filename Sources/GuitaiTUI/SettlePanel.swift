import CellText
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit

/// One-stop settlement for the pinned citizen: items typed as `name category amount`, live totals from a preview,
/// F9 settles after a confirmation, and the three-layer slip is the receipt. A discharge bill of forty lines scrolls:
/// Up and Down walk the items, Enter on one brings it back to the entry line to edit, Del removes it.
struct SettlePanel: Panel {
    let titleKey = "settle.title"
    var takesText: Bool { true }
    var visit: VisitType = .outpatient
    var level: HospitalLevel = .one
    var major = false
    var items: [BillItem] = []
    var entry = TextField(maxLength: 60)
    /// The item the clerk moved onto (nil: the entry line).
    var chosen: Int?
    /// The item being edited on the entry line, replaced when Enter takes the entry.
    var editing: Int?

    var hasUnsavedWork: Bool { !items.isEmpty || !entry.text.isEmpty }

    /// After the settlement: the next bill starts empty, with the same visit, level and major-illness choice.
    mutating func didCommit() {
        items = []
        entry.set("")
        chosen = nil
        editing = nil
    }

    /// Esc while an item is being edited or chosen puts it back as it was and returns to the entry line.
    mutating func cancel() -> Bool {
        guard chosen != nil || editing != nil else { return false }
        if editing != nil { entry.set("") }
        chosen = nil
        editing = nil
        return true
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        // Without a citizen the screen shows nothing of the bill, so nothing may change it.
        guard app.citizen != nil else { return .stay }
        switch key {
        case .control("v"): visit = visit == .outpatient ? .inpatient : .outpatient
        case .control("l"): level = HospitalLevel(rawValue: level.rawValue % 3 + 1) ?? .one
        case .control("o"): major.toggle()
        case .up: if !items.isEmpty { chosen = max(0, (chosen ?? items.count) - 1) }
        case .down: if let index = chosen { chosen = index + 1 < items.count ? index + 1 : nil }
        case .pageUp: if !items.isEmpty { chosen = max(0, (chosen ?? items.count) - 10) }
        case .pageDown: if let index = chosen { chosen = index + 10 < items.count ? index + 10 : nil }
        case .delete where chosen != nil:
            if let index = chosen {
                items.remove(at: index)
                if let edited = editing {
                    // The item on the entry line was the one removed: its text goes with it.
                    if edited == index { entry.set("") }
                    editing = edited == index ? nil : (edited > index ? edited - 1 : edited)
                }
                chosen = items.isEmpty ? nil : min(index, items.count - 1)
            }
        case .enter:
            if let index = chosen {
                // The chosen item back on the entry line, to be corrected and taken again with Enter; a line being
                // typed is never overwritten.
                guard entry.text.isEmpty || editing != nil else {
                    app.say(app.catalogue("settle.entry.busy"), error: true)
                    return .stay
                }
                let item = items[index]
                entry.set(item.name + " " + item.category.rawValue + " " + item.amount.plain)
                editing = index
                chosen = nil
                return .stay
            }
            switch BillLine.parse(entry.text) {
            case .success(let item):
                if let index = editing, items.indices.contains(index) { items[index] = item } else { items.append(item) }
                editing = nil
                entry.set("")
            case .failure(let problem): app.say(problem)
            }
        case .function(9), .control("w"):
            guard let desk = app.desk, let citizen = app.citizen, !items.isEmpty else { return .stay }
            // On a laptop F9 shows the preview slip, marked as one; settling is the hall's.
            if desk.store.hall.isOutreach {
                do {
                    let preview = try desk.settle(settleForm(citizen), preview: true, language: app.catalogue.language)
                    app.say(Outreach.needsHall(Bilingual(zh: "医疗费用结算（这是试算）", en: "settling a bill (this is a preview)")))
                    return .open(ReceiptPanel(name: "preview", text: preview.slip))
                } catch {
                    app.say(error)
                    return .stay
                }
            }
            let form = settleForm(citizen)
            do {
                let r = try desk.settle(form, preview: true, language: app.catalogue.language).result
                let c = app.catalogue
                let summary = [c("settle.title"), "", citizen.person.name + "  " + citizen.person.id.masked,
                               [c(r.bill.visit.label), c(r.bill.level.label), r.bill.major ? c("settle.major.flag") : ""].joined(separator: "  "),
                               c("settle.count", String(items.count))]
                    + Self.coverWarning(r.cover, c)
                    + [
                               "", c("settle.totals", r.total.grouped, (r.basicPaid + r.criticalIllnessPaid + r.assistancePaid).grouped,
                                     r.personal.total.grouped)]
                return .open(ConfirmPanel(summary: summary) { app in
                    let receipt = try desk.settle(form, language: app.catalogue.language)
                    return ReceiptPanel(name: receipt.serial ?? "slip", text: receipt.slip)
                })
            } catch {
                app.say(error)
            }
        default:
            chosen = nil
            _ = entry.handle(key)
        }
        return .stay
    }

    /// What the confirmation says when the funds will not pay: not insured, or inside the waiting period.
    private static func coverWarning(_ cover: MedicalCover, _ c: Catalogue) -> [String] {
        switch cover {
        case .covered: return []
        case .notEnrolled: return [c("settle.uninsured")]
        case .waiting(let until): return [c("settle.waiting", until.iso)]
        }
    }

    private func settleForm(_ citizen: PersonDetails) -> SettleForm {
        SettleForm(idNumber: citizen.person.id.value, visit: visit, level: level, major: major, items: items)
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let c = app.catalogue
        guard let citizen = app.citizen else {
            screen.put(c("citizen.none"), x: area.x, y: area.y, role: .error, limit: area.width)
            return nil
        }
        // On an outreach laptop the totals are a preview: settling is the hall's, and the hint says so.
        screen.put(c(app.desk?.store.hall.isOutreach == true ? "settle.hint.laptop" : "settle.hint"), x: area.x, y: area.y, role: .hint,
                   limit: area.width)
        let options = [c("settle.visit", c(visit.label)), c("settle.level", c(level.label)), c("settle.major", c(major ? "yes" : "no"))]
        // Each option whole with its state, on a second row when the language's words need it.
        let optionRows = screen.flow(options, x: area.x, y: area.y + 1, width: area.width, role: .label)
        let top = area.y + optionRows + 2
        let heading = c("settle.items") + "  " + c("settle.count", String(items.count))
            + (chosen.map { "  " + c("settle.at", String($0 + 1)) } ?? "")
        screen.put(heading, x: area.x, y: top, role: .label, limit: area.width)
        // The items: a window that follows the chosen one, the newest shown while typing.
        let rows = max(1, area.maxY - 4 - (top + 1))
        let focus = chosen ?? editing ?? (items.count - 1)
        let first = max(0, min(focus - rows + 1, items.count - rows))
        let amountRight = area.x + min(50, area.width - 2)
        for (offset, item) in items.dropFirst(first).prefix(rows).enumerated() {
            let index = first + offset
            let y = top + 1 + offset
            let selected = index == chosen || index == editing
            if selected { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            let number = String(index + 1)
            let line = String(repeating: " ", count: max(0, 3 - number.count)) + number + " "
                + DisplayWidth.padRight(DisplayWidth.truncate(item.name, to: 28), to: 30) + item.category.rawValue
            let role: CellRole = selected ? .selection : .normal
            screen.put(line, x: area.x, y: y, role: role, limit: area.width)
            let amount = item.amount.grouped
            screen.put(amount, x: amountRight - DisplayWidth.of(amount), y: y, role: selected ? .selection : .amount)
        }
        if first > 0 || first + rows < items.count {
            screen.put(c("settle.more", String(first), String(max(0, items.count - first - rows))), x: amountRight + 2, y: top,
                       role: .hint, limit: area.maxX - amountRight - 2)
        }
        let entryY = top + 1 + min(items.count, rows)
        screen.put(editing.map { String($0 + 1) + ">" } ?? ">", x: area.x, y: entryY, role: .label)
        let entryX = area.x + 4
        let column = entry.render(on: &screen, x: entryX, y: entryY, width: min(50, area.width - 4), focused: chosen == nil)
        screen.paragraph(c(editing == nil ? "settle.add" : "settle.editing"), x: entryX, y: entryY + 1, width: area.width - 4,
                         maxRows: 1, role: .hint)
        // Live totals: the same computation as the slip, recording nothing.
        if !items.isEmpty, let desk = app.desk,
           let preview = try? desk.settle(settleForm(citizen), preview: true, language: c.language) {
            let r = preview.result
            let funds = r.basicPaid + r.criticalIllnessPaid + r.assistancePaid
            screen.put(c("settle.totals", r.total.grouped, funds.grouped, r.personal.total.grouped), x: area.x, y: area.maxY - 1,
                       role: .amount, limit: area.width)
        }
        return chosen == nil ? (column, entryY) : nil
    }
}
