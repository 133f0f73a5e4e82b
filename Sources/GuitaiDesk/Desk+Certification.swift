import GuitaiCore
import GuitaiStore

extension Desk {
    /// Starts a monthly benefit for a registered person: a pension enrolment of theirs begun by the first month, and
    /// the scheme's pension age reached by then (`BenefitRules`); the scheme defaults to their employee pension, else
    /// their resident pension.
    public func addBenefit(idNumber: String, monthly text: String, from monthText: String, scheme schemeText: String? = nil) throws -> String {
        try require(.counter)
        let monthly = try Benefit.monthly(typed: text).get()
        guard let start = YearMonth(iso: monthText) else {
            throw DomainError(.usage, code: "bad-month", zh: "起始月份「\(monthText)」应写作 YYYY-MM", en: "The start month \"\(monthText)\" should be YYYY-MM")
        }
        var requested: Scheme?
        if let schemeText {
            guard let s = Scheme(rawValue: schemeText), s == .residentPension || s == .employeePension else {
                throw DomainError(.usage, code: "unknown-scheme", zh: "待遇险种应为 resident-pension 或 employee-pension",
                                  en: "The benefit's scheme is resident-pension or employee-pension")
            }
            requested = s
        }
        let library = try policyLibrary()
        return try store.write(context, kind: "benefit.add") { tx in
            let person = try requirePerson(idNumber, in: tx)
            try requireLiving(person, tx, step: Bilingual(zh: "登记月待遇", en: "benefit"))
            if try tx.recipient(personUUID: person.uuid) != nil {
                throw DomainError.refused("duplicate-benefit", zh: "\(person.person.name)已有月待遇记录", en: "\(person.person.name) already has a monthly benefit")
            }
            let enrolments = try tx.enrolments(personUUID: person.uuid).map(\.enrolment)
            let ages = library.select(regionCode: person.person.regionCode, year: start.year)?.policy.pensionAge ?? .national
            let scheme = try BenefitRules.scheme(requested: requested, start: start, person: person.person, enrolments: enrolments,
                                                 ages: ages, businessDate: today)
            try tx.insertBenefit(Benefit(scheme: scheme, monthly: monthly, start: start), personUUID: person.uuid)
            return ((), ["id": .string(person.person.id.value), "scheme": .string(scheme.rawValue), "monthly": .money(monthly),
                         "from": .string(start.iso)])
        }.serial
    }

    private func requireRecipient(_ person: PersonRecord, _ tx: StoreTransaction) throws -> RecipientRecord {
        guard let recipient = try tx.recipient(personUUID: person.uuid) else {
            throw DomainError.refused("not-a-recipient", zh: "\(person.person.name)没有月待遇记录，无需认证",
                                      en: "\(person.person.name) receives no monthly benefit: nothing to certify")
        }
        return recipient
    }

    /// Records a certification on the business date; returns the next due date.
    public func certify(idNumber: String, method text: String, reference: String?) throws -> (nextDue: LocalDate, serial: String) {
        try require(.counter)
        guard let method = CertificationMethod(rawValue: text) else {
            throw DomainError(.usage, code: "bad-method", zh: "认证方式应为 counter、home、video、self-service 或 data",
                              en: "The method is counter, home, video, self-service or data")
        }
        let reference = try StoredText.checkOptional(reference, as: .reference)
        if method == .video && reference == nil {
            throw DomainError.refused("no-reference", zh: "视频认证须记录通话编号", en: "A video certification needs the call's reference")
        }
        let date = today
        let (due, serial) = try store.write(context, kind: "certify") { tx in
            let person = try requirePerson(idNumber, in: tx)
            try requireLiving(person, tx, step: Bilingual(zh: "认证", en: "certification"))
            _ = try requireRecipient(person, tx)
            if method == .data {
                let evidence = try tx.inPersonEvidence(since: date.adding(months: -CertificationCycle.months))[person.person.id.value]
                guard evidence != nil else {
                    throw DomainError.refused("no-evidence", zh: "近12个月内没有本人到场办理或医疗结算记录，不能信息比对认证",
                                              en: "No in-person transaction or medical settlement in the last 12 months: data comparison cannot certify")
                }
            }
            _ = try tx.insertCertification(personUUID: person.uuid, on: date, method: method, reference: reference)
            let due = CertificationCycle.nextDue(lastCertified: date, benefitStart: date.yearMonth)
            return (due, ["id": .string(person.person.id.value), "method": .string(method.rawValue), "date": .string(date.iso),
                          "ref": .optional(reference), "nextDue": .string(due.iso)])
        }
        return (due, serial)
    }

    /// Recipients due within `days`, overdue or suspended, under a region prefix: for planning outreach. The most
    /// pressing first (the earliest due date, then the ID number), on the desk and the command line alike.
    /// - Throws: `bad-region` or `bad-days` (usage) for a prefix that is not digits or a negative or absurd window.
    public func dueList(within days: Int, regionPrefix: String) throws -> [DueEntry] {
        try require(.counter)
        try checkRegionPrefix(regionPrefix)
        guard (0...3660).contains(days) else {
            throw DomainError(.usage, code: "bad-days", zh: "天数应在0到3660之间", en: "The number of days lies between 0 and 3,660")
        }
        let date = today
        return try store.read { tx in
            try tx.recipients(dueBy: date.adding(days: days), regionPrefix: regionPrefix).compactMap { listed -> DueEntry? in
                let r = listed.recipient
                guard r.benefit.deathDate == nil else { return nil }
                let standing = CertificationCycle.standing(on: date, due: r.due)
                if standing == .overdue {
                    return DueEntry(recipient: r, state: listed.owesMonths ? "suspended" : "overdue")
                }
                return r.due <= date.adding(days: days) ? DueEntry(recipient: r, state: "due-soon") : nil
            }.sorted { ($0.recipient.due, $0.recipient.idNumber) < ($1.recipient.due, $1.recipient.idNumber) }
        }
    }
}

extension Desk {
    /// A recipient's months suspended by payment runs and not yet back-paid, in order, and the back-pay they come to at
    /// the current monthly amount (paid by the next run once the person is certified). Empty for anyone else.
    public func suspendedMonths(idNumber: String) throws -> (months: [YearMonth], backPay: Money) {
        try require(.counter)
        return try store.read { tx in
            let person = try requirePerson(idNumber, in: tx)
            guard let recipient = try tx.recipient(personUUID: person.uuid) else { return ([], .zero) }
            let owed = try tx.paymentState(for: today.yearMonth, benefitUUID: recipient.benefitUUID).owed.sorted()
            return (owed, recipient.benefit.monthly.times(owed.count))
        }
    }
}
