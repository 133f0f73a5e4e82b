import CellText
import GuitaiCore

extension CoverageStatistics {
    /// The statistics as 80-column text with bar charts (`BarChart`), every figure printed beside its bar: insured by
    /// scheme, the activation and certification rates, the funds' shares of the year's settlements, and outreach.
    /// - Parameter width: the cells a line may take (80 on paper; the screen's width on the desk).
    public func text(language: Language, style: BarChart.Style, width: Int = 80) -> String {
        let t = { (zh: String, en: String) in language == .en ? en : zh }
        let width = max(40, width)
        let labelWidth = min(24, width / 3)
        var lines: [String] = []
        var title = t("业务统计", "Statistics")
        if isTraining { title += t(" [培训模式]", " [TRAINING]") }
        title += "  " + date.iso + "  " + t("地区：", "Region: ") + (regionPrefix.isEmpty ? t("全部", "all") : regionPrefix + "*")
        lines.append(String(repeating: " ", count: max(0, (width - DisplayWidth.of(title)) / 2)) + title)
        lines.append(DisplayWidth.truncate(t("大厅：", "Hall: ") + hallName, to: width))
        func heading(_ text: String) {
            lines.append("")
            lines.append(DisplayWidth.truncate(text, to: width))
        }
        func chart(_ bars: [BarChart.Bar], scale: Int64? = nil) {
            lines += BarChart(bars: bars, scale: scale).lines(width: width, labelWidth: labelWidth, figureWidth: 18, style: style)
        }

        heading(t("参保（在保人次）  参保人数 ", "Insured (enrolments in force)  people insured ") + counts.insuredPeople.grouped)
        // The schemes' English names run past the label column: their codes say it in fewer cells.
        chart(insured.map { BarChart.Bar(label: language == .en ? $0.scheme.rawValue.replacingOccurrences(of: "-", with: " ") : $0.scheme.label.zh,
                                         value: Int64($0.active), shown: $0.active.grouped) })

        heading(t("激活率", "Activation"))
        chart([BarChart.Bar(label: t("电子社保卡", "E-card"), value: Int64(ecardActivation.tenths),
                            shown: ecardActivation.text + "% " + counts.ecardsActive.grouped + "/" + counts.ecardsIssued.grouped),
               BarChart.Bar(label: t("医保电子凭证", "E-voucher"), value: Int64(voucherActivation.tenths),
                            shown: voucherActivation.text + "% " + counts.vouchersActive.grouped + "/" + counts.insuredPeople.grouped)],
              scale: 1000)
        lines.append(DisplayWidth.truncate(t("  电子社保卡：已激活/已签发；医保电子凭证：已激活/参保人数",
                                             "  E-card: activated of issued; e-voucher: activated of people insured"), to: width))

        heading(t("待遇资格认证  领取待遇 ", "Certification  recipients ") + recipients.grouped)
        chart([BarChart.Bar(label: t("认证完成率", "Completed"), value: Int64(certificationCompletion.tenths),
                            shown: certificationCompletion.text + "%")], scale: 1000)
        chart([BarChart.Bar(label: t("即将到期（30天）", "Due (30 days)"), value: Int64(certificationDue), shown: certificationDue.grouped),
               BarChart.Bar(label: t("已逾期", "Overdue"), value: Int64(certificationOverdue), shown: certificationOverdue.grouped),
               BarChart.Bar(label: t("已暂停发放", "Suspended"), value: Int64(certificationSuspended), shown: certificationSuspended.grouped)],
              scale: Int64(max(1, recipients)))

        heading(t("一站式结算（本年至今 ", "Settlements (this year to date: ") + counts.settlements.grouped
                + t(" 笔，医疗费总额 ", ", total ") + counts.settlementTotal.grouped + t(" 元）", ")"))
        chart([(t("基本医保", "Basic insurance"), counts.settlementBasic), (t("大病保险", "Critical illness"), counts.settlementCriticalIllness),
               (t("医疗救助", "Medical assistance"), counts.settlementAssistance), (t("个人支付", "Personal"), counts.settlementPersonal)].map {
            BarChart.Bar(label: $0.0, value: $0.1.fen, shown: $0.1.grouped)
        }, scale: max(1, counts.settlementTotal.fen))

        heading(t("外出服务（本年至今）", "Outreach (this year to date)"))
        lines.append(DisplayWidth.truncate(t("  活动 \(outreachEvents.grouped) 场  参加 \(outreachParticipants.grouped) 人  办理业务 \(outreachTransactions.grouped) 笔",
                                             "  \(outreachEvents.grouped) events, \(outreachParticipants.grouped) people came, \(outreachTransactions.grouped) transactions"), to: width))
        return lines.joined(separator: "\n")
    }
}

extension Int {
    /// `"1,234"`: a count on screens and slips.
    var grouped: String {
        // Money's grouping, on a count as whole yuan; saturating, so no count can trap.
        Money(fen: Int64(clamping: self)).times(100).grouped.split(separator: ".").first.map(String.init) ?? String(self)
    }
}
