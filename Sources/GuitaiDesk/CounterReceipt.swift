import CellText
import GuitaiCore

/// A counter receipt (回执) as 80-column plain text, the same on the screen, on paper and in the archive: the hall,
/// window, serial, date and time, operator, the citizen by name and masked ID number, what was done with each value
/// labelled, and what the citizen does next; `[培训模式]` on every receipt of a training store. The settlement slip
/// has its own layout (`SettlementSlip`).
public struct CounterReceipt: Sendable {
    /// One labelled value: 社保卡卡号 A12345678.
    public struct Field: Sendable, Equatable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    /// What was done, in the receipt's language (社保卡登记).
    public var procedure: String
    public var serial: String
    public var hallName: String
    /// The counter window, as the operator's session names it (`3`).
    public var window: String
    public var date: LocalDate
    /// Wall time in seconds since 1970, shown as China Standard Time (UTC+8, the one time zone the halls keep).
    public var secondsSince1970: Int64
    public var operatorName: String
    public var operatorID: String
    /// The citizen served, by name and masked ID number; nil for business of no one person (a batch import).
    public var citizen: (name: String, maskedID: String)?
    public var fields: [Field]
    /// What the citizen does next, one sentence a line; empty when nothing is left to do.
    public var next: [String]
    public var isTraining: Bool

    public init(procedure: String, serial: String, hallName: String, window: String, date: LocalDate, secondsSince1970: Int64,
                operatorName: String, operatorID: String, citizen: (name: String, maskedID: String)?, fields: [Field],
                next: [String], isTraining: Bool) {
        self.procedure = procedure
        self.serial = serial
        self.hallName = hallName
        self.window = window
        self.date = date
        self.secondsSince1970 = secondsSince1970
        self.operatorName = operatorName
        self.operatorID = operatorID
        self.citizen = citizen
        self.fields = fields
        self.next = next
        self.isTraining = isTraining
    }

    /// The receipt as lines of at most 80 cells, ending in a newline.
    public func render(language: Language) -> String {
        var r = SlipWriter(language: language)
        let t = r.t
        r.rule("=")
        r.centered(hallName)
        r.centered(t("回执：", "Receipt: ") + procedure + (isTraining ? t(" [培训模式]", " [TRAINING]") : ""))
        r.rule("=")
        r.pair(t("流水号 ", "Serial ") + serial, t("办理时间 ", "Time ") + date.iso + " " + ChinaTime.clock(secondsSince1970))
        r.pair(t("经办员 ", "Operator ") + "\(operatorName) (\(operatorID))", t("窗口 ", "Window ") + window)
        if let citizen { r.pair(t("办理人 ", "Citizen ") + citizen.name, t("身份证号 ", "ID ") + citizen.maskedID) }
        r.rule("-")
        let labelWidth = min(30, fields.map { DisplayWidth.of($0.label) }.max() ?? 0) + 2
        for field in fields {
            // A long value wraps under itself, not under the label.
            // A label longer than the column keeps its two-cell gap rather than running into the value.
            r.text(DisplayWidth.padRight(field.label, to: labelWidth) + (DisplayWidth.of(field.label) >= labelWidth ? "  " : "") + field.value,
                   indent: labelWidth)
        }
        if !next.isEmpty {
            r.rule("-")
            let lead = DisplayWidth.of(t("下一步：", "Next: "))
            r.text(t("下一步：", "Next: ") + next[0], indent: lead)
            for line in next.dropFirst() { r.text(String(repeating: " ", count: lead) + line, indent: lead) }
        }
        r.rule("=")
        return r.lines.joined(separator: "\n") + "\n"
    }
}
