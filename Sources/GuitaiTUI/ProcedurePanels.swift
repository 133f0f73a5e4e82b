import GuitaiCore
import GuitaiDesk
import TerminalKit

/// The card and certification screens, as `ActionPanel` data; every text comes from the catalogue.
enum ProcedurePanels {
    /// A receipt that stands on its own (`CounterReceipt`): hall, window, serial, time, operator, the citizen, what was
    /// done with labelled values and what comes next, the training mark on a training store. It is kept in the receipt
    /// archive as it is shown (`archiveFields` when the kept copy must differ, as for a one-time code), so the day's
    /// list reprints it.
    static func receipt(_ app: DeskApp, _ serial: String, procedureKey: String, fields: [CounterReceipt.Field], next: [String] = [],
                        archiveFields: [CounterReceipt.Field]? = nil, citizen: Bool = true,
                        about other: (name: String, maskedID: String)? = nil) -> any Panel {
        guard let desk = app.desk else { return ReceiptPanel(name: serial, text: serial) }
        let pinned = other ?? (citizen ? app.citizen.map { (name: $0.person.name, maskedID: $0.person.id.masked) } : nil)
        let now = app.clock.secondsSince1970()
        func render(_ fields: [CounterReceipt.Field]) -> String {
            CounterReceipt(procedure: app.catalogue(procedureKey), serial: serial, hallName: desk.store.hall.name, window: app.counter,
                           date: desk.today, secondsSince1970: now, operatorName: desk.account.name, operatorID: desk.account.id,
                           citizen: pinned, fields: fields, next: next, isTraining: desk.store.hall.isTraining)
                .render(language: app.catalogue.language)
        }
        let text = render(fields), archive = archiveFields.map(render) ?? text
        do {
            _ = try ReceiptArchive.write(archive, name: serial, besideStore: app.storePath, training: desk.store.hall.isTraining)
        } catch {
            // The business is written; only the kept copy failed. The receipt still shows and prints.
            app.say(error)
        }
        return ReceiptPanel(name: serial, text: text, archive: archive)
    }

    /// A labelled value in the screen's language.
    static func field(_ app: DeskApp, _ labelKey: String, _ value: String) -> CounterReceipt.Field {
        CounterReceipt.Field(app.catalogue(labelKey), value)
    }

    /// The logged-in desk and the pinned citizen's ID number an action works on.
    private static func target(_ app: DeskApp) throws -> (desk: Desk, id: String) {
        guard let desk = app.desk, let citizen = app.citizen else {
            throw DomainError.refused("no-citizen", zh: "请先查询并选定办理人", en: "Find and pin the citizen first")
        }
        return (desk, citizen.person.id.value)
    }

