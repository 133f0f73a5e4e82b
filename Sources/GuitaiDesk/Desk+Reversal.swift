import Foundation
import GuitaiCore
import GuitaiStore

/// Undoing at the counter what was recorded in error (冲正): a settlement, an enrolment, a card or e-card step, a
/// certification, a benefit's start, a death. A reversal is a new journaled transaction, never an edit, and it undoes
/// only what nothing has built on since: once a later transaction changed a row the original wrote (a card reported lost
/// after its registration, a payment run after a certification), the later business is reversed first, or the matter is
/// changed by its own procedure. Always approved by a supervisor other than the operator who asks.
extension Desk {
    /// The serial of the reversal that undid a transaction, if one did.
    public func reversal(of serial: String) throws -> String? {
        try require(.counter)
        return try store.read { try $0.reversal(of: serial) }
    }

    /// Of the given transactions, those a reversal undid (one query for a whole list).
    public func reversed(among serials: [String]) throws -> Set<String> {
        try require(.counter)
        return try store.read { try $0.reversed(among: serials) }
    }

    /// What reversing this transaction would undo, checked before anyone is asked for a password.
    /// - Throws: `day-closed` (65) when the business date is closed; `transaction-not-found`; `not-reversible` for kinds the counter does not reverse (registration, payment
    ///   runs, operators' business); `already-reversed`; `impossible-date` (the business date before the original's);
    ///   `changed-since`, naming the later transaction, when the original's records have changed since; the kind's own
    ///   refusals (`settlement-not-found`, `nothing-recorded`).
    public func reversalTarget(_ serial: String) throws -> ReversalTarget {
        try require(.counter)
        // A reversal is recorded today: on a closed day, say so before anything else.
        try store.refuseIfDayClosed(on: today)
        return try store.read { tx in try reversalPlan(serial, tx).target }
    }

    /// Reverses a transaction as a supervisor at their own session (the command line): they ask and approve.
    /// - Throws: `permission-denied` for anyone but a supervisor; what `reversalTarget` throws; `bad-text` for a reason
    ///   that is not printable text of at most 100 characters.
    public func reverse(_ serial: String, reason: String) throws -> String {
        try require(.supervision)
        try requireHall(Bilingual(zh: "冲正", en: "a reversal"))
        return try performReversal(serial, reason: reason, approvedBy: account.id).serial
    }

    /// Reverses a transaction with a supervisor's approval given at this counter: the supervisor types their id and
    /// password on the spot. The reversal is this counter's transaction in the journal, on this operator's day, with the
    /// approver named in it. The approver is never the operator who asks (four eyes), trainer or not.
    /// - Throws: `self-approval` (65) when the approver is this session's operator; the approver's login refusals;
    ///   `permission-denied` when the approver is no supervisor; what `reverse` throws.
    public func reverseWithApproval(_ serial: String, supervisorID: String, password: String, reason: String) throws -> String {
        try require(.counter)
        try requireHall(Bilingual(zh: "冲正", en: "a reversal"))
        if supervisorID.trimmingSpaces == account.id {
            throw DomainError.refused("self-approval", zh: "冲正须由另一名复核员审批，经办员不能审批自己的业务",
                                      en: "Another supervisor must approve: an operator cannot approve their own request")
        }
        _ = try reversalTarget(serial)
        let approver = try Desk.open(storePath: store.path, operatorID: supervisorID, password: password, clock: clock,
                                     counter: counter, resources: resources)
        try approver.require(.supervision)
        return try performReversal(serial, reason: reason, approvedBy: approver.account.id).serial
    }

