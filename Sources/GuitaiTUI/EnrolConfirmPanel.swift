import CellText
import GuitaiCore
import GuitaiDesk
import TerminalKit

/// The enrolment's confirmation: everything the enrolment will record, recomputed as the clerk changes it. Left and
/// Right choose the pension grade (its personal part, subsidy and 代缴 shown), D types another start date (back-dating
/// as far as the policy allows), T switches an employee between in service and retired. Enter writes, Esc goes back.
struct EnrolConfirmPanel: Panel {
    let titleKey = "confirm.title"
    var takesText: Bool { dateField != nil }
    var parksWhenLeft: Bool { false }
    var form: EnrolmentForm
    /// What the form would record now, and the grades the scheme offers (empty: none to choose).
    var plan: EnrolmentPlan
    var grades: [Money]
    /// The start date being typed, while D is open.
    var dateField: TextField?

    init(form: EnrolmentForm, plan: EnrolmentPlan, grades: [Money]) {
        self.form = form
        self.plan = plan
        self.grades = grades
    }

    mutating func cancel() -> Bool {
        guard dateField != nil else { return false }
        dateField = nil
        return true
    }

    /// Recomputes the plan for a changed form; a refusal is said and the form stays as it was.
    private mutating func change(_ changed: EnrolmentForm, app: DeskApp) {
        guard let desk = app.desk else { return }
        do {
            (plan, grades) = try desk.previewEnrolment(changed)
            form = changed
        } catch {
            app.say(error)
        }
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        if var field = dateField {
            guard key == .enter else {
                _ = field.handle(key)
                dateField = field
                return .stay
            }
            if let problem = FieldChecks.date(field.text) {
                app.say(app.catalogue("field.problem", app.catalogue("enrol.from"), app.catalogue(problem.message)), error: true)
                return .stay
            }
            dateField = nil
            var changed = form
            changed.from = field.text.trimmingSpaces
            change(changed, app: app)
            return .stay
        }
        switch key {
        case .left, .right:
            guard !grades.isEmpty else { return .stay }
            let current = plan.contribution?.yearly ?? grades[0]
            let index = grades.firstIndex(of: current) ?? 0
            let next = key == .right ? min(grades.count - 1, index + 1) : max(0, index - 1)
            var changed = form
            changed.grade = grades[next].plain
            change(changed, app: app)
        case .character("d"), .character("D"):
            dateField = TextField(plan.enrolment.from.iso, maxLength: 10)
        case .character("t"), .character("T"):
            guard form.scheme == Scheme.employeeMedical.rawValue else { return .stay }
            var changed = form
            changed.status = plan.enrolment.employmentStatus == .retired ? EmploymentStatus.inService.rawValue : EmploymentStatus.retired.rawValue
            change(changed, app: app)
        case .enter:
            guard let desk = app.desk else { return .stay }
            do {
                let receipt = try desk.enrol(form)
                return .committed(receipt: Self.receipt(receipt, app: app))
            } catch {
                app.say(error)
                return .back
            }
        default: break
        }
        return .stay
    }

    /// The enrolment's receipt: scheme, dates, what the citizen pays and what is paid for them, employer, notes.
    static func receipt(_ receipt: EnrolmentReceipt, app: DeskApp) -> any Panel {
        let e = receipt.plan.enrolment
        let f = { (key: String, value: String) in ProcedurePanels.field(app, key, value) }
        var fields = [f("receipt.scheme", app.catalogue(e.scheme.label)), f("receipt.enrol.from", e.from.iso),
                      f("receipt.enrol.cover", e.coverFrom.iso)]
        if let q = receipt.plan.contribution {
            if q.yearly != q.personal { fields.append(f("enrol.grade", q.yearly.grouped)) }
            fields.append(f("receipt.enrol.personal", q.personal.grouped))
            if q.subsidy.fen > 0 { fields.append(f("receipt.enrol.subsidy", q.subsidy.grouped)) }
            if q.paidOnBehalf.fen > 0 { fields.append(f("receipt.enrol.behalf", q.paidOnBehalf.grouped)) }
        }
        if let status = e.employmentStatus { fields.append(f("enrol.status", app.catalogue("enrol.status." + status.rawValue))) }
        if let employer = e.employer { fields.append(f("receipt.enrol.employer", employer.value)) }
        fields += EnrolPanel.describe(receipt.plan, app).map { CounterReceipt.Field(app.catalogue("receipt.note"), $0) }
        return ProcedurePanels.receipt(app, receipt.serial, procedureKey: "receipts.kind.enrol", fields: fields,
                                       next: [app.catalogue("next.enrol")])
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let c = app.catalogue
        let e = plan.enrolment
        var lines: [(String, String)] = [(c("receipt.scheme"), c(e.scheme.label))]
        if let citizen = app.citizen { lines.append((c("register.name"), citizen.person.name + "  " + citizen.person.id.masked)) }
        lines.append((c("enrol.from"), e.from.iso + "   " + c("enrol.from.key")))
        lines.append((c("receipt.enrol.cover"), e.coverFrom.iso))
        if let q = plan.contribution {
            if !grades.isEmpty {
                // Every grade in whole yuan, the chosen one in brackets.
                let list = grades.map { grade -> String in
                    let yuan = grade.fen % 100 == 0 ? String(grade.fen / 100) : grade.plain
                    return grade == q.yearly ? "[" + yuan + "]" : yuan
                }
                lines.append((c("enrol.grade"), q.yearly.grouped + "   " + c("enrol.grade.key", list.joined(separator: " "))))
            }
            var money = c("receipt.enrol.personal") + " " + q.personal.grouped
            if q.subsidy.fen > 0 { money += "  " + c("receipt.enrol.subsidy") + " " + q.subsidy.grouped }
            if q.paidOnBehalf.fen > 0 { money += "  " + c("receipt.enrol.behalf") + " " + q.paidOnBehalf.grouped }
            lines.append((c("enrol.contribution"), money))
        }
        if form.scheme == Scheme.employeeMedical.rawValue {
            let status = e.employmentStatus ?? .inService
            lines.append((c("enrol.status"), c("enrol.status." + status.rawValue) + "   " + c("enrol.status.key")))
        }
        if let employer = e.employer { lines.append((c("receipt.enrol.employer"), employer.value)) }
        lines.append((c("enrol.switch"), c(form.switchPair ? "yes" : "no")))
        for note in EnrolPanel.describe(plan, app) { lines.append((c("receipt.note"), note)) }
        let labelWidth = min(area.width / 3, lines.map { DisplayWidth.of($0.0) }.max() ?? 0) + 2
        var y = area.y
        var cursor: (x: Int, y: Int)?
        for (label, value) in lines where y < area.maxY - 2 {
            screen.put(label, x: area.x, y: y, role: .label, limit: labelWidth)
            if label == c("enrol.from"), let dateField {
                cursor = (dateField.render(on: &screen, x: area.x + labelWidth, y: y, width: 12, focused: true), y)
                y += 1
                continue
            }
            y += screen.paragraph(value, x: area.x + labelWidth, y: y, width: area.width - labelWidth, maxRows: 2, indent: 0)
        }
        var hint = c("enrol.confirm.hint")
        if !grades.isEmpty { hint += c("enrol.confirm.grade") }
        if form.scheme == Scheme.employeeMedical.rawValue { hint += c("enrol.confirm.status") }
        screen.paragraph(hint, x: area.x, y: y + 1, width: area.width, maxRows: 2, role: .hint)
        return cursor
    }
}
