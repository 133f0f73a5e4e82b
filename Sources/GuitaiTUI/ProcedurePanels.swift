import GuitaiCore
import GuitaiDesk
import TerminalKit

/// The card and certification screens, as `ActionPanel` data.
enum ProcedurePanels {
    static func receipt(_ app: DeskApp, _ serial: String, _ lines: [String]) -> any Panel {
        ReceiptPanel(name: serial, text: ([app.catalogue("receipt.title") + "  " + serial, ""] + lines).joined(separator: "\n"))
    }

    static func card() -> ActionPanel {
        func id(_ app: DeskApp) -> String { app.citizen!.person.id.value }
        func step(_ step: ECardStep, _ label: Bilingual) -> ActionPanel.Action {
            ActionPanel.Action(label: label) { app, _ in
                let r = try app.desk!.stepECard(idNumber: id(app), step: step)
                return receipt(app, r.transaction, [app.catalogue(ECardStatus.active.label) == "" ? "" : app.catalogue(r.status.label)])
            }
        }
        return ActionPanel(titleKey: "ecard.title", facts: { app in
            let c = app.catalogue, d = app.citizen!
            var lines: [String] = []
            if let card = d.card {
                lines.append(c(Bilingual(zh: "社保卡 ", en: "Card ")) + card.card.number.value + "  " + c(card.card.effectiveState(on: app.desk!.today).label)
                             + c(Bilingual(zh: "  有效期至 ", en: "  valid until ")) + card.card.validUntil.iso)
            } else {
                lines.append(c(Bilingual(zh: "社保卡：未登记", en: "Card: none on record")))
            }
            if let e = d.ecard {
                var line = c(Bilingual(zh: "电子社保卡 ", en: "E-card ")) + c(e.status.label)
                if let reason = d.ecardUnusable { line += "（" + c(reason) + "）" }
                line += e.voucherOn != nil ? c(Bilingual(zh: "  医保电子凭证已激活", en: "  e-voucher active")) : c(Bilingual(zh: "  医保电子凭证未激活", en: "  e-voucher not active"))
                lines.append(line)
            } else {
                lines.append(c(Bilingual(zh: "电子社保卡：未签发", en: "E-card: not issued")))
            }
            return lines
        }, actions: [
            ActionPanel.Action(label: Bilingual(zh: "登记社保卡", en: "Register the card"),
                               fields: [Form.Field(labelKey: "card.number", field: TextField(maxLength: 9))]) { app, form in
                let (card, serial) = try app.desk!.registerCard(idNumber: id(app), number: form[0])
                return receipt(app, serial, [card.number.value + "  " + card.validUntil.iso])
            },
            ActionPanel.Action(label: Bilingual(zh: "签发电子社保卡", en: "Issue the e-card"),
                               fields: [Form.Field(labelKey: "register.phone", field: TextField(maxLength: 11)),
                                        Form.Field(labelKey: "ecard.pin", field: TextField(maxLength: 6), secret: true),
                                        Form.Field(labelKey: "ecard.voucher", field: TextField("y", maxLength: 1))],
                               prefill: { app, form in
                                   form.set(0, app.citizen?.person.phone ?? "")
                                   // The phone on record only needs confirming: start on the PIN.
                                   if !form[0].isEmpty { form.focus = 1 }
                               }) { app, form in
                let r = try app.desk!.issueECard(idNumber: id(app), phone: form[0], identityCheck: "document", pin: form[1],
                                                 voucher: form[2].lowercased() != "n")
                return receipt(app, r.transaction, [app.catalogue(r.status.label),
                                                    app.catalogue(Bilingual(zh: "一次性激活码：", en: "One-time activation code: ")) + (r.activationCode ?? "")])
            },
            ActionPanel.Action(label: Bilingual(zh: "激活电子社保卡", en: "Activate the e-card"),
                               fields: [Form.Field(labelKey: "ecard.code", field: TextField(maxLength: 8))]) { app, form in
                let r = try app.desk!.stepECard(idNumber: id(app), step: .activate, code: form[0])
                return receipt(app, r.transaction, [app.catalogue(r.status.label)])
            },
            step(.suspend, Bilingual(zh: "暂停（挂失）电子社保卡", en: "Suspend the e-card")),
            step(.resume, Bilingual(zh: "恢复电子社保卡", en: "Resume the e-card")),
            step(.cancel, Bilingual(zh: "注销电子社保卡", en: "Cancel the e-card")),
        ])
    }

    static func certification() -> ActionPanel {
        func id(_ app: DeskApp) -> String { app.citizen!.person.id.value }
        func certify(_ method: CertificationMethod, fields: [Form.Field] = []) -> ActionPanel.Action {
            ActionPanel.Action(label: method.label, fields: fields) { app, form in
                let (due, serial) = try app.desk!.certify(idNumber: id(app), method: method.rawValue,
                                                         reference: form.fields.isEmpty ? nil : form[0])
                return receipt(app, serial, [app.catalogue(method.label), app.catalogue(Bilingual(zh: "下次认证日期 ", en: "Next due ")) + due.iso])
            }
        }
        var panel = ActionPanel(titleKey: "certify.title", facts: { app in
            let c = app.catalogue
            guard let r = app.citizen?.recipient else { return [c(Bilingual(zh: "此人没有月待遇记录", en: "No monthly benefit on record"))] }
            let standing = CertificationCycle.standing(on: app.desk!.today, due: r.due)
            let label: Bilingual = switch standing {
            case .current: Bilingual(zh: "认证有效", en: "certified")
            case .dueSoon: Bilingual(zh: "即将到期", en: "due soon")
            case .overdue: Bilingual(zh: "已逾期", en: "overdue")
            }
            return [c(Bilingual(zh: "月待遇 ", en: "Monthly ")) + r.benefit.monthly.grouped + c(Bilingual(zh: " 元，自 ", en: " from ")) + r.benefit.start.iso,
                    c(Bilingual(zh: "上次认证 ", en: "Last certified ")) + (r.lastCertified?.iso ?? c("none"))
                        + c(Bilingual(zh: "  下次认证 ", en: "  next due ")) + r.due.iso + "  " + c(label)]
        }, actions: [
            certify(.counter),
            certify(.home),
            certify(.video, fields: [Form.Field(labelKey: "certify.ref", field: TextField(maxLength: 40))]),
        ])
        panel.extra = ("d", Bilingual(zh: "D 认证到期名单（按地区）", en: "D due list by region"), { DueListPanel() })
        return panel
    }
}