    /// The reversal itself: the plan worked out again inside the write, so nothing that changed since the check is
    /// undone blindly. Returns the reversal's serial and what its journal entry records.
    func performReversal(_ serial: String, reason: String, approvedBy: String) throws -> (serial: String, payload: [(String, JSONValue)]) {
        try requireHall(Bilingual(zh: "冲正", en: "a reversal"))
        let reason = try StoredText.checkOptional(reason, as: .reason) ?? "冲正"
        // Which lock it needs is decided by the kind alone; the whole plan is worked out once, inside the write.
        let kind = try store.read { try $0.journalEntry(serial: serial)?.kind } ?? ""
        // Not while a payment run writes: a death's withdrawal lines the months the runs skipped, and a run that
        // decided on a certification or a benefit must not find it gone when it writes.
        var job: JobLock?
        if ["death", "certify", "benefit.add"].contains(kind) {
            job = try store.exclusiveJob("payments", label: Bilingual(zh: "待遇发放", en: "payment run"))
            try clearUnfinishedRuns()
        }
        defer { withExtendedLifetime(job) {} }
        let written = try store.write(context, kind: kind + ".reverse") { tx in
            let plan = try reversalPlan(serial, tx)
            var payload: [(String, JSONValue)] = [("reversed", .string(serial))]
            if let id = plan.idNumber { payload.append(("id", .string(id))) }
            payload += try plan.undo(tx, approvedBy, reason)
            payload += [("reason", .string(reason)), ("approvedBy", .string(approvedBy))]
            return (payload, .object(payload))
        }
        return (written.serial, written.value)
    }

    /// A reversal worked out: what it undoes, and the writes that undo it (given the approver and the reason), which
    /// return what the reversal's journal entry records beyond the original's serial.
    private typealias ReversalPlan = (target: ReversalTarget, idNumber: String?,
                                      undo: (StoreTransaction, _ approvedBy: String, _ reason: String) throws -> [(String, JSONValue)])

