import GuitaiCore
import GuitaiStore

extension Desk {
    /// Enrols a registered person in a scheme, ending the other scheme of the pair when the clerk chose to switch.
    public func enrol(_ form: EnrolmentForm) throws -> EnrolmentReceipt {
        try require(.counter)
        let request = try enrolmentRequest(form)
        let library = try policyLibrary()
        let scheme = request.scheme, from = request.from
        let (receipt, serial) = try store.write(context, kind: "enrol") { tx in
            let (record, policy, plan) = try enrolmentPlan(request, idNumber: form.idNumber, library: library, tx)
            if let ends = plan.ends {
                try tx.endOpenEnrolment(personUUID: record.uuid, scheme: ends.scheme, on: ends.on, status: .terminated)
            }
            _ = try tx.insertEnrolment(plan.enrolment, personUUID: record.uuid)
            var payload: [(String, JSONValue)] = [
                ("id", .string(record.person.id.value)), ("scheme", .string(scheme.rawValue)), ("from", .string(from.iso)),
                ("coverFrom", .string(plan.enrolment.coverFrom.iso)), ("policy", .string(policy.id)),
            ]
            if let ends = plan.ends { payload.append(("ended", ["scheme": .string(ends.scheme.rawValue), "to": .string(ends.on.iso)])) }
            if let quote = plan.contribution { payload.append(("personal", .money(quote.personal))) }
            if let refund = plan.overlapRefund { payload.append(("overlapRefund", .money(refund.amount))) }
            return (EnrolmentReceipt(serial: "", person: record.person, plan: plan, policyID: policy.id), .object(payload))
        }
        var result = receipt
        result.serial = serial
        return result
    }

    /// The plan an enrolment would make, recording nothing, and the contribution grades the policy offers for the
    /// scheme (empty when it has none): for the confirmation, where the clerk may change the grade, the start date and
    /// the employee status before anything is written.
    /// - Throws: what `enrol` would throw for the same form.
    public func previewEnrolment(_ form: EnrolmentForm) throws -> (plan: EnrolmentPlan, grades: [Money]) {
        try require(.counter)
        let request = try enrolmentRequest(form)
        let library = try policyLibrary()
        return try store.read { tx in
            let (_, policy, plan) = try enrolmentPlan(request, idNumber: form.idNumber, library: library, tx)
            return (plan, request.scheme == .residentPension ? policy.pension.grades : [])
        }
    }

    /// The person, the policy in force and the plan for a request, checked as the write checks it.
    private func enrolmentPlan(_ request: EnrolmentRequest, idNumber: String, library: PolicyLibrary,
                               _ tx: StoreTransaction) throws -> (PersonRecord, Policy, EnrolmentPlan) {
        let record = try requirePerson(idNumber, in: tx)
        try requireLiving(record, tx, step: Bilingual(zh: "参保", en: "enrolment"))
        guard let policy = library.select(regionCode: record.person.regionCode, year: request.from.year)?.policy else {
            throw DomainError.refused("no-policy", zh: "没有适用于该地区的政策", en: "No policy serves this region")
        }
        let existing = try tx.enrolments(personUUID: record.uuid).map(\.enrolment)
        let plan = try EnrolmentRules.plan(request, person: record.person, existing: existing, policy: policy,
                                           businessDate: today, drawing: try drawnSchemes(record, tx))
        return (record, policy, plan)
    }

    /// The form's words read into a request.
    /// - Throws: `unknown-scheme`, `bad-date`, `bad-status`, `bad-amount`, `bad-credit-code` (usage, 64).
    private func enrolmentRequest(_ form: EnrolmentForm) throws -> EnrolmentRequest {
        guard let scheme = Scheme(rawValue: form.scheme) else {
            let list = Scheme.allCases.map(\.rawValue).joined(separator: ", ")
            throw DomainError(.usage, code: "unknown-scheme", zh: "没有险种「\(form.scheme)」，可选：\(list)",
                              en: "There is no scheme \"\(form.scheme)\"; choose one of \(list)")
        }
        let from = try form.from.map { try DateInput.date($0, field: Bilingual(zh: "参保日期", en: "the enrolment date")) } ?? today
        var status: EmploymentStatus?
        if let text = form.status {
            guard let value = EmploymentStatus(rawValue: text) else {
                throw DomainError(.usage, code: "bad-status", zh: "在职状态应为 in-service 或 retired", en: "The status is in-service or retired")
            }
            status = value
        }
        let grade = try form.grade.map { text -> Money in
            guard let money = Money(yuan: text), money.fen > 0 else {
                throw DomainError(.usage, code: "bad-amount", zh: "缴费档次「\(text)」应为金额（元）", en: "The grade \"\(text)\" should be an amount in yuan")
            }
            return money
        }
        let employer = try form.employer.map { try SocialCreditCode.parse($0).get() }
        return EnrolmentRequest(scheme: scheme, from: from, employmentStatus: status, grade: grade, employer: employer,
                                switchPair: form.switchPair)
    }
}

