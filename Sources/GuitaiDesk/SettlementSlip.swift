import CellText
import GuitaiCore

/// The settlement slip (结算单) as 80-column plain text for dot-matrix printers: every layer explained.
public enum SettlementSlip {
    public static func render(_ r: SettlementResult, person: Person, header: SlipHeader, language: Language) -> String {
        var slip = SlipWriter(language: language)
        let t = slip.t
        slip.rule("=")
        var title = t("医疗费用一站式结算单", "One-stop medical settlement slip")
        if header.isPreview { title += t("（预结算，未记账）", " (PREVIEW, nothing recorded)") }
        if header.isTraining { title += t(" [培训模式]", " [TRAINING]") }
        slip.centered(header.hallName)
        slip.centered(title)
        slip.rule("=")
        slip.pair(t("流水号 ", "Serial ") + (header.serial ?? t("（预结算）", "(preview)")),
                  t("结算日期 ", "Date ") + header.date.iso)
        slip.pair(t("经办员 ", "Operator ") + "\(header.operatorName) (\(header.operatorID))",
                  t("政策 ", "Policy ") + r.policyID)
        slip.pair(t("窗口 ", "Window ") + header.window, t("时间 ", "Time ") + ChinaTime.clock(header.at))
        slip.rule("-")
        slip.pair(t("患者 ", "Patient ") + person.name, t("身份证号 ", "ID ") + person.id.masked)
        let scheme: String
        switch r.cover {
        case .covered(let s, let status, _):
            scheme = s.label.text(language) + (status.map { t("，", ", ") + $0.label.text(language) } ?? "")
        case .notEnrolled:
            scheme = t("未参保：各项基金不支付", "not insured: no fund pays")
        case .waiting(let until):
            scheme = t("待遇等待期内，\(until.iso) 起享受待遇", "in the waiting period until \(until.iso)")
        }
        slip.text(t("险种 ", "Scheme ") + scheme)
        let groups = r.groups.isEmpty ? t("无", "none") : r.groups.map { $0.label.text(language) }.joined(separator: t("、", ", "))
        slip.text(t("特殊群体 ", "Groups ") + groups)
        var visit = r.bill.visit.label.text(language) + t("，", ", ") + r.bill.level.label.text(language)
        if r.bill.major { visit += t("，重特大疾病", ", major illness") }
        slip.text(t("就诊 ", "Visit ") + visit)
        if header.policyIsHallDefault {
            slip.text(t("该地区无专用政策，按本大厅默认政策 \(r.policyID) 结算", "No policy for this region: settled under the hall default \(r.policyID)"))
        }
        slip.rule("-")

        slip.text(t("费用分割", "Bill split"))
        slip.amount(t("  费用总额", "  Total"), r.total)
        slip.amount(t("  丙类/自费（政策范围外）", "  Category C, out of scope"), r.outOfScope)
        let bTotal = r.bill.total(of: .b)
        slip.amount(t("  乙类先行自付 \(r.bPrepayShare.value.percentText)（乙类 \(bTotal.grouped)）",
                      "  B pre-pay \(r.bPrepayShare.value.percentText) of B items \(bTotal.grouped)") + slip.mark(r.bPrepayShare), r.bPrepay)
        slip.amount(t("  政策范围内费用", "  In scope"), r.inScope)
        slip.rule("-")

        if let b = r.basic {
            slip.text(t("一、基本医保统筹基金", "1. Basic medical insurance fund"))
            let scope = b.rule.scope.value == .annual ? t("年度", "annual") : t("每次", "per visit")
            var deductible = t("  起付线（\(scope)）\(b.deductible.grouped)", "  Deductible (\(scope)) \(b.deductible.grouped)")
            if b.rule.scope.value == .annual {
                deductible += t("，本年已扣 \(b.deductibleUsedBefore.grouped)", ", used this year \(b.deductibleUsedBefore.grouped)")
            }
            slip.amount(deductible + t("，本次扣除", ", applied now") + slip.mark(b.rule.deductible), b.deductibleApplied)
            slip.amount("  (\(r.inScope.grouped) - \(b.deductibleApplied.grouped)) x \(b.ratio.percentText)" + slip.mark(b.rule.ratio), b.raw)
            if let cap = b.cap {
                slip.text(t("  年度限额 \(cap.grouped)，本年已付 \(b.paidBefore.grouped)，本次后剩余 \(b.capLeft!.grouped)",
                            "  Annual cap \(cap.grouped), paid before \(b.paidBefore.grouped), left after \(b.capLeft!.grouped)") + slip.mark(b.rule.cap))
            }
            if let combined = b.combinedCap {
                let what = combined.includesCriticalIllness ? t("基本医保+大病保险", "basic + critical illness") : t("基本医保", "basic fund")
                slip.text(t("  \(what)年度合并限额 \(combined.amount.value.grouped)，已用 \(b.combinedUsedBefore.grouped)，本次后剩余 \(b.combinedLeft!.grouped)",
                            "  Combined annual cap (\(what)) \(combined.amount.value.grouped), used \(b.combinedUsedBefore.grouped), left after \(b.combinedLeft!.grouped)") + slip.mark(combined.amount))
            }
            if b.paid < b.raw { slip.amount(t("  超出限额不予支付", "  Cut by caps"), b.raw - b.paid) }
            slip.amount(t("  统筹基金支付", "  Basic fund pays"), b.paid)
        } else {
            slip.amount(t("一、基本医保统筹基金：不支付", "1. Basic fund: pays nothing"), .zero)
        }

        if let ci = r.criticalIllness {
            slip.text(t("二、大病保险", "2. Critical-illness insurance"))
            var threshold = t("  起付线 \(ci.threshold.grouped)", "  Threshold \(ci.threshold.grouped)")
            if ci.tilted {
                let share = ci.rule.tiltedThresholdShare.value.percentText, bonus = ci.rule.tiltedRatioBonus.value.percentText
                let cap = ci.rule.tiltedCap.value.map { t("封顶 \($0.grouped)", "cap \($0.grouped)") } ?? t("不设封顶", "no cap")
                threshold += t("（倾斜支付：起付线按\(share)，比例各提高\(bonus)，\(cap)）", " (tilted: \(share) of the threshold, +\(bonus) a band, \(cap))")
            }
            slip.text(threshold + slip.mark(ci.rule.threshold))
            slip.text(t("  本年累计个人负担（范围内）\(ci.baseBefore.grouped) -> \(ci.baseAfter.grouped)",
                        "  Year's personal in-scope total \(ci.baseBefore.grouped) -> \(ci.baseAfter.grouped)"))
            if ci.bands.isEmpty {
                slip.text(t("  未超过起付线", "  Not above the threshold"))
            }
            for share in ci.bands {
                let upper = share.band.upper?.grouped ?? t("以上", "up")
                slip.amount(t("  分段 \(share.band.lower.grouped)-\(upper)：\(share.overlap.grouped) x \(share.ratio.percentText)",
                              "  Band \(share.band.lower.grouped)-\(upper): \(share.overlap.grouped) x \(share.ratio.percentText)")
                            + slip.mark(ci.rule.bands), share.overlap.applying(share.ratio))
            }
            if ci.bands.count > 1, ci.bands.map({ $0.overlap.applying($0.ratio) }).sum() != ci.raw {
                slip.amount(t("  分段合计（按分精确累加后一次舍入）", "  Bands together (summed exactly, rounded once)"), ci.raw)
            }
            if let cap = ci.cap {
                slip.text(t("  年度封顶 \(cap.grouped)，本年已付 \(ci.paidBefore.grouped)，本次后剩余 \(ci.capLeft!.grouped)",
                            "  Annual cap \(cap.grouped), paid before \(ci.paidBefore.grouped), left after \(ci.capLeft!.grouped)") + slip.mark(ci.rule.cap))
            }
            if let left = ci.combinedLeftBefore {
                slip.text(t("  合并限额本次可用 \(left.grouped)", "  Combined cap available now \(left.grouped)"))
            }
            if ci.paid < ci.raw { slip.amount(t("  超出限额不予支付", "  Cut by caps"), ci.raw - ci.paid) }
            slip.amount(t("  大病保险支付", "  Critical illness pays"), ci.paid)
        } else if case .covered = r.cover {
            slip.text(t("二、大病保险：本险种或就诊类型不适用", "2. Critical illness: not for this scheme or visit"))
        }

        if let a = r.assistance {
            slip.text(t("三、医疗救助（\(a.group.label.zh)）", "3. Medical assistance (\(a.group.label.en))"))
            slip.amount(t("  救助基数：范围内费用 - 基本医保 - 大病保险", "  Base: in scope - basic - critical illness"), a.base)
            if a.deductible > .zero {
                slip.amount(t("  年度起付线 \(a.deductible.grouped)，本次扣除", "  Annual deductible \(a.deductible.grouped), applied now"), a.deductibleApplied)
            }
            slip.amount("  (\(a.base.grouped) - \(a.deductibleApplied.grouped)) x \(a.ratio.value.percentText)" + slip.mark(a.ratio), a.raw)
            let capName = a.capIsMajor ? t("重特大疾病年度限额", "Major-illness annual cap") : t("年度限额", "Annual cap")
            slip.text(t("  \(capName) \(a.cap.value.grouped)，本年已付 \(a.paidBefore.grouped)，本次后剩余 \(a.capLeft.grouped)",
                        "  \(capName) \(a.cap.value.grouped), paid before \(a.paidBefore.grouped), left after \(a.capLeft.grouped)") + slip.mark(a.cap))
            slip.amount(t("  医疗救助支付", "  Assistance pays"), a.paid)
        } else if case .covered = r.cover {
            slip.text(t("三、医疗救助：不属于救助对象", "3. Medical assistance: not in an assisted group"))
        }
        slip.rule("-")

        slip.text(t("个人负担构成", "What the patient pays, and why"))
        let p = r.personal
        // The out-of-scope line always shows, so a slip never leaves its first question open; the others when non-zero.
        let parts: [(String, String, Money, Bool)] = [
            ("  政策范围外（丙类/自费）", "  Out of scope (category C)", p.outOfScope, true),
            ("  乙类先行自付", "  B pre-pay", p.bPrepay, false),
            ("  未参保或等待期内，基金不支付", "  Not covered (not insured or waiting)", p.notCovered, false),
            ("  起付线", "  Deductible", p.deductible, false),
            ("  范围内按比例自付", "  Co-payment inside scope", p.coPayment, false),
            ("  超过限额", "  Above caps", p.aboveCaps, false),
        ]
        for (zh, en, amount, always) in parts where always || amount > .zero { slip.amount(t(zh, en), amount) }
        slip.rule("=")
        slip.amount(t("基金合计支付（基本医保+大病保险+医疗救助）", "Funds pay (basic + critical illness + assistance)"),
                    r.basicPaid + r.criticalIllnessPaid + r.assistancePaid)
        slip.amount(t("【个人现金支付】", "[PATIENT PAYS]"), p.total, currency: t("￥", "CNY "))
        slip.rule("=")
        if header.isPreview {
            slip.text(t("预结算仅供核对，未记账；确认后方为正式结算。", "A preview to check: nothing is recorded until the settlement is confirmed."))
        } else {
            slip.text(t("下一步：请核对本单并签字。个人现金支付部分由本人缴纳，基金支付部分由经办机构与医疗机构结算；补打、冲正凭流水号办理。",
                        "Next: check this slip and sign. The patient pays the cash part; the funds' part is settled between the agency and the hospital. Reprints and reversals go by the serial."))
        }
        if slip.illustrativeShown.value {
            slip.text(t("注：标 * 的参数为演示值（illustrative），非正式公布标准。", "Note: parameters marked * are illustrative, not published values."))
        }
        return slip.lines.joined(separator: "\n") + "\n"
    }
}
