import CellText
import GuitaiCore
import GuitaiDesk
import TerminalKit

/// One-stop settlement for the pinned citizen: items typed as `name category amount`, live totals from a preview,
/// F9 settles after a confirmation, and the three-layer slip is the receipt.
struct SettlePanel: Panel {
    let titleKey = "settle.title"
    var takesText: Bool { true }
    var visit: VisitType = .outpatient
    var level: HospitalLevel = .one
    var major = false
    var items: [BillItem] = []
    var entry = TextField(maxLength: 60)

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        switch key {
        case .control("v"): visit = visit == .outpatient ? .inpatient : .outpatient
        case .control("l"): level = HospitalLevel(rawValue: level.rawValue % 3 + 1)!
        case .control("o"): major.toggle()
        case .delete where entry.text.isEmpty: if !items.isEmpty { items.removeLast() }
        case .enter:
            switch Self.parse(entry.text) {
            case .success(let item): items.append(item); entry.set("")
            case .failure(let problem): app.say(problem)
            }
        case .function(9), .control("w"):
            guard let desk = app.desk, let citizen = app.citizen, !items.isEmpty else { return .stay }
            let form = settleForm(citizen)
            do {
                let r = try desk.settle(form, preview: true, language: app.catalogue.language).result
                let c = app.catalogue
                let summary = [c("settle.title"), "", citizen.person.name + "  " + citizen.person.id.masked,
                               [c(r.bill.visit.label), c(r.bill.level.label), r.bill.major ? c("settle.major.flag") : ""].joined(separator: "  "),
                               "", c("settle.totals", r.total.grouped, (r.basicPaid + r.criticalIllnessPaid + r.assistancePaid).grouped,
                                     r.personal.total.grouped)]
                return .open(ConfirmPanel(summary: summary) { app in
                    let receipt = try desk.settle(form, language: app.catalogue.language)
                    app.refreshCitizen()
                    return ReceiptPanel(name: receipt.serial ?? "slip", text: receipt.slip)
                })
            } catch {
                app.say(error)
            }
        default:
            _ = entry.handle(key)
        }
        return .stay
    }

    private func settleForm(_ citizen: PersonDetails) -> SettleForm {
        let json = JSONValue.array(items.map { ["name": .string($0.name), "category": .string($0.category.rawValue), "amount": .money($0.amount)] })
        return SettleForm(idNumber: citizen.person.id.value, visit: visit.rawValue, level: String(level.rawValue), major: major,
                          itemsJSON: json.rendered())
    }

    /// `药品 B 120.50`: the last word is the amount, the one before the category, the rest the name.
    static func parse(_ text: String) -> Result<BillItem, DomainError> {
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 3, let category = ItemCategory(rawValue: words[words.count - 2].uppercased()),
              let amount = Money(yuan: words[words.count - 1]), amount.fen > 0, amount <= Bill.maximumItem else {
            return .failure(.refused("bad-item", zh: "明细写法：名称 类别(A/B/C) 金额，如“药品 B 120.50”",
                                     en: "Write an item as: name category(A/B/C) amount, e.g. \"medicine B 120.50\""))
        }
        return .success(BillItem(name: words.dropLast(2).joined(separator: " "), category: category, amount: amount))
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let c = app.catalogue
        guard let citizen = app.citizen else {
            screen.put(c("citizen.none"), x: area.x, y: area.y, role: .error, limit: area.width)
            return nil
        }
        screen.put(c("settle.hint"), x: area.x, y: area.y, role: .hint, limit: area.width)
        let options = [c("settle.visit", c(visit.label)), c("settle.level", c(level.label)), c("settle.major", c(major ? "yes" : "no"))]
        screen.put(options.joined(separator: "   "), x: area.x, y: area.y + 1, role: .label, limit: area.width)
        screen.put(c("settle.items"), x: area.x, y: area.y + 3, role: .label)
        let rows = max(0, area.height - 9)
        for (index, item) in items.suffix(rows).enumerated() {
            let amount = item.amount.grouped
            let line = DisplayWidth.padRight(DisplayWidth.truncate(item.name, to: 30), to: 32) + item.category.rawValue
            screen.put(line, x: area.x + 2, y: area.y + 4 + index)
            screen.put(amount, x: area.x + 50 - DisplayWidth.of(amount), y: area.y + 4 + index, role: .amount)
        }
        let entryY = area.y + 4 + min(items.count, rows)
        screen.put(">", x: area.x, y: entryY, role: .label)
        let column = entry.render(on: &screen, x: area.x + 2, y: entryY, width: min(50, area.width - 2), focused: true)
        screen.put(c("settle.add"), x: area.x + 2, y: entryY + 1, role: .hint, limit: area.width - 2)
        // Live totals: the same computation as the slip, recording nothing.
        if !items.isEmpty, let desk = app.desk,
           let preview = try? desk.settle(settleForm(citizen), preview: true, language: c.language) {
            let r = preview.result
            let funds = r.basicPaid + r.criticalIllnessPaid + r.assistancePaid
            screen.put(c("settle.totals", r.total.grouped, funds.grouped, r.personal.total.grouped), x: area.x, y: area.maxY - 1,
                       role: .amount, limit: area.width)
        }
        return (column, entryY)
    }
}
