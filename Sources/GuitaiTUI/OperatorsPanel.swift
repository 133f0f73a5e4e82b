import CellText
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit

/// The hall's operators, for the administrator at the desk as on the command line (`operator add|list|disable|enable|
/// unlock|reset-password`), and for the trainer on a training store (the trainees): who they are, their role, whether
/// they are disabled or locked, when last seen; each change confirmed, journaled and given a receipt.
struct OperatorsPanel: Panel {
    let titleKey = "operators.title"
    var takesText: Bool { form != nil }
    var selection = 0
    /// The form being typed: a new operator (A), or a new password typed twice (P).
    var form: Form?
    /// The operator whose password the form resets, taken when P was pressed (the list is not read per keystroke); nil
    /// while a new operator is being added.
    var resetting: Operator?

    mutating func cancel() -> Bool {
        guard form != nil else { return false }
        form = nil
        return true
    }

    /// A password being typed never waits in a parked screen.
    mutating func willPark() { form = nil }

    /// The roles an operator may be given here, as typed: the product's role codes.
    private static let roles = Role.allCases.map(\.rawValue)

    private static func addForm() -> Form {
        Form([Form.Field(labelKey: "login.operator", field: TextField(maxLength: 32), check: { Operator.validateID($0) }),
              Form.Field(labelKey: "operators.name", field: TextField(maxLength: 40), check: { StoredText.refusal(of: $0, as: .name) }),
              Form.Field(labelKey: "operators.role.code", field: TextField(maxLength: 12), check: { text in
                  roles.contains(text.trimmingSpaces) ? nil
                      : DomainError(.usage, code: "bad-role", zh: "角色应为 \(roles.joined(separator: "、")) 之一",
                                    en: "The role is one of \(roles.joined(separator: ", "))")
              }),
              Form.Field(labelKey: "operators.password", field: TextField(maxLength: 64), secret: true, check: { Operator.validatePassword($0) }),
              Form.Field(labelKey: "operators.password.again", field: TextField(maxLength: 64), secret: true)])
    }

    private func standings(_ app: DeskApp) -> Result<[OperatorStanding], Error> {
        guard let desk = app.desk else { return .success([]) }
        do { return .success(try desk.listOperators()) } catch { return .failure(error) }
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard let desk = app.desk else { return .stay }
        if var typed = form {
            guard app.submitted(typed.handle(key)), typed.confirms(typed.fields.count - 2, again: typed.fields.count - 1, app: app) else {
                form = typed
                return .stay
            }
            form = nil
            guard let chosen = resetting else {
                let (id, name, password) = (typed[0].trimmingSpaces, typed[1], typed[3])
                let role = Role(rawValue: typed[2].trimmingSpaces) ?? .clerk
                let account = Operator(id: id, name: name, role: role)
                return .open(ConfirmPanel(summary: [app.catalogue("operators.add.confirm", id, name, app.catalogue(role.label))]) { app in
                    let serial = try desk.addOperator(id: id, name: name, role: role, password: password)
                    return Self.receipt(app, serial, "operators.add", account)
                })
            }
            let password = typed[0]
            return .open(ConfirmPanel(summary: [app.catalogue("operators.reset.confirm", chosen.id, chosen.name)]) { app in
                let serial = try desk.resetOperatorPassword(chosen.id, password: password)
                return Self.receipt(app, serial, "operators.reset", chosen)
            })
        }
        guard case .success(let list) = standings(app), !list.isEmpty else { return .stay }
        selection = min(selection, list.count - 1)
        let chosen = list[selection].account
        switch key {
        case .up: selection = max(0, selection - 1)
        case .down: selection = min(list.count - 1, selection + 1)
        case .character("d"), .character("D"), .character("e"), .character("E"):
            let disable = key == .character("d") || key == .character("D")
            let action = disable ? "operators.disable" : "operators.enable"
            return .open(ConfirmPanel(summary: [app.catalogue(action + ".confirm", chosen.id, chosen.name)]) { app in
                let serial = try desk.setOperatorDisabled(chosen.id, disable)
                return Self.receipt(app, serial, action, chosen)
            })
        case .character("u"), .character("U"):
            guard list[selection].lockedUntil != nil else {
                app.say(app.catalogue("operators.not.locked", chosen.id), error: true)
                return .stay
            }
            return .open(ConfirmPanel(summary: [app.catalogue("operators.unlock.confirm", chosen.id, chosen.name)]) { app in
                let serial = try desk.unlockOperator(chosen.id)
                return Self.receipt(app, serial, "operators.unlock", chosen)
            })
        case .character("a"), .character("A"):
            resetting = nil
            form = Self.addForm()
        case .character("p"), .character("P"):
            resetting = chosen
            form = Form([Form.Field(labelKey: "operators.password", field: TextField(maxLength: 64), secret: true,
                                           check: { Operator.validatePassword($0) }),
                                Form.Field(labelKey: "operators.password.again", field: TextField(maxLength: 64), secret: true)])
        default: break
        }
        return .stay
    }