    private func reversalPlan(_ serial: String, _ tx: StoreTransaction) throws -> ReversalPlan {
        let shown = StoredText.sanitised(serial, as: .reference)
        guard let entry = try tx.journalEntry(serial: serial) else {
            throw DomainError.notFound("transaction-not-found", zh: "没有流水号为 \(shown) 的业务", en: "No transaction has the serial \(shown)")
        }
        if let existing = try tx.reversal(of: serial) {
            throw DomainError.refused("already-reversed", zh: "业务 \(serial) 已于流水号 \(existing) 冲正，不能重复冲正",
                                      en: "Transaction \(serial) was already reversed by \(existing)")
        }
        if let day = LocalDate(iso: entry.businessDate), today < day {
            throw DomainError.refused("impossible-date", zh: "冲正日期 \(today.iso) 早于原业务日期 \(day.iso)",
                                      en: "A reversal on \(today.iso) would be dated before the transaction it reverses (\(day.iso))")
        }
        let fields = entry.fields
        func text(_ key: String) -> String? { fields[key] as? String }
        let idNumber = text("id")
        let person = try idNumber.flatMap { try tx.person(idNumber: $0) }
        var target = ReversalTarget(serial: serial, kind: entry.kind,
                                    citizen: person.map { ($0.person.name, $0.person.id.masked) }, undoes: Bilingual(zh: "", en: ""),
                                    fields: [], next: Bilingual(zh: "原回执作废", en: "The original receipt is void"))
        func changedSince() throws {
            // An entry from before the journal noted changed rows cannot show what came after it.
            if entry.changes.isEmpty { throw Self.recordedBefore(serial) }
            if let later = try tx.laterChange(of: serial) { throw Self.changedSince(serial, by: later) }
        }
        /// A card or e-card brought back to a live state for a person whose death is registered.
        func refuseIfDeceased(restoring live: Bool) throws {
            if live, let person, let died = try tx.deathDate(personUUID: person.uuid) {
                throw DomainError.refused("person-deceased", zh: "\(person.person.name)已于 \(died.iso) 死亡登记，不能恢复其卡证",
                                          en: "\(person.person.name)'s death on \(died.iso) is registered: their cards are not brought back")
            }
        }
        func needPerson() throws -> PersonRecord {
            guard let person else { throw Self.nothingRecorded(serial) }
            return person
        }
        switch entry.kind {
        case "settle":
            guard let settlement = try tx.settlement(serial: serial) else { throw Self.nothingRecorded(serial) }
            let funds = settlement.basic + settlement.criticalIllness + settlement.assistance
            if target.citizen == nil, let payer = try tx.person(uuid: settlement.personUUID) {
                target.citizen = (payer.person.name, payer.person.id.masked)
            }
            target.undoes = Bilingual(zh: "冲正结算 \(serial)：总额 \(settlement.total.grouped) 元，基金支付 \(funds.grouped) 元收回，个人支付 \(settlement.personal.grouped) 元退还",
                                      en: "Reversing settlement \(serial): total \(settlement.total.grouped), funds \(funds.grouped) taken back, patient's \(settlement.personal.grouped) refunded")
            target.fields = [(Bilingual(zh: "原结算总额", en: "Its total"), Bilingual(both: settlement.total.grouped)),
                             (Bilingual(zh: "收回基金支付", en: "Fund payments undone"), Bilingual(both: funds.grouped)),
                             (Bilingual(zh: "退还个人支付", en: "Patient payment refunded"), Bilingual(both: settlement.personal.grouped))]
            target.next = Bilingual(zh: "原结算单作废；基金支付已退回，个人已付金额按原方式退还",
                                    en: "The original slip is void; the funds are taken back and the patient refunded as they paid")
            return (target, idNumber, { tx, approvedBy, reason in
                try tx.insertReversal(of: serial, approvedBy: approvedBy, reason: reason)
                return [("total", .money(settlement.total))]
            })
        case "enrol":
            let (record, personUUID, reopens) = try reversibleEnrolment(entry, tx)
            let scheme = record.enrolment.scheme.label
            target.undoes = Bilingual(zh: "冲正参保登记 \(serial)（\(scheme.zh)）：删除该参保记录" + (reopens.map { "，恢复被转出的\($0.scheme.label.zh)" } ?? ""),
                                      en: "Reversing enrolment \(serial) (\(scheme.en)): the enrolment is removed" + (reopens.map { "; the \($0.scheme.label.en) its switch ended opens again" } ?? ""))
            target.fields = [(Bilingual(zh: "险种", en: "Scheme"), scheme)]
                + (reopens.map { [(Bilingual(zh: "恢复险种", en: "Scheme reopened"), $0.scheme.label)] } ?? [])
            target.next = Bilingual(zh: "原参保回执作废；如需参保请重新办理", en: "The enrolment receipt is void; enrol again if needed")
            return (target, idNumber, { tx, _, _ in
                try tx.deleteEnrolment(uuid: record.uuid)
                if let reopens { try tx.reopenEnrolment(personUUID: personUUID, scheme: reopens.scheme, endedOn: reopens.endedOn) }
                return [("scheme", .string(record.enrolment.scheme.rawValue))] + (reopens.map { [("reopened", .string($0.scheme.rawValue))] } ?? [])
            })
        case "card.register":
            guard let card = try tx.card(createdBy: serial) else { throw Self.nothingRecorded(serial) }
            try changedSince()
            if let later = try tx.laterTransaction(after: serial, kinds: ["ecard.issue"], idNumber: try needPerson().person.id.value) {
                throw Self.changedSince(serial, by: later)
            }
            target.undoes = Bilingual(zh: "冲正社保卡登记：删除卡号 \(card.card.number) 的登记", en: "Reversing the card registration: card \(card.card.number) is removed")
            target.fields = [(Bilingual(zh: "卡号", en: "Card number"), Bilingual(both: card.card.number.value))]
            target.next = Bilingual(zh: "原登记回执作废；请核对卡号后重新登记", en: "The registration receipt is void; check the number and register again")
            return (target, idNumber, { tx, _, _ in
                try tx.deleteCard(uuid: card.uuid)
                return [("number", .string(card.card.number.value))]
            })
        case "card.change", "card.replace":
            let isReplacement = entry.kind == "card.replace"
            guard let number = text(isReplacement ? "old" : "number"), let card = try tx.card(number: number) else {
                throw Self.nothingRecorded(serial)
            }
            guard let before = text("before").flatMap(PhysicalCardState.init(rawValue:)),
                  let since = text("beforeSince").flatMap(LocalDate.init(iso:)) else { throw Self.recordedBefore(serial) }
            let replacement = isReplacement ? try tx.card(createdBy: serial) : nil
            if isReplacement && replacement == nil { throw Self.nothingRecorded(serial) }
            try changedSince()
            try refuseIfDeceased(restoring: before != .cancelled)
            // A cancellation taken back while another card is in use would give the person two.
            if before != .cancelled, let person, let live = try tx.liveCard(personUUID: person.uuid), live.uuid != card.uuid,
               live.uuid != replacement?.uuid {
                throw DomainError.refused("changed-since", zh: "\(person.person.name)已有在用社保卡 \(live.card.number)，不能再恢复卡号 \(number)",
                                          en: "\(person.person.name) has card \(live.card.number) in use: card \(number) cannot come back")
            }
            if let replacement {
                target.undoes = Bilingual(zh: "冲正补换卡：新卡 \(replacement.card.number) 删除，原卡 \(number) 恢复为「\(before.label.zh)」",
                                          en: "Reversing the replacement: new card \(replacement.card.number) is removed, card \(number) is \(before.label.en) again")
                target.fields = [(Bilingual(zh: "删除新卡", en: "New card removed"), Bilingual(both: replacement.card.number.value)),
                                 (Bilingual(zh: "恢复原卡", en: "Card restored"), Bilingual(both: number))]
            } else {
                target.undoes = Bilingual(zh: "冲正社保卡状态变更：卡号 \(number) 由「\(card.card.state.label.zh)」恢复为「\(before.label.zh)」",
                                          en: "Reversing the card change: card \(number) goes from \(card.card.state.label.en) back to \(before.label.en)")
                target.fields = [(Bilingual(zh: "卡号", en: "Card number"), Bilingual(both: number))]
            }
            target.fields.append((Bilingual(zh: "恢复状态", en: "State restored"), before.label))
            return (target, idNumber, { tx, _, _ in
                if let replacement { try tx.deleteCard(uuid: replacement.uuid) }
                try tx.restoreCard(uuid: card.uuid, state: before, since: since)
                return [("number", .string(number)), ("state", .string(before.rawValue))]
            })
        case "ecard.issue":
            guard let ecard = try tx.ecard(createdBy: serial) else { throw Self.nothingRecorded(serial) }
            try changedSince()
            target.undoes = Bilingual(zh: "冲正电子社保卡签发 \(ecard.serial)：签发记录删除，激活码作废",
                                      en: "Reversing the e-card issue \(ecard.serial): the issue is removed and its activation code is void")
            target.fields = [(Bilingual(zh: "电子社保卡", en: "E-card"), Bilingual(both: ecard.serial)), (Bilingual(zh: "手机号", en: "Phone"), Bilingual(both: Person.maskPhone(ecard.phone)))]
            target.next = Bilingual(zh: "原签发回执及激活码作废；如需办理请重新签发", en: "The issue receipt and its activation code are void; issue again if needed")
            return (target, idNumber, { tx, _, _ in
                try tx.deleteECard(uuid: ecard.uuid)
                return [("ecard", .string(ecard.serial))]
            })
        case "ecard.activate", "ecard.step", "ecard.voucher":
            guard let ecardSerial = text("ecard"), let ecard = try tx.ecard(createdBy: ecardSerial) else {
                throw Self.nothingRecorded(serial)
            }
            try changedSince()
            if entry.kind == "ecard.voucher" {
                target.undoes = Bilingual(zh: "冲正医保电子凭证激活：电子社保卡 \(ecard.serial) 的医保电子凭证恢复为未激活",
                                          en: "Reversing the e-voucher activation: the e-voucher of e-card \(ecard.serial) is not active again")
                target.fields = [(Bilingual(zh: "电子社保卡", en: "E-card"), Bilingual(both: ecard.serial))]
                return (target, idNumber, { tx, _, _ in
                    try tx.deactivateVoucher(ecardUUID: ecard.uuid)
                    return [("ecard", .string(ecard.serial))]
                })
            }
            guard let before = text("before").flatMap(ECardStatus.init(rawValue:)),
                  let since = text("beforeSince").flatMap(LocalDate.init(iso:)) else { throw Self.recordedBefore(serial) }
            // A cancelled e-card comes back only while no newer one was issued.
            let holder = try needPerson()
            if let later = try tx.laterTransaction(after: serial, kinds: ["ecard.issue"], idNumber: holder.person.id.value) {
                throw Self.changedSince(serial, by: later)
            }
            if before != .cancelled, let live = try tx.liveECard(personUUID: holder.uuid), live.uuid != ecard.uuid {
                throw Self.changedSince(serial, by: live.issuedSerial)
            }
            try refuseIfDeceased(restoring: before == .issued || before == .active)
            target.undoes = Bilingual(zh: "冲正电子社保卡业务：\(ecard.serial) 由「\(ecard.status.label.zh)」恢复为「\(before.label.zh)」",
                                      en: "Reversing the e-card step: \(ecard.serial) goes from \(ecard.status.label.en) back to \(before.label.en)")
            target.fields = [(Bilingual(zh: "电子社保卡", en: "E-card"), Bilingual(both: ecard.serial)),
                             (Bilingual(zh: "恢复状态", en: "Status restored"), before.label)]
            if entry.kind == "ecard.activate" {
                target.next = Bilingual(zh: "原激活回执作废；用签发回执上的激活码可重新激活",
                                        en: "The activation receipt is void; the code on the issue receipt activates it again")
            }
            return (target, idNumber, { tx, _, _ in
                try tx.updateECard(uuid: ecard.uuid, status: before, since: since)
                return [("ecard", .string(ecard.serial)), ("status", .string(before.rawValue))]
            })
        case "certify":
            guard let certification = try tx.certification(createdBy: serial) else { throw Self.nothingRecorded(serial) }
            if let benefit = try tx.recipient(personUUID: certification.personUUID)?.benefitUUID,
               let run = try tx.laterPaymentRun(after: serial, benefitUUID: benefit) {
                throw Self.changedSince(serial, by: run)
            }
            let method = text("method").flatMap(CertificationMethod.init(rawValue:))
            target.undoes = Bilingual(zh: "冲正待遇资格认证：\(entry.businessDate) 的认证记录删除，认证到期日恢复为此前的日期",
                                      en: "Reversing the certification: the one of \(entry.businessDate) is removed and the due date is as before it")
            target.fields = [(Bilingual(zh: "认证日期", en: "Certified on"), Bilingual(both: entry.businessDate))]
                + (method.map { [(Bilingual(zh: "认证方式", en: "Method"), $0.label)] } ?? [])
            target.next = Bilingual(zh: "原认证回执作废；请按正确方式重新认证", en: "The certification receipt is void; certify again the right way")
            return (target, idNumber, { tx, _, _ in
                try tx.deleteCertification(uuid: certification.uuid)
                return [("date", .string(entry.businessDate))]
            })
        case "benefit.add":
            guard let benefit = try tx.benefit(createdBy: serial) else { throw Self.nothingRecorded(serial) }
            if try tx.benefitHasHistory(benefit) {
                throw DomainError.refused("changed-since", zh: "该待遇已有发放或追回记录，不能冲正，请办理待遇变更或终止",
                                          en: "The benefit has payments or recoveries: change or end it instead of reversing")
            }
            let holder = try needPerson()
            if let later = try tx.laterCertification(after: serial, personUUID: holder.uuid) { throw Self.changedSince(serial, by: later) }
            if let death = try tx.death(personUUID: holder.uuid) { throw Self.changedSince(serial, by: death.serial) }
            let monthly = text("monthly") ?? ""
            target.undoes = Bilingual(zh: "冲正待遇核定：月待遇 \(monthly) 元的记录删除，不再发放", en: "Reversing the benefit's start: the monthly \(monthly) is removed and not paid")
            target.fields = [(Bilingual(zh: "月待遇（元）", en: "Monthly (yuan)"), Bilingual(both: monthly)),
                             (Bilingual(zh: "起始月份", en: "From"), Bilingual(both: text("from") ?? ""))]
            target.next = Bilingual(zh: "原待遇核定回执作废；请核对后重新核定", en: "The benefit's receipt is void; check and start it again")
            return (target, idNumber, { tx, _, _ in
                try tx.deleteBenefit(uuid: benefit)
                return [("benefit", .string(monthly))]
            })
        case "death":
            let person = try needPerson()
            guard let death = try tx.death(personUUID: person.uuid), death.serial == serial else { throw Self.nothingRecorded(serial) }
            target.undoes = Bilingual(zh: "撤销死亡登记（死亡日期 \(death.date.iso)）：恢复被终止的参保和电子社保卡，取消待遇追回",
                                      en: "Withdrawing the death of \(death.date.iso): the enrolments and e-card it ended are restored, the recovery dropped")
            target.fields = [(Bilingual(zh: "死亡日期", en: "Date of death"), Bilingual(both: death.date.iso))]
            target.next = Bilingual(zh: "原死亡登记作废；停发的月份在认证有效后由下次发放补发",
                                    en: "The death registration is void; months not paid are back-paid by the next run once certified")
            return (target, idNumber, { tx, _, _ in try self.withdrawDeath(person, death, tx) })
        case let kind where kind.hasSuffix(".reverse"):
            throw DomainError.refused("not-reversible", zh: "冲正不能再冲正；如冲正有误，请重新办理原业务",
                                      en: "A reversal is not reversed: if it was wrong, do the original business again")
        default:
            throw DomainError.refused("not-reversible", zh: "人员登记、待遇发放和系统业务不在柜台冲正：人员信息有误请办理信息变更，发放有误请联系复核员",
                                      en: "Registrations, payment runs and system business are not reversed here: change a person's details, or call a supervisor about a run")
        }
    }

