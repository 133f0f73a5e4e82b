import GuitaiCore
import GuitaiStore

extension Desk {
    /// Settles a bill in one step across the three layers; with `preview`, computes the same slip and records nothing.
    public func settle(_ form: SettleForm, preview: Bool = false, language: Language = .zh) throws -> SettlementReceipt {
        try require(.counter)
        if !preview { try requireHall(Bilingual(zh: "医疗费用结算（可以试算）", en: "settling a bill (a preview is possible)")) }
        let date = try form.date.map { try DateInput.date($0, field: Bilingual(zh: "结算日期", en: "the settlement date")) } ?? today
        guard let visit = VisitType(rawValue: form.visit) else {
            throw DomainError(.usage, code: "bad-visit", zh: "就诊类型应为 outpatient 或 inpatient", en: "The visit is outpatient or inpatient")
        }
        guard let levelNumber = Int(form.level), let level = HospitalLevel(rawValue: levelNumber) else {
            throw DomainError(.usage, code: "bad-level", zh: "医院等级应为 1、2 或 3", en: "The hospital level is 1, 2 or 3")
        }
        let items = try form.billItems()
        let bill = Bill(date: date, visit: visit, level: level, major: form.major, items: items)
        if let problem = bill.validate() { throw problem }
        let library = try policyLibrary()

        func compute(_ tx: StoreTransaction, serial: String?) throws -> SettlementReceipt {
            let record = try requirePerson(form.idNumber, in: tx)
            try LifeRules.checkDate(date, of: Bilingual(zh: "就诊日期", en: "the visit date"), birth: record.person.id.birthDate,
                                    businessDate: today)
            try LifeRules.refuseVisit(on: date, death: try tx.deathDate(personUUID: record.uuid), name: record.person.name)
            let enrolments = try tx.enrolments(personUUID: record.uuid).map(\.enrolment)
            let cover = MedicalCover.on(date, among: enrolments)
            var region = record.person.regionCode
            if case .covered(_, _, let insuredRegion) = cover { region = insuredRegion }
            guard let selection = library.select(regionCode: region, year: date.year) else {
                throw DomainError.refused("no-policy", zh: "没有适用于地区 \(region) 的政策", en: "No policy serves region \(region)")
            }
            let ytd = try tx.yearToDate(personUUID: record.uuid, year: date.year)
            let result = try SettlementEngine.settle(bill, cover: cover, groups: record.person.groups(on: date),
                                                     policy: selection.policy, yearToDate: ytd)
            let header = SlipHeader(hallName: store.hall.name, serial: serial, date: date, operatorName: account.name,
                                    operatorID: account.id, window: counter, at: clock.secondsSince1970(), isPreview: serial == nil, isTraining: store.hall.isTraining,
                                    policyIsHallDefault: selection.isHallDefault)
            let slip = SettlementSlip.render(result, person: record.person, header: header, language: language)
            return SettlementReceipt(serial: serial, person: record.person, result: result, slip: slip)
        }

        if preview { return try store.read { tx in try compute(tx, serial: nil) } }
        let (receipt, _) = try store.write(context, kind: "settle") { tx in
            let receipt = try compute(tx, serial: tx.serial)
            let record = try requirePerson(receipt.person.id.value, in: tx)
            try tx.insertSettlement(receipt.result, personUUID: record.uuid, items: BillItemsInput.render(items), slip: receipt.slip)
            let r = receipt.result
            let payload: JSONValue = [
                "id": .string(receipt.person.id.value), "date": .string(date.iso), "visit": .string(visit.rawValue),
                "level": .int(Int64(level.rawValue)), "policy": .string(r.policyID), "total": .money(r.total),
                "basic": .money(r.basicPaid), "criticalIllness": .money(r.criticalIllnessPaid),
                "assistance": .money(r.assistancePaid), "personal": .money(r.personal.total),
            ]
            return (receipt, payload)
        }
        return receipt
    }

    /// Reverses a settlement (supervisors only): a new transaction, never an edit. Later settlements see lower accumulators.
    /// - Throws: `settlement-not-found` for a serial that is no settlement; otherwise what `reverse` throws
    ///   (`already-reversed`, `impossible-date` when the business date is before the settlement's, `bad-text`).
    public func reverseSettlement(_ serial: String, reason: String = "冲正") throws -> String {
        try require(.supervision)
        try requireHall(Bilingual(zh: "冲正", en: "a reversal"))
        guard try store.read({ try $0.journalEntry(serial: serial)?.kind }) == "settle" else {
            throw DomainError.notFound("settlement-not-found", zh: "没有流水号为 \(StoredText.sanitised(serial, as: .reference)) 的结算",
                                       en: "No settlement has the serial \(StoredText.sanitised(serial, as: .reference))")
        }
        return try reverse(serial, reason: reason)
    }

    /// Checks the store's integrity and the journal's chain (supervisors; on an outreach laptop, its one operator, who
    /// must be able to prove the laptop's store before bringing it home).
    public func verify() throws -> VerificationReport {
        try require(store.hall.isOutreach ? .counter : .supervision)
        return try store.verify()
    }
}

extension Desk {
    /// This operator's transactions today, for the day's receipts list.
    public func todaysReceipts() throws -> [JournalEntry] {
        try require(.counter)
        return try store.read { try $0.journal(on: today, operatorID: account.id) }
    }

    /// A recorded settlement's slip as printed, to show or print again.
    public func storedSlip(serial: String) throws -> String? {
        try require(.counter)
        return try store.read { try $0.settlement(serial: serial)?.slip }
    }
}