extension Desk {
    /// Suspends, resumes, terminates or transfers out a person's open enrolment in a scheme.
    public func changeEnrolment(idNumber: String, scheme schemeText: String, to statusText: String,
                                date dateText: String?) throws -> (enrolment: Enrolment, serial: String) {
        try require(.counter)
        guard let scheme = Scheme(rawValue: schemeText) else {
            throw DomainError(.usage, code: "unknown-scheme", zh: "没有险种「\(schemeText)」", en: "There is no scheme \"\(schemeText)\"")
        }
        guard let status = EnrolmentStatus(rawValue: statusText),
              let transition = EnrolmentTransition.allCases.first(where: { $0.target == status }) else {
            throw DomainError(.usage, code: "bad-status", zh: "状态应为 active、suspended、terminated 或 transferred",
                              en: "The status is active, suspended, terminated or transferred")
        }
        let date = try dateText.map { try DateInput.date($0, field: Bilingual(zh: "变更日期", en: "the date")) } ?? today
        let (changed, serial) = try store.write(context, kind: "enrol.change") { tx in
            let person = try requirePerson(idNumber, in: tx)
            try requireLiving(person, tx, step: Bilingual(zh: "变更参保状态", en: "enrolment change"))
            try LifeRules.checkDate(date, of: Bilingual(zh: "变更日期", en: "the date of the change"),
                                    birth: person.person.id.birthDate, businessDate: today)
            if transition == .resume, try drawnSchemes(person, tx).contains(scheme) {
                throw DomainError.refused("drawing-pension", zh: "此人正在领取\(scheme.label.zh)待遇，该险种不再缴费",
                                          en: "This person draws a benefit from the \(scheme.label.en), which takes no new contributions")
            }
            let records = try tx.enrolments(personUUID: person.uuid)
            // The open enrolment if there is one, else the latest, so the refusal can name its state.
            guard let record = records.last(where: { $0.enrolment.scheme == scheme && $0.enrolment.status.isOpen })
                    ?? records.last(where: { $0.enrolment.scheme == scheme }) else {
                throw DomainError.notFound("enrolment-not-found", zh: "\(person.person.name)没有参加\(scheme.label.zh)",
                                           en: "\(person.person.name) is not enrolled in the \(scheme.label.en)")
            }
            let changed = try transition.apply(to: record.enrolment, on: date)
            try tx.updateEnrolment(uuid: record.uuid, to: changed)
            return (changed, ["id": .string(person.person.id.value), "scheme": .string(scheme.rawValue),
                              "from": .string(record.enrolment.status.rawValue), "to": .string(changed.status.rawValue),
                              "date": .string(date.iso)])
        }
        return (changed, serial)
    }
}

extension Desk {
    /// Every scheme for a person on a date: the ones they may join (with contribution, subsidy and cover date)
    /// and why the others are closed. Reads only.
    public func enrolmentOptions(idNumber: String, from: LocalDate? = nil, switchPair: Bool = false,
                                 employer employerText: String? = nil) throws -> [EnrolmentOption] {
        try require(.counter)
        let date = from ?? today
        let employer = try employerText.flatMap { $0.isEmpty ? nil : try SocialCreditCode.parse($0).get() }
        let library = try policyLibrary()
        return try store.read { tx in
            let record = try requirePerson(idNumber, in: tx)
            let existing = try tx.enrolments(personUUID: record.uuid).map(\.enrolment)
            guard let policy = library.select(regionCode: record.person.regionCode, year: date.year)?.policy else { return [] }
            let death = try tx.deathDate(personUUID: record.uuid)
            let drawing = try drawnSchemes(record, tx)
            return Scheme.allCases.map { scheme in
                let request = EnrolmentRequest(scheme: scheme, from: date, employer: employer, switchPair: switchPair)
                do {
                    try LifeRules.refuseAfterDeath(death, name: record.person.name, step: Bilingual(zh: "参保", en: "enrolment"))
                    return EnrolmentOption(scheme: scheme, plan: try EnrolmentRules.plan(request, person: record.person, existing: existing,
                                                                                         policy: policy, businessDate: today, drawing: drawing))
                } catch let error as DomainError {
                    return EnrolmentOption(scheme: scheme, closedBecause: error)
                } catch {
                    return EnrolmentOption(scheme: scheme, closedBecause: DomainError(.failure, code: "internal-error", zh: "\(error)", en: "\(error)"))
                }
            }
        }
    }
}

extension Desk {
    /// The pension schemes a person draws a monthly benefit from: they take no new contributions.
    func drawnSchemes(_ record: PersonRecord, _ tx: StoreTransaction) throws -> Set<Scheme> {
        guard let recipient = try tx.recipient(personUUID: record.uuid) else { return [] }
        return [recipient.benefit.scheme]
    }
}
