import GuitaiCore
import GuitaiStore

extension Desk {
    /// Registers a person; the same ID number twice is refused.
    public func addPerson(_ form: PersonForm) throws -> (details: PersonDetails, serial: String) {
        try require(.counter)
        let id = try parseID(form.idNumber)
        if store.hall.isTraining && !id.isTraining {
            throw DomainError.refused("real-id-on-training-store", zh: "培训库只登记以99开头的虚拟身份证号，不能录入真实人员",
                                      en: "A training store registers only synthetic numbers starting with 99, never real people")
        }
        let name = try StoredText.check(form.name, as: .name)
        let ethnicity = try StoredText.checkOptional(form.ethnicity, as: .ethnicity)
        let address = try StoredText.checkOptional(form.address, as: .address)
        let phone = try form.phone.map { try Person.validatePhone($0).get() }
        var household: Household?
        if let text = form.household {
            guard let value = Household(typed: text) else {
                throw DomainError(.usage, code: "bad-household", zh: "户籍性质应为 城镇（urban）或 农村（rural）",
                                  en: "The household is urban or rural")
            }
            household = value
        }
        let region = form.regionCode ?? id.regionCode
        if region.count != 6 || !region.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw DomainError.refused("unknown-region", zh: "行政区划代码应为6位数字，现为「\(region)」",
                                      en: "A division code has 6 digits; \"\(region)\" does not")
        }
        if region != id.regionCode && !resources.divisions.contains(region) && !(store.hall.isTraining && region.hasPrefix("99")) {
            throw DomainError.refused("unknown-region", zh: "行政区划代码 \(region) 不在代码表中",
                                      en: "The division code \(region) is not in the division table")
        }
        var groups: [GroupMembership] = []
        for text in form.groups {
            let membership = try GroupMembership.parse(text, defaultFrom: today).get()
            try LifeRules.checkDate(membership.from, of: Bilingual(zh: "群体「\(membership.group.label.zh)」的起始日期",
                                                                   en: "the start of the group \(membership.group.rawValue)"),
                                    birth: id.birthDate, businessDate: today)
            if let twin = groups.first(where: { $0.group == membership.group && $0.overlaps(membership) }) {
                throw DomainError.refused("bad-group", zh: "群体「\(membership.group.label.zh)」重复登记（\(twin.from.iso) 起已有）",
                                          en: "The group \(membership.group.rawValue) is given twice (already from \(twin.from.iso))")
            }
            groups.append(membership)
        }
        let person = Person(id: id, name: name, ethnicity: ethnicity, household: household, regionCode: region,
                            address: address, phone: phone, isStudent: form.isStudent, groups: groups)
        let (uuid, serial) = try store.write(context, kind: "person.add") { tx in
            if let existing = try tx.person(idNumber: id.value) {
                throw DomainError.refused("duplicate-person", zh: "身份证号 \(id.masked) 已登记（\(existing.person.name)），不能重复登记",
                                          en: "ID number \(id.masked) is already registered (\(existing.person.name))")
            }
            let uuid = try tx.insertPerson(person, initials: resources.pinyin.pattern(for: name))
            let payload: JSONValue = [
                "uuid": .string(uuid), "id": .string(id.value), "name": .string(name), "region": .string(region),
                "groups": .array(groups.map { .string([$0.group.rawValue, $0.from.iso, $0.to?.iso ?? ""].joined(separator: ":")) }),
            ]
            return (uuid, payload)
        }
        let details = try store.read { tx in
            guard let record = try tx.person(uuid: uuid) else { throw DomainError.notFound("person-not-found", zh: "刚登记的人员未找到", en: "The person just registered was not found") }
            return try self.details(of: record, tx: tx)
        }
        return (details, serial)
    }

    /// Everything about one person.
    public func showPerson(_ idText: String) throws -> PersonDetails {
        try require(.counter)
        return try store.read { tx in try details(of: try requirePerson(idText, in: tx), tx: tx) }
    }

    /// Finds people by full ID number, its last digits, part of the name, or pinyin initials: up to 50, each with what
    /// a list of matches shows (through the search index: `PersonSearchKeys`).
    public func findPersons(_ query: String) throws -> [PersonMatch] {
        try require(.counter)
        return try store.read { tx in
            try tx.findPersons(query).map { record in
                PersonMatch(person: record.person, age: record.person.age(on: today), place: resources.divisions.place(of: record.person.regionCode))
            }
        }
    }

    /// Records that the clerk asked to see full ID numbers: viewing them unmasked is audited.
    public func auditFullView(of people: [Person], reason: String) throws {
        try require(.counter)
        guard !people.isEmpty else { return }
        _ = try store.write(context, kind: "person.view-full") { _ in
            ((), ["ids": .array(people.map { .string($0.id.value) }), "reason": .string(StoredText.sanitised(reason, as: .reason))])
        }
    }

    /// Records that a list with full ID numbers left the store for a script (`cli.md`): who took it (the journal's
    /// operator), when (its time), which list with which filter, and how many numbers.
    /// - Throws: the store's refusals; nothing is shown when the audit cannot be recorded.
    public func auditList(_ list: String, count: Int, filter: [(String, String)] = []) throws {
        guard count > 0 else { return }
        _ = try store.write(context, kind: "audit.list") { _ in
            ((), .object([("list", .string(list)), ("count", .int(Int64(count)))]
                + filter.map { ($0.0, .string(StoredText.sanitised($0.1, as: .reason))) }))
        }
    }

    func details(of record: PersonRecord, tx: StoreTransaction) throws -> PersonDetails {
        let card = try tx.liveCard(personUUID: record.uuid)
        let ecard = try tx.latestECard(personUUID: record.uuid)
        var unusable: Bilingual?
        if let ecard, ecard.status != .cancelled {
            unusable = card?.card.unusableReason(on: today) ?? (card == nil ? Bilingual(zh: "没有在用的实体社保卡", en: "no physical card in use") : nil)
        }
        return PersonDetails(record: record, place: resources.divisions.place(of: record.person.regionCode),
                             age: record.person.age(on: today), enrolments: try tx.enrolments(personUUID: record.uuid),
                             settlements: try tx.settlements(personUUID: record.uuid), card: card, ecard: ecard,
                             recipient: try tx.recipient(personUUID: record.uuid),
                             certifications: try tx.certifications(personUUID: record.uuid),
                             deathDate: try tx.deathDate(personUUID: record.uuid), ecardUnusable: unusable)
    }
}
