import GuitaiCore
import GuitaiStore

extension Desk {
    /// Imports self-service face-recognition results (format in docs/self-service-import.md).
    /// Every row is checked first; one bad row refuses the whole file, naming its line.
    /// - Parameter auditList: the caller shows the full ID numbers of the result: the import's entry records it.
    public func importSelfService(_ text: String, file: String, auditList: Bool = false) throws -> SelfServiceImport {
        try require(.counter)
        try requireHall(Bilingual(zh: "自助认证结果导入", en: "importing self-service results"))
        let rows = try SelfServiceFile.parse(text, file: file, today: today) { try self.parseID($0) }
        let (outcome, serial) = try store.write(context, kind: "certify.import") { tx in
            var result = SelfServiceImport(serial: nil, certified: [], failed: [], alreadyRecorded: 0)
            for row in rows {
                func refuse(_ zh: String, _ en: String) -> DomainError {
                    .refused("bad-import-row", zh: "\(file) 第\(row.line)行：\(zh)，未导入任何记录", en: "\(file), line \(row.line): \(en); nothing was imported")
                }
                guard let person = try tx.person(idNumber: row.id.value) else { throw refuse("没有登记此人 \(row.id.masked)", "no person \(row.id.masked) is registered") }
                guard let recipient = try tx.recipient(personUUID: person.uuid) else { throw refuse("\(person.person.name)没有月待遇", "\(person.person.name) receives no benefit") }
                if row.date < person.person.id.birthDate {
                    throw refuse("日期 \(row.date.iso) 早于出生日期", "the date \(row.date.iso) is before the birth date")
                }
                if let died = recipient.benefit.deathDate, died <= row.date {
                    throw refuse("\(person.person.name)已于 \(died.iso) 死亡登记", "\(person.person.name) died on \(died.iso)")
                }
                guard row.passed else { result.failed.append((row.id.value, row.line)); continue }
                if try tx.insertCertification(personUUID: person.uuid, on: row.date, method: .selfService, reference: row.reference) {
                    result.certified.append((row.id.value, row.date))
                } else {
                    result.alreadyRecorded += 1
                }
            }
            var payload: [(String, JSONValue)] = [("file", .string(file)), ("rows", .int(Int64(rows.count))),
                                                  ("certified", .int(Int64(result.certified.count))), ("failed", .int(Int64(result.failed.count)))]
            if auditList {
                let numbers = Set(result.certified.map(\.id) + result.failed.map(\.id)).count
                payload.append(("audit", ["list": "certify import", "count": .int(Int64(numbers))]))
            }
            return (result, .object(payload))
        }
        var result = outcome
        result.serial = serial
        return result
    }

    /// Certifies by data comparison every living recipient with in-person evidence in the last 12 months that is newer
    /// than their last certification; the certification carries the evidence's date.
    ///
    /// A long job: the evidence is gathered on a snapshot without the write lock; the transaction then re-checks each
    /// candidate (still alive, still not certified since the evidence) and records them all, or none.
    /// - Parameter auditList: the caller shows the full ID numbers: the entry records that list too.
    public func certifyByData(regionPrefix: String, auditList: Bool = false) throws -> (certified: [(id: String, evidence: String)], serial: String) {
        try require(.counter)
        try requireHall(Bilingual(zh: "信息比对认证", en: "certification by data"))
        try checkRegionPrefix(regionPrefix)
        let since = today.adding(months: -CertificationCycle.months)
        let candidates = try store.read { tx in
            let evidence = try tx.inPersonEvidence(since: since)
            return try tx.recipients(regionPrefix: regionPrefix).compactMap { r -> (RecipientRecord, LocalDate, String)? in
                guard r.benefit.deathDate == nil, let found = evidence[r.idNumber], r.lastCertified.map({ $0 < found.date }) ?? true else {
                    return nil
                }
                return (r, found.date, found.what)
            }
        }
        let (certified, serial) = try store.write(context, kind: "certify.by-data") { tx in
            var certified: [(id: String, evidence: String)] = []
            for (r, date, what) in candidates {
                guard try tx.deathDate(personUUID: r.personUUID) == nil,
                      try tx.certifications(personUUID: r.personUUID).last.map({ $0.date < date }) ?? true else { continue }
                if try tx.insertCertification(personUUID: r.personUUID, on: date, method: .data, reference: what) {
                    certified.append((r.idNumber, what))
                }
            }
            var payload: [(String, JSONValue)] = [("region", .string(StoredText.sanitised(regionPrefix, as: .reference))),
                                                  ("certified", .int(Int64(certified.count)))]
            if auditList { payload.append(("audit", ["list": "certify by-data", "count": .int(Int64(certified.count))])) }
            return (certified, .object(payload))
        }
        return (certified, serial)
    }
}
