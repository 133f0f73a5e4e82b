import GuitaiCore
import GuitaiDesk
import TerminalKit

/// The card and certification screens, as `ActionPanel` data; every text comes from the catalogue.
enum ProcedurePanels {
    /// A receipt with its serial, the citizen, and the training mark on a training store.
    static func receipt(_ app: DeskApp, _ serial: String, _ lines: [String], archiveLines: [String]? = nil) -> any Panel {
        var head = [app.catalogue("receipt.title") + "  " + serial]
        if app.desk?.store.hall.isTraining == true { head[0] += "  " + app.catalogue("mode.training") }
        if let citizen = app.citizen { head.append(citizen.person.name + "  " + citizen.person.id.masked) }
        head.append("")
        return ReceiptPanel(name: serial, text: (head + lines).joined(separator: "\n"),
                            archive: archiveLines.map { (head + $0).joined(separator: "\n") + "\n" })
    }

    /// The logged-in desk and the pinned citizen's ID number an action works on.
    private static func target(_ app: DeskApp) throws -> (desk: Desk, id: String) {
        guard let desk = app.desk, let citizen = app.citizen else {
            throw DomainError.refused("no-citizen", zh: "请先查询并选定办理人", en: "Find and pin the citizen first")
        }
        return (desk, citizen.person.id.value)
    }

    static func card() -> ActionPanel {
        func step(_ step: ECardStep, _ labelKey: String) -> ActionPanel.Action {
            ActionPanel.Action(labelKey: labelKey) { app, _ in
                let (desk, id) = try target(app)
                let r = try desk.stepECard(idNumber: id, step: step)
                return receipt(app, r.transaction, [app.catalogue(r.status.label)])
            }
        }
        func change(_ change: PhysicalCard.Change, _ labelKey: String) -> ActionPanel.Action {
            ActionPanel.Action(labelKey: labelKey) { app, _ in
                let (desk, id) = try target(app)
                let (card, serial) = try desk.changeCard(idNumber: id, change: change, reason: nil)
                return receipt(app, serial, [card.number.value + "  " + app.catalogue(card.state.label)])
            }
        }
        return ActionPanel(titleKey: "ecard.title", facts: { app in
            let c = app.catalogue
            guard let d = app.citizen, let today = app.desk?.today else { return [] }
            var lines: [String] = []
            if let card = d.card {
                lines.append(c("card.fact", card.card.number.value, c(card.card.effectiveState(on: today).label), card.card.validUntil.iso))
            } else {
                lines.append(c("card.none"))
            }
            if let e = d.ecard {
                var line = c("ecard.fact", c(e.status.label))
                if let reason = d.ecardUnusable { line += c("ecard.unusable", c(reason)) }
                lines.append(line + "  " + c(e.voucherOn != nil ? "ecard.voucher.on" : "ecard.voucher.off"))
            } else {
                lines.append(c("ecard.none"))
            }
            return lines
        }, actions: [
            ActionPanel.Action(labelKey: "card.action.register",
                               fields: [Form.Field(labelKey: "card.number", field: TextField(maxLength: 9))]) { app, form in
                let (desk, id) = try target(app)
                let (card, serial) = try desk.registerCard(idNumber: id, number: form[0])
                return receipt(app, serial, [card.number.value + "  " + card.validUntil.iso])
            },
            ActionPanel.Action(labelKey: "ecard.action.issue",
                               fields: [Form.Field(labelKey: "register.phone", field: TextField(maxLength: 11)),
                                        Form.Field(labelKey: "ecard.check", field: TextField("document", maxLength: 8)),
                                        Form.Field(labelKey: "ecard.pin", field: TextField(maxLength: 6), secret: true),
                                        Form.Field(labelKey: "ecard.voucher", field: TextField("y", maxLength: 3))],
                               prefill: { app, form in
                                   form.set(0, app.citizen?.person.phone ?? "")
                                   // The phone on record and the usual document check only need confirming: start on the PIN.
                                   if !form[0].isEmpty { form.focus = 2 }
                               }) { app, form in
                guard let voucher = ["y": true, "yes": true, "是": true, "n": false, "no": false, "否": false][form[3].lowercased()] else {
                    throw DomainError(.usage, code: "bad-answer", zh: "是否激活医保电子凭证请填 y 或 n", en: "Answer y or n for the e-voucher")
                }
                let (desk, id) = try target(app)
                let r = try desk.issueECard(idNumber: id, phone: form[0], identityCheck: form[1], pin: form[2], voucher: voucher)
                let status = app.catalogue(r.status.label)
                return receipt(app, r.transaction, [status, app.catalogue("ecard.code.receipt", r.activationCode ?? "")],
                               archiveLines: [status, app.catalogue("ecard.code.kept")])
            },
            ActionPanel.Action(labelKey: "ecard.action.activate",
                               fields: [Form.Field(labelKey: "ecard.code", field: TextField(maxLength: 8))]) { app, form in
                let (desk, id) = try target(app)
                let r = try desk.stepECard(idNumber: id, step: .activate, code: form[0])
                return receipt(app, r.transaction, [app.catalogue(r.status.label)])
            },
            step(.suspend, "ecard.action.suspend"),
            step(.resume, "ecard.action.resume"),
            step(.cancel, "ecard.action.cancel"),
            change(.reportTemporaryLoss, "card.action.temporary-loss"),
            change(.found, "card.action.found"),
            ActionPanel.Action(labelKey: "card.action.replace",
                               fields: [Form.Field(labelKey: "card.number", field: TextField(maxLength: 9))]) { app, form in
                let (desk, id) = try target(app)
                let (card, serial) = try desk.replaceCard(idNumber: id, newNumber: form[0])
                return receipt(app, serial, [card.number.value + "  " + card.validUntil.iso])
            },
        ])
    }

    static func certification() -> ActionPanel {
        func certify(_ method: CertificationMethod, fields: [Form.Field] = []) -> ActionPanel.Action {
            ActionPanel.Action(labelKey: "certify.method." + method.rawValue, fields: fields) { app, form in
                let (desk, id) = try target(app)
                let (due, serial) = try desk.certify(idNumber: id, method: method.rawValue,
                                                         reference: form.fields.isEmpty ? nil : form[0])
                return receipt(app, serial, [app.catalogue(method.label), app.catalogue("certify.next", due.iso)])
            }
        }
        var panel = ActionPanel(titleKey: "certify.title", facts: { app in
            let c = app.catalogue
            guard let r = app.citizen?.recipient, let today = app.desk?.today else { return [c("certify.none")] }
            let standing = CertificationCycle.standing(on: today, due: r.due)
            return [c("certify.benefit", r.benefit.monthly.grouped, r.benefit.start.iso),
                    c("certify.fact", r.lastCertified?.iso ?? c("none"), r.due.iso, c("certify.standing." + standing.rawValue))]
        }, actions: [
            certify(.counter),
            certify(.home),
            certify(.video, fields: [Form.Field(labelKey: "certify.ref", field: TextField(maxLength: 40))]),
        ])
        panel.extra = ("d", "certify.due.hint", { DueListPanel() })
        return panel
    }
}
