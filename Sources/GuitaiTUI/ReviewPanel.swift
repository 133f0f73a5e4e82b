import CellText
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit

/// The review queue (supervisor): laptop work the hall could not apply as it came, the laptop's version beside the
/// hall's. H keeps the hall's, L the laptop's, B both (different people), J rejects; each decision is confirmed,
/// journaled and given a receipt naming who decided.
struct ReviewPanel: Panel {
    let titleKey = "review.title"
    var takesText: Bool { false }
    var parksWhenLeft: Bool { false }
    var selection = 0

    /// The catalogue key of a reason's words.
    static func reasonKey(_ reason: String) -> String { "review.reason." + reason }

    /// The columns shown side by side for each kind of record: what a supervisor compares.
    private static let columns: [String: [String]] = [
        "persons": ["name", "id_number", "region_code", "phone", "address", "household"],
        "cards": ["number", "state", "state_since"],
        "ecards": ["status", "status_since", "phone"],
        "enrolments": ["scheme", "status", "from_date", "to_date"],
        "certifications": ["certified_on", "method"],
        "deaths": ["died_on"],
        "benefits": ["monthly_fen", "start_month"],
    ]

    private func items(_ app: DeskApp) -> Result<[ReviewItem], Error> {
        guard let desk = app.desk else { return .success([]) }
        do { return .success(try desk.reviews()) } catch { return .failure(error) }
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard let desk = app.desk, case .success(let list) = items(app), !list.isEmpty else { return .stay }
        selection = min(selection, list.count - 1)
        let item = list[selection]
        let decision: ReviewDecision
        switch key {
        case .up: selection = max(0, selection - 1); return .stay
        case .down: selection = min(list.count - 1, selection + 1); return .stay
        case .character("h"), .character("H"): decision = .hall
        case .character("l"), .character("L"): decision = .laptop
        case .character("b"), .character("B"): decision = .both
        case .character("j"), .character("J"): decision = .reject
        default: return .stay
        }
        let c = app.catalogue
        return .open(ConfirmPanel(summary: [c("review.confirm", String(item.uuid.prefix(8)), c("review.decision." + decision.rawValue)),
                                            item.serials.joined(separator: " ")]) { app in
            let (decided, serial) = try desk.decideReview(item.uuid, decision: decision)
            return ProcedurePanels.receipt(app, serial, procedureKey: "review.decided", fields: [
                ProcedurePanels.field(app, "review.item", String(decided.uuid.prefix(8)) + "  " + decided.serials.joined(separator: " ")),
                ProcedurePanels.field(app, "review.reason", c(Self.reasonKey(decided.reason))),
                ProcedurePanels.field(app, "review.decision", c("review.decision." + decision.rawValue)),
                ProcedurePanels.field(app, "review.by", "\(desk.account.name) (\(desk.account.id))"),
            ], citizen: false)
        })
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let c = app.catalogue
        let list: [ReviewItem]
        switch items(app) {
        case .failure(let error):
            screen.paragraph((error as? DomainError).map { c($0.message) } ?? "\(error)", x: area.x, y: area.y, width: area.width, role: .error)
            return nil
        case .success(let found): list = found
        }
        screen.paragraph(c("review.hint"), x: area.x, y: area.y, width: area.width, maxRows: 2, role: .hint)
        guard !list.isEmpty else {
            screen.put(c("review.empty"), x: area.x, y: area.y + 3, role: .hint, limit: area.width)
            return nil
        }
        let chosen = min(selection, list.count - 1)
        // The queue: a few rows, the chosen one kept in view.
        let rows = min(list.count, 4)
        let start = max(0, min(chosen - rows + 1, list.count - rows))
        // Serials are as long as the hall code and the device make them: the column fits the longest.
        let serialWidth = (list.map { DisplayWidth.of($0.serials.first ?? "") }.max() ?? 0) + 2
        for (offset, item) in list.dropFirst(start).prefix(rows).enumerated() {
            let y = area.y + 2 + offset, selected = start + offset == chosen
            if selected { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            let text = DisplayWidth.padRight(String(item.uuid.prefix(8)), to: 10) + DisplayWidth.padRight(item.device, to: 6)
                + DisplayWidth.padRight(item.serials.first ?? "", to: serialWidth) + c(Self.reasonKey(item.reason))
            screen.put(text, x: area.x + 1, y: y, role: selected ? .selection : .normal, limit: area.width - 2)
        }
        // Whose records they are, then side by side: the field, the laptop's value, the hall's.
        let item = list[chosen]
        var y = area.y + 3 + rows
        if let person = app.desk.flatMap({ try? $0.person(of: item) }) {
            screen.put(c("review.person", person.name, person.id.masked), x: area.x, y: y - 1, role: .label, limit: area.width)
            y += 1
        }
        let labelWidth = 14, half = (area.width - labelWidth) / 2
        screen.put(DisplayWidth.padRight("", to: labelWidth) + DisplayWidth.padRight(c("review.laptop"), to: half) + c("review.hall"),
                   x: area.x, y: y, role: .label, limit: area.width)
        y += 1
        for row in item.laptop where y < area.maxY && row.table != "outreach_event_transactions" {
            // The hall's row of the same key; for a person registered twice, the hall's record of the person.
            let hall = (item.hall.first { $0.table == row.table && $0.key == row.key }
                        ?? item.hall.first { $0.table == row.table && (row.table == "persons" || $0.values?["person_uuid"] == row.values?["person_uuid"]) })?.values
            for column in Self.columns[row.table] ?? [] where y < area.maxY {
                let mine = Self.shown(row.values?[column], c), theirs = Self.shown(hall?[column], c)
                guard !mine.isEmpty || !theirs.isEmpty else { continue }
                let label = c("review.column." + column)
                screen.put(DisplayWidth.padRight(DisplayWidth.truncate(label, to: labelWidth - 1), to: labelWidth)
                           + DisplayWidth.padRight(DisplayWidth.truncate(mine, to: half - 1), to: half)
                           + DisplayWidth.truncate(theirs, to: half - 1),
                           x: area.x, y: y, role: mine == theirs ? .normal : .error, limit: area.width)
                y += 1
            }
        }
        if !item.detail.isEmpty, y < area.maxY {
            screen.put(c(Outreach.detailWords(item.detail)), x: area.x, y: y, role: .hint, limit: area.width)
        }
        return nil
    }

    /// A stored value as the desk words it elsewhere: a scheme, a state, a household in the screen's language.
    private static func shown(_ value: RowValue?, _ c: Catalogue) -> String {
        switch value {
        case .int(let number): return String(number)
        case .text(let text):
            let label = Scheme(rawValue: text)?.label ?? Household(rawValue: text)?.label ?? EnrolmentStatus(rawValue: text)?.label
                ?? PhysicalCardState(rawValue: text)?.label ?? ECardStatus(rawValue: text)?.label ?? CertificationMethod(rawValue: text)?.label
            return label.map { c($0) } ?? text
        case .null, nil: return ""
        }
    }
}
