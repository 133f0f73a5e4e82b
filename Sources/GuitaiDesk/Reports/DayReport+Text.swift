import CellText
import GuitaiCore

extension DayReport {
    /// The report as 80-column plain text, as it is shown, printed and reprinted: title, scope and state, one line per
    /// procedure with count and amount, the total, the reversals, each operator's share, the day's first and last
    /// serial, the journal's head hash, and the sign-off.
    public func text(language: Language, operatorNames: [String: String] = [:]) -> String {
        var w = SlipWriter(language: language)
        let t = w.t
        var title = t("日结报表", "Day close report")
        if isTraining { title += t(" [培训模式]", " [TRAINING]") }
        w.centered(title)
        w.text(t("大厅：", "Hall: ") + hallName + " (" + hallCode + ")")
        w.pair(t("业务日期：", "Business date: ") + date.iso, close.map { t("已日结：", "Closed: ") + $0.serial } ?? t("状态：未日结", "State: open"))
        w.text(clerk.map { t("操作员：", "Operator: ") + Self.named($0, operatorNames) } ?? t("范围：全厅", "Scope: the whole hall"))
        w.rule("=")
        w.lines.append(Self.row(t("业务", "Procedure"), t("笔数", "Count"), t("金额（元）", "Amount")))
        w.rule("-")
        if procedures.isEmpty { w.text(t("当天没有业务。", "No business that day.")) }
        for line in procedures {
            w.lines.append(Self.row(DayLine.label(of: line.procedure).text(language), String(line.count), line.amount.grouped))
        }
        w.rule("-")
        w.lines.append(Self.row(t("合计", "Total"), String(procedures.map(\.count).reduce(0, +)), total.grouped))
        w.lines.append("")
        w.text(t("冲正：\(reversals.count) 笔", "Reversals: \(reversals.count)"))
        for reversal in reversals {
            // Both serials whole (20 characters each), the amount taken back right-aligned at column 80.
            let left = "  " + reversal.serial + t(" 冲正 ", " reverses ") + reversal.reverses
            let right = t("收回 ", "back ") + reversal.amount.grouped
            w.lines.append(DisplayWidth.padRight(left, to: max(DisplayWidth.of(left) + 1, SlipWriter.width - DisplayWidth.of(right))) + right)
        }
        if clerk == nil, !operators.isEmpty {
            w.lines.append("")
            w.lines.append(Self.row(t("操作员", "Operator"), t("笔数", "Count"), t("金额（元）", "Amount")))
            for share in operators {
                w.lines.append(Self.row("  " + Self.named(share.operatorID, operatorNames), String(share.count), share.amount.grouped))
            }
        }
        w.lines.append("")
        w.text(t("业务笔数（含冲正及其他记录）：", "Transactions (reversals and other records included): ") + String(transactions))
        w.pair(t("首笔流水号：", "First serial: ") + (firstSerial ?? "-"), t("末笔流水号：", "Last serial: ") + (lastSerial ?? "-"))
        w.text(t("日志链头：", "Journal head: ") + (journalHead.flatMap { $0.isEmpty ? nil : $0 } ?? "-"))
        w.rule("=")
        if let close {
            w.text(t("日结复核员：", "Closed by: ") + Self.named(close.operatorID, operatorNames) + "  "
                   + ChinaTime.date(close.at).iso + " " + ChinaTime.clock(close.at) + "  " + t("流水号 ", "serial ") + close.serial)
            w.text(t("此日已日结，不能再办理业务。", "This day is closed: nothing more is recorded on it."))
        }
        w.text(t("复核员签字：____________    日期：__________", "Supervisor's signature: ____________    Date: __________"))
        return w.lines.joined(separator: "\n")
    }

    private static func named(_ id: String, _ names: [String: String]) -> String {
        names[id].map { $0 + " (" + id + ")" } ?? id
    }

    /// A label on the left, a count at column 50 and an amount at column 80, both right-aligned.
    private static func row(_ label: String, _ count: String, _ amount: String) -> String {
        let left = DisplayWidth.padRight(DisplayWidth.truncate(label, to: 40), to: 40)
        let counted = String(repeating: " ", count: max(0, 10 - DisplayWidth.of(count))) + count
        let money = String(repeating: " ", count: max(0, 30 - DisplayWidth.of(amount))) + amount
        return left + counted + money
    }
}