    private static func receipt(_ app: DeskApp, _ serial: String, _ action: String, _ account: Operator) -> any Panel {
        ProcedurePanels.receipt(app, serial, procedureKey: action, fields: [
            ProcedurePanels.field(app, "login.operator", account.id), ProcedurePanels.field(app, "operators.name", account.name),
            ProcedurePanels.field(app, "operators.role", app.catalogue(account.role.label)),
        ], citizen: false)
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let c = app.catalogue
        let list: [OperatorStanding]
        switch standings(app) {
        case .failure(let error):
            screen.paragraph((error as? DomainError).map { c($0.message) } ?? "\(error)", x: area.x, y: area.y, width: area.width,
                             role: .error)
            return nil
        case .success(let found): list = found
        }
        screen.paragraph(c("operators.hint"), x: area.x, y: area.y, width: area.width, maxRows: 2, role: .hint)
        let now = app.clock.secondsSince1970()
        let rows = max(1, area.height - (form == nil ? 3 : 5 + (form?.fields.count ?? 0)))
        let start = max(0, min(selection - rows + 1, list.count - rows))
        // Columns as wide as their widest entry (in cells), so a long role or name never runs into the next.
        let idWidth = (list.map { DisplayWidth.of($0.account.id) }.max() ?? 0) + 2
        let nameWidth = (list.map { DisplayWidth.of($0.account.name) }.max() ?? 0) + 2
        let roleWidth = (list.map { DisplayWidth.of(c($0.account.role.label)) }.max() ?? 0) + 2
        for (offset, standing) in list.dropFirst(start).prefix(rows).enumerated() {
            let index = start + offset, y = area.y + 3 + offset
            let a = standing.account
            var state = c(standing.disabled ? "operators.disabled" : "operators.enabled")
            if let until = standing.lockedUntil {
                state += "  " + c("operators.locked", ChinaTime.clock(until), String(max(1, (until - now + 59) / 60)))
            }
            let seen = standing.lastSeen.map { ChinaTime.date($0).iso } ?? c("none")
            let line = DisplayWidth.padRight(a.id, to: idWidth) + DisplayWidth.padRight(a.name, to: nameWidth)
                + DisplayWidth.padRight(c(a.role.label), to: roleWidth) + DisplayWidth.padRight(seen, to: 12) + state
            let selected = index == min(selection, list.count - 1)
            if selected { screen.fill(Rect(x: area.x, y: y, width: area.width, height: 1), role: .selection) }
            screen.put(line, x: area.x + 1, y: y, role: selected ? .selection : (standing.lockedUntil != nil || standing.disabled ? .error : .normal),
                       limit: area.width - 2)
        }
        guard let form else { return nil }
        return form.render(on: &screen, x: area.x, y: area.maxY - 2 - form.fields.count, width: min(60, area.width), catalogue: c)
    }
}