    static func card() -> ActionPanel {
        // What the record already rules out is said before the confirmation, not after it.
        func step(_ step: ECardStep, _ labelKey: String) -> ActionPanel.Action {
            ActionPanel.Action(labelKey: labelKey, prepare: { app, _ in
                // The step's own rule, from the e-card's status on record.
                do throws(DomainError) { _ = try step.next(from: app.citizen?.ecard?.status) } catch { return error }
                return nil
            }) { app, _ in
                let (desk, id) = try target(app)
                let r = try desk.stepECard(idNumber: id, step: step)
                return receipt(app, r.transaction, procedureKey: labelKey, fields: [field(app, "receipt.ecard.status", app.catalogue(r.status.label))])
            }
        }
        func change(_ change: PhysicalCard.Change, _ labelKey: String) -> ActionPanel.Action {
            ActionPanel.Action(labelKey: labelKey, prepare: { app, _ in
                guard let citizen = app.citizen, let today = app.desk?.today else { return nil }
                guard let card = citizen.card else { return Desk.noPhysicalCard(citizen.person.name) }
                // The change's own rule (found only after a loss, unlock only when locked...).
                do throws(DomainError) { _ = try card.card.applying(change, on: today) } catch { return error }
                return nil
            }) { app, _ in
                let (desk, id) = try target(app)
                let (card, serial) = try desk.changeCard(idNumber: id, change: change, reason: nil)
                return receipt(app, serial, procedureKey: labelKey,
                               fields: [field(app, "card.number", card.number.value), field(app, "receipt.card.state", app.catalogue(card.state.label))],
                               next: app.catalogue.has("next." + labelKey) ? [app.catalogue("next." + labelKey)] : [])
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
            ActionPanel.Action(labelKey: "card.action.register", fields: [FieldChecks.cardNumber()]) { app, form in
                let (desk, id) = try target(app)
                let (card, serial) = try desk.registerCard(idNumber: id, number: form[0])
                return receipt(app, serial, procedureKey: "card.action.register",
                               fields: [field(app, "card.number", card.number.value), field(app, "receipt.card.valid", card.validUntil.iso)],
                               next: [app.catalogue("next.card.action.register")])
            },
            ActionPanel.Action(labelKey: "ecard.action.issue",
                               fields: [FieldChecks.phone(),
                                        Form.Field(labelKey: "ecard.check", field: TextField(maxLength: 8), check: FieldChecks.identityCheck),
                                        Form.Field(labelKey: "ecard.pin", field: TextField(maxLength: 6), secret: true),
                                        Form.Field(labelKey: "ecard.voucher", field: TextField(maxLength: 3),
                                                   check: { FieldChecks.yesOrNo($0) == nil ? FieldChecks.notYesOrNo : nil })],
                               prepare: { app, form in
                                   guard let citizen = app.citizen else { return nil }
                                   // The e-card is issued on a physical card: say so before anything is typed.
                                   if citizen.card == nil { return Desk.noPhysicalCard(citizen.person.name) }
                                   let birth = citizen.person.id.birthDate
                                   // The usual answers, in the screen's language: identity by document, voucher yes.
                                   form.set(1, app.catalogue("ecard.check.default"))
                                   form.set(3, app.catalogue("yes"))
                                   form.fields[2].check = { PINRules.check($0, birth: birth) }
                                   form.set(0, citizen.person.phone ?? "")
                                   // The phone on record and the usual document check only need confirming: start on the PIN.
                                   if !form[0].isEmpty { form.focus = 2 }
                                   return nil
                               }) { app, form in
                let voucher = FieldChecks.yesOrNo(form[3]) ?? true
                let (desk, id) = try target(app)
                let r = try desk.issueECard(idNumber: id, phone: form[0], identityCheck: FieldChecks.identityMethod(form[1]) ?? form[1],
                                            pin: form[2], voucher: voucher)
                let common = [field(app, "receipt.ecard.status", app.catalogue(r.status.label)),
                              field(app, "register.phone", Person.maskPhone(form[0])),
                              field(app, "receipt.voucher", app.catalogue(r.voucherActive ? "receipt.voucher.on" : "receipt.voucher.off"))]
                return receipt(app, r.transaction, procedureKey: "ecard.action.issue",
                               fields: common + [field(app, "ecard.code", r.activationCode ?? "")],
                               next: [app.catalogue("next.ecard.action.issue")],
                               archiveFields: common + [field(app, "ecard.code", app.catalogue("ecard.code.kept"))])
            },
            ActionPanel.Action(labelKey: "ecard.action.activate",
                               fields: [Form.Field(labelKey: "ecard.code", field: TextField(maxLength: 8), check: FieldChecks.activationCode)]) { app, form in
                let (desk, id) = try target(app)
                let r = try desk.stepECard(idNumber: id, step: .activate, code: form[0])
                return receipt(app, r.transaction, procedureKey: "ecard.action.activate",
                               fields: [field(app, "receipt.ecard.status", app.catalogue(r.status.label))])
            },
            step(.suspend, "ecard.action.suspend"),
            step(.resume, "ecard.action.resume"),
            step(.cancel, "ecard.action.cancel"),
            change(.reportTemporaryLoss, "card.action.temporary-loss"),
            change(.found, "card.action.found"),
            ActionPanel.Action(labelKey: "card.action.replace", fields: [FieldChecks.cardNumber()]) { app, form in
                let (desk, id) = try target(app)
                let (card, serial) = try desk.replaceCard(idNumber: id, newNumber: form[0])
                return receipt(app, serial, procedureKey: "card.action.replace",
                               fields: [field(app, "receipt.card.new", card.number.value), field(app, "receipt.card.valid", card.validUntil.iso)],
                               next: [app.catalogue("next.card.action.replace")])
            },
            // The e-voucher after the e-card, when the citizen did not want it at issue.
            ActionPanel.Action(labelKey: "ecard.action.voucher") { app, _ in
                let (desk, id) = try target(app)
                let serial = try desk.activateVoucher(idNumber: id)
                return receipt(app, serial, procedureKey: "ecard.action.voucher",
                               fields: [field(app, "receipt.voucher", app.catalogue("receipt.voucher.on"))])
            },
        ])
    }