    /// The enrolment a transaction made, when it can still be taken back, and the scheme its switch ended.
    private func reversibleEnrolment(_ entry: JournalEntry, _ tx: StoreTransaction) throws
        -> (EnrolmentRecord, personUUID: String, reopens: (scheme: Scheme, endedOn: LocalDate)?) {
        guard let (record, personUUID) = try tx.enrolment(createdBy: entry.serial) else { throw Self.nothingRecorded(entry.serial) }
        let e = record.enrolment
        let untouched = e.status == .active && e.to == nil && e.suspensions.isEmpty
        let drawn = try tx.recipient(personUUID: personUUID).map { $0.benefit.scheme == e.scheme } ?? false
        guard untouched && !drawn else {
            throw DomainError.refused("changed-since", zh: "该参保记录办理后已有变更（暂停、终止或已开始领取待遇），不能冲正，请办理参保变更",
                                      en: "The enrolment has changed since (suspended, ended or drawn from): change it instead of reversing")
        }
        if entry.changes.isEmpty { throw Self.recordedBefore(entry.serial) }
        if let later = try tx.laterChange(of: entry.serial) { throw Self.changedSince(entry.serial, by: later) }
        // Settlements write no enrolment row but were paid under its cover: they are reversed first.
        let fields = entry.fields
        if e.scheme.isMedical, let id = fields["id"] as? String,
           let settled = try tx.laterTransaction(after: entry.serial, kinds: ["settle"], idNumber: id) {
            throw Self.changedSince(entry.serial, by: settled)
        }
        var reopens: (scheme: Scheme, endedOn: LocalDate)?
        if let ended = fields["ended"] as? [String: Any], let scheme = (ended["scheme"] as? String).flatMap(Scheme.init(rawValue:)),
           let to = (ended["to"] as? String).flatMap(LocalDate.init(iso:)) {
            reopens = (scheme, to)
        }
        return (record, personUUID, reopens)
    }

    private static func changedSince(_ serial: String, by later: String) -> DomainError {
        DomainError.refused("changed-since", zh: "业务 \(serial) 之后，流水号 \(later) 的业务又改动了同一记录，不能冲正；请先冲正后办的业务，或按规程办理变更",
                            en: "Transaction \(later) changed the same records after \(serial): reverse that one first, or change it by its procedure")
    }

    private static func recordedBefore(_ serial: String) -> DomainError {
        DomainError.refused("recorded-before", zh: "业务 \(serial) 办理时本程序尚未记录冲正所需的原状态，不能冲正；请按规程办理变更",
                            en: "\(serial) was recorded before this program kept what a reversal needs: change it by its procedure")
    }

    private static func nothingRecorded(_ serial: String) -> DomainError {
        DomainError.refused("nothing-recorded", zh: "业务 \(serial) 留下的记录已不在（或当时未记录任何变化），无可冲正",
                            en: "What \(serial) recorded is no longer there (or it recorded no change): nothing to reverse")
    }
}
