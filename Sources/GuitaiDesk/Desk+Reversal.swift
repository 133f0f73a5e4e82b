import Foundation
import GuitaiCore
import GuitaiStore

/// Undoing at the counter what was recorded in error: a settlement (any day after it, a new transaction taking its
/// payments back) or an enrolment (the day it was made, before anything else touched it). Always a supervisor's
/// transaction, approved on the spot by someone other than the operator who asks.
extension Desk {
    /// What a reversal would undo.
    public enum ReversalTarget: Sendable {
        case settlement(SettlementRecord)
        /// The enrolment, and the scheme its switch ended (reopened by the reversal).
        case enrolment(EnrolmentRecord, reopens: (scheme: Scheme, endedOn: LocalDate)?)
    }

    /// The serial of the reversal that undid a transaction (a settlement, an enrolment), if one did.
    public func reversal(of serial: String) throws -> String? {
        try require(.counter)
        return try store.read { try $0.reversal(of: serial) }
    }

    /// What reversing this transaction would undo, checked before anyone is asked for a password.
    /// - Throws: `not-reversible` for kinds the counter does not reverse; `settlement-not-found`, `already-reversed`,
    ///   `impossible-date`; for an enrolment `reversal-too-late` (another day), `changed-since` (suspended, ended or
    ///   drawn from since).
    public func reversalTarget(_ serial: String) throws -> ReversalTarget {
        try require(.counter)
        return try store.read { tx in try reversalTarget(serial, tx) }
    }

    private func reversalTarget(_ serial: String, _ tx: StoreTransaction) throws -> ReversalTarget {
        guard let entry = try tx.journalEntry(serial: serial) else {
            throw DomainError.notFound("transaction-not-found", zh: "没有流水号为 \(StoredText.sanitised(serial, as: .reference)) 的业务",
                                       en: "No transaction has the serial \(StoredText.sanitised(serial, as: .reference))")
        }
        switch entry.kind {
        case "settle":
            return .settlement(try reversibleSettlement(serial, tx))
        case "enrol":
            return try reversibleEnrolment(entry, tx)
        default:
            throw DomainError.refused("not-reversible", zh: "柜台冲正适用于结算和当日的参保登记；其他业务请按规程办理变更",
                                      en: "The counter reverses settlements and enrolments of the day; other business is changed by its own procedure")
        }
    }

    private func reversibleEnrolment(_ entry: JournalEntry, _ tx: StoreTransaction) throws -> ReversalTarget {
        if let existing = try tx.reversal(of: entry.serial) {
            throw DomainError.refused("already-reversed", zh: "参保登记 \(entry.serial) 已于流水号 \(existing) 冲正，不能重复冲正",
                                      en: "Enrolment \(entry.serial) was already reversed by \(existing)")
        }
        guard entry.businessDate == today.iso else {
            throw DomainError.refused("reversal-too-late", zh: "参保登记只能在办理当日冲正（本笔办于 \(entry.businessDate)）；之后请办理参保变更",
                                      en: "An enrolment is reversed only on its own day (this one is of \(entry.businessDate)); change it instead")
        }
        guard let (record, personUUID) = try tx.enrolment(createdBy: entry.serial) else {
            throw DomainError.notFound("enrolment-not-found", zh: "流水号 \(entry.serial) 没有对应的参保记录", en: "No enrolment was made by \(entry.serial)")
        }
        let e = record.enrolment
        let untouched = e.status == .active && e.to == nil && e.suspensions.isEmpty
        let drawn = try tx.recipient(personUUID: personUUID).map { $0.benefit.scheme == e.scheme } ?? false
        guard untouched && !drawn else {
            throw DomainError.refused("changed-since", zh: "该参保记录办理后已有变更（暂停、终止或已开始领取待遇），不能冲正，请办理参保变更",
                                      en: "The enrolment has changed since (suspended, ended or drawn from): change it instead of reversing")
        }
        var reopens: (scheme: Scheme, endedOn: LocalDate)?
        if let payload = try? JSONSerialization.jsonObject(with: Data(entry.payload.utf8)) as? [String: Any],
           let ended = payload["ended"] as? [String: Any], let scheme = (ended["scheme"] as? String).flatMap(Scheme.init(rawValue:)),
           let to = (ended["to"] as? String).flatMap(LocalDate.init(iso:)) {
            reopens = (scheme, to)
        }
        return .enrolment(record, reopens: reopens)
    }

    /// Reverses an enrolment recorded in error on the day it was made (supervisors): the enrolment goes, and a scheme
    /// its switch ended is open again.
    /// - Throws: what `reversalTarget` throws for it.
    public func reverseEnrolment(_ serial: String, reason: String) throws -> String {
        try require(.supervision)
        let reason = try StoredText.checkOptional(reason, as: .reason) ?? "冲正"
        return try store.write(context, kind: "enrol.reverse") { tx in
            guard let entry = try tx.journalEntry(serial: serial), entry.kind == "enrol" else {
                throw DomainError.notFound("enrolment-not-found", zh: "流水号 \(StoredText.sanitised(serial, as: .reference)) 不是参保登记",
                                           en: "\(StoredText.sanitised(serial, as: .reference)) is not an enrolment")
            }
            guard case .enrolment(let record, let reopens) = try reversibleEnrolment(entry, tx),
                  let (_, personUUID) = try tx.enrolment(createdBy: serial) else { return ((), [:]) }
            try tx.deleteEnrolment(uuid: record.uuid)
            if let reopens { try tx.reopenEnrolment(personUUID: personUUID, scheme: reopens.scheme, endedOn: reopens.endedOn) }
            var payload: [(String, JSONValue)] = [("reversed", .string(serial)), ("scheme", .string(record.enrolment.scheme.rawValue)),
                                                  ("reason", .string(reason))]
            if let reopens { payload.append(("reopened", .string(reopens.scheme.rawValue))) }
            return ((), .object(payload))
        }.serial
    }
}