    static func certification() -> ActionPanel {
        func certify(_ method: CertificationMethod, fields: [Form.Field] = []) -> ActionPanel.Action {
            ActionPanel.Action(labelKey: "certify.method." + method.rawValue, fields: fields) { app, form in
                let (desk, id) = try target(app)
                let (due, serial) = try desk.certify(idNumber: id, method: method.rawValue,
                                                         reference: form.fields.isEmpty ? nil : form[0])
                return receipt(app, serial, procedureKey: "certify.title",
                               fields: [field(app, "receipt.certify.method", app.catalogue(method.label))]
                                   + (form.fields.isEmpty ? [] : [field(app, "certify.ref", form[0])])
                                   + [field(app, "receipt.certify.next", due.iso)],
                               next: [app.catalogue("next.certify", due.iso)])
            }
        }
        var panel = ActionPanel(titleKey: "certify.title", facts: { app in
            let c = app.catalogue
            guard let citizen = app.citizen else { return [] }
            if let death = citizen.deathDate { return [c("death.fact", death.iso)] }
            guard let r = citizen.recipient, let today = app.desk?.today else { return [c("certify.none")] }
            let standing = CertificationCycle.standing(on: today, due: r.due)
            // Never certified and not yet due is not "certified".
            let standingKey = r.lastCertified == nil && standing == .current ? "certify.standing.first" : "certify.standing." + standing.rawValue
            var lines = [c("certify.benefit", r.benefit.monthly.grouped, r.benefit.start.iso),
                         c("certify.fact", r.lastCertified?.iso ?? c("none"), r.due.iso, c(standingKey))]
            // Months the runs suspended and what certifying now brings back.
            if let owed = try? app.desk?.suspendedMonths(idNumber: citizen.person.id.value), let first = owed.months.first,
               let last = owed.months.last {
                lines.append(c("certify.suspended", first.iso, last.iso, String(owed.months.count), owed.backPay.grouped))
            }
            return lines
        }, actions: [
            certify(.counter),
            certify(.home),
            certify(.video, fields: [Form.Field(labelKey: "certify.ref", field: TextField(maxLength: 40), check: FieldChecks.videoReference)]),
            ActionPanel.Action(labelKey: "benefit.action.start",
                               fields: [Form.Field(labelKey: "benefit.monthly", field: TextField(maxLength: 12), check: FieldChecks.amount),
                                        Form.Field(labelKey: "benefit.from", field: TextField(maxLength: 7), check: FieldChecks.month)]) { app, form in
                let (desk, id) = try target(app)
                let serial = try desk.addBenefit(idNumber: id, monthly: form[0], from: form[1])
                app.refreshCitizen()
                let due = app.citizen?.recipient?.due.iso ?? ""
                return receipt(app, serial, procedureKey: "benefit.action.start",
                               fields: [field(app, "benefit.monthly", form[0]), field(app, "benefit.from", form[1]),
                                        field(app, "receipt.certify.next", due)],
                               next: [app.catalogue("next.certify", due)])
            },
            ActionPanel.Action(labelKey: "death.action.register",
                               fields: [Form.Field(labelKey: "death.date", field: TextField(maxLength: 10), check: FieldChecks.date)]) { app, form in
                let (desk, id) = try target(app)
                let (overpaid, serial) = try desk.registerDeath(idNumber: id, date: form[0])
                let months = overpaid.months.map(\.description).joined(separator: " ")
                return receipt(app, serial, procedureKey: "death.action.register",
                               fields: [field(app, "death.date", form[0]), field(app, "death.overpaid", overpaid.amount.grouped)]
                                   + (months.isEmpty ? [] : [field(app, "death.months", months)]),
                               next: [app.catalogue(overpaid.amount.fen > 0 ? "next.death.recover" : "next.death")])
            },
            ActionPanel.Action(labelKey: "death.action.withdraw") { app, _ in
                let (desk, id) = try target(app)
                let (restored, serial) = try desk.reverseDeath(idNumber: id)
                return receipt(app, serial, procedureKey: "death.action.withdraw",
                               fields: [field(app, "death.restored", restored.map { app.catalogue($0.label) }.joined(separator: "、"))])
            },
        ])
        panel.extra = ("d", "certify.due.hint", { DueListPanel() })
        return panel
    }
}
