import Foundation
import GuitaiCore
import GuitaiStore

extension Desk {
    /// Which steps of a scenario are done, in order, read in one snapshot: a step is done when every condition of its
    /// check holds in the store now.
    /// - Throws: the store's refusals; a condition naming an ID number that does not read is simply not met.
    public func progress(of steps: [ScenarioStep]) throws -> [Bool] {
        try store.read { tx in try steps.map { step in try step.check.allSatisfy { try holds($0, tx) } } }
    }

    /// Whether one step is done (`progress`).
    public func isDone(_ step: ScenarioStep) throws -> Bool { try progress(of: [step]) == [true] }

    private func holds(_ condition: ScenarioCondition, _ tx: StoreTransaction) throws -> Bool {
        let since = TrainingStore.classroomDate
        if condition.kind == .notice {
            return try tx.journal(kind: "notice.print", onOrAfter: since).contains { entry in
                let payload = (try? JSONSerialization.jsonObject(with: Data(entry.payload.utf8))) as? [String: Any]
                return condition.topic.map { $0 == payload?["topic"] as? String } ?? true
            }
        }
        guard let text = condition.id, let id = try? parseID(text), let person = try tx.person(idNumber: id.value) else { return false }
        switch condition.kind {
        case .registered, .notice:
            return true
        case .enrolled:
            return try tx.enrolments(personUUID: person.uuid).contains { record in
                record.enrolment.scheme.rawValue == condition.scheme
                    && condition.accepts(record.enrolment.status.rawValue, otherwise: EnrolmentStatus.active.rawValue)
                    && (condition.grade.map { $0 == "any" ? record.enrolment.grade != nil : Money(yuan: $0) == record.enrolment.grade } ?? true)
            }
        case .ecard:
            return try tx.latestECard(personUUID: person.uuid).map { condition.accepts($0.status.rawValue) } ?? false
        case .voucher:
            return try tx.latestECard(personUUID: person.uuid)?.voucherOn != nil
        case .certified:
            return try tx.certifications(personUUID: person.uuid).contains { record in
                record.date >= since && (condition.method.map { $0 == record.method.rawValue } ?? true)
            }
        case .paid:
            guard let benefit = try tx.recipient(personUUID: person.uuid)?.benefitUUID else { return false }
            return try tx.payments(benefitUUID: benefit).contains { line in
                line.kind == condition.payment && (condition.month.map { $0 == line.month.iso } ?? true)
            }
        case .death:
            guard try tx.deathDate(personUUID: person.uuid) != nil else { return false }
            guard let overpaid = condition.overpaid else { return true }
            guard let benefit = try tx.recipient(personUUID: person.uuid)?.benefitUUID else { return false }
            return try tx.recoveries(benefitUUID: benefit).contains { $0 == Money(yuan: overpaid) }
        case .settled:
            return try tx.settlements(personUUID: person.uuid).contains { s in
                (s.reversedBy == nil || condition.status == "any") && s.recordedOn >= since && (condition.total.map { Money(yuan: $0) == s.total } ?? true)
                    && (condition.layers != true || (s.basic > .zero && s.criticalIllness > .zero && s.assistance > .zero))
            }
        case .reversed:
            return try tx.settlements(personUUID: person.uuid).contains { $0.reversedBy != nil }
        }
    }

    /// Records that a procedure's one-time list of documents (一次性告知单) was printed for the citizen: the hall can
    /// show what it told whom, and a training scenario can see the step done.
    /// - Parameters:
    ///   - topic: the screen's catalogue key stem (`register`, `enrol`, `ecard`, `certify`, `settle`).
    ///   - idNumber: the citizen pinned at the desk, when there is one.
    public func recordNoticePrinted(topic: String, idNumber: String?) throws {
        try require(.counter)
        let topic = StoredText.sanitised(topic, as: .reference)
        _ = try store.write(context, kind: "notice.print") { _ in
            ((), .object([("topic", .string(topic))] + (idNumber.map { [("id", .string($0))] } ?? [])))
        }
    }
}
