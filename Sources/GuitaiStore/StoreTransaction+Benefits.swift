import GRDB
import GuitaiCore

extension StoreTransaction {
    private static let recipientQuery = """
        SELECT b.uuid AS benefit_uuid, b.person_uuid, b.scheme, b.monthly_fen, b.start_month,
               p.id_number, p.name, p.region_code, d.died_on,
               (SELECT max(c.certified_on) FROM certifications c
                WHERE c.person_uuid = b.person_uuid AND c.certified_on <= :asOf) AS certified_by,
               (SELECT max(c.certified_on) FROM certifications c WHERE c.person_uuid = b.person_uuid) AS last_certified,
               (SELECT c.method FROM certifications c WHERE c.person_uuid = b.person_uuid
                ORDER BY c.certified_on DESC, c.rowid DESC LIMIT 1) AS last_method
        FROM benefits b JOIN persons p ON p.uuid = b.person_uuid LEFT JOIN deaths d ON d.person_uuid = b.person_uuid
        """

    /// Every benefit recipient under a region prefix (all when empty), ordered by region then ID number;
    /// `certifiedBy` is the latest certification made on or before `asOf`.
    public func recipients(regionPrefix: String = "", asOf: LocalDate? = nil) throws -> [RecipientRecord] {
        try Row.fetchAll(db, sql: Self.recipientQuery + " WHERE p.region_code LIKE :prefix ORDER BY p.region_code, p.id_number",
                         arguments: ["prefix": regionPrefix + "%", "asOf": (asOf ?? LocalDate(year: 9999, month: 12, day: 31)!).iso]).map(recipient)
    }

    public func recipient(personUUID: String) throws -> RecipientRecord? {
        try Row.fetchOne(db, sql: Self.recipientQuery + " WHERE b.person_uuid = :person",
                         arguments: ["person": personUUID, "asOf": "9999-12-31"]).map(recipient)
    }

    private func recipient(_ row: Row) -> RecipientRecord {
        RecipientRecord(
            benefitUUID: row["benefit_uuid"], personUUID: row["person_uuid"], idNumber: row["id_number"], name: row["name"],
            regionCode: row["region_code"],
            benefit: Benefit(scheme: Scheme(rawValue: row["scheme"])!, monthly: Money(fen: row["monthly_fen"]),
                             start: YearMonth(iso: row["start_month"])!, deathDate: (row["died_on"] as String?).flatMap(LocalDate.init(iso:))),
            lastCertified: (row["last_certified"] as String?).flatMap(LocalDate.init(iso:)),
            lastMethod: (row["last_method"] as String?).flatMap(CertificationMethod.init(rawValue:)),
            certifiedBy: (row["certified_by"] as String?).flatMap(LocalDate.init(iso:)))
    }

    public func insertBenefit(_ benefit: Benefit, personUUID: String) throws {
        try db.execute(sql: """
            INSERT INTO benefits(uuid, person_uuid, scheme, monthly_fen, start_month, device, created_serial) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [newID(), personUUID, benefit.scheme.rawValue, benefit.monthly.fen, benefit.start.iso, deviceID, writingSerial])
    }

    public func deathDate(personUUID: String) throws -> LocalDate? {
        try String.fetchOne(db, sql: "SELECT died_on FROM deaths WHERE person_uuid = ?", arguments: [personUUID]).flatMap(LocalDate.init(iso:))
    }

    public func insertDeath(personUUID: String, on date: LocalDate) throws {
        try db.execute(sql: "INSERT INTO deaths(person_uuid, died_on, device, created_serial) VALUES (?, ?, ?, ?)",
                       arguments: [personUUID, date.iso, deviceID, writingSerial])
    }

    public func certifications(personUUID: String) throws -> [CertificationRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM certifications WHERE person_uuid = ? ORDER BY certified_on, rowid",
                         arguments: [personUUID]).map {
            CertificationRecord(date: LocalDate(iso: $0["certified_on"])!, method: CertificationMethod(rawValue: $0["method"])!,
                                reference: $0["reference"], serial: $0["created_serial"])
        }
    }

    /// Records a certification; false when the same person, date and method is already on record.
    public func insertCertification(personUUID: String, on date: LocalDate, method: CertificationMethod, reference: String?) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO certifications(uuid, person_uuid, certified_on, method, reference, device, created_serial)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(person_uuid, certified_on, method) DO NOTHING
            """, arguments: [newID(), personUUID, date.iso, method.rawValue, reference, deviceID, writingSerial])
        return db.changesCount > 0
    }

    public func payments(benefitUUID: String) throws -> [PaymentRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM payments WHERE benefit_uuid = ? ORDER BY month, kind", arguments: [benefitUUID]).map {
            PaymentRecord(month: YearMonth(iso: $0["month"])!, kind: $0["kind"], amount: Money(fen: $0["amount_fen"]), runSerial: $0["run_serial"])
        }
    }

    /// For a run of `month`: per benefit, whether the month already has a line, and the suspended months not yet back-paid.
    public func paymentState(for month: YearMonth) throws -> (handled: Set<String>, owed: [String: Set<YearMonth>]) {
        let handled = Set(try String.fetchAll(db, sql: "SELECT DISTINCT benefit_uuid FROM payments WHERE month = ?", arguments: [month.iso]))
        var owed: [String: Set<YearMonth>] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT s.benefit_uuid, s.month FROM payments s
            WHERE s.kind = 'suspended' AND NOT EXISTS (
                SELECT 1 FROM payments p WHERE p.benefit_uuid = s.benefit_uuid AND p.month = s.month AND p.kind != 'suspended')
            """) {
            owed[row["benefit_uuid"], default: []].insert(YearMonth(iso: row["month"])!)
        }
        return (handled, owed)
    }

    public func insertPayment(benefitUUID: String, month: YearMonth, kind: String, amount: Money) throws {
        try db.execute(sql: """
            INSERT INTO payments(uuid, benefit_uuid, month, kind, amount_fen, run_serial, device) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [newID(), benefitUUID, month.iso, kind, amount.fen, writingSerial, deviceID])
    }

    public func insertRecovery(benefitUUID: String, months: [YearMonth], amount: Money) throws {
        try db.execute(sql: "INSERT INTO recoveries(uuid, benefit_uuid, months, amount_fen, device, created_serial) VALUES (?, ?, ?, ?, ?, ?)",
                       arguments: [newID(), benefitUUID, months.map(\.iso).joined(separator: ","), amount.fen, deviceID, writingSerial])
    }

    /// The latest in-person evidence per ID number since a date: counter transactions and medical settlements.
    public func inPersonEvidence(since date: LocalDate) throws -> [String: (date: LocalDate, what: String)] {
        var evidence: [String: (LocalDate, String)] = [:]
        // Business that needs the person at the window; phone reports (a loss, a suspension) do not count.
        let counterKinds = ["person.add", "enrol", "card.register", "card.replace", "ecard.issue"]
        let marks = counterKinds.map { _ in "?" }.joined(separator: ", ")
        let counter = try Row.fetchAll(db, sql: """
            SELECT json_extract(payload, '$.id') AS id, max(business_date) AS day, serial FROM journal
            WHERE kind IN (\(marks)) AND business_date >= ? AND json_extract(payload, '$.id') IS NOT NULL
            GROUP BY json_extract(payload, '$.id')
            """, arguments: StatementArguments(counterKinds + [date.iso]))
        for row in counter {
            evidence[row["id"]] = (LocalDate(iso: row["day"])!, "counter \(row["serial"] as String) on \(row["day"] as String)")
        }
        let settled = try Row.fetchAll(db, sql: """
            SELECT p.id_number AS id, max(s.settled_on) AS day, s.serial FROM settlements s JOIN persons p ON p.uuid = s.person_uuid
            WHERE s.settled_on >= ? AND s.serial NOT IN (SELECT settlement_serial FROM reversals) GROUP BY p.id_number
            """, arguments: [date.iso])
        for row in settled {
            let day = LocalDate(iso: row["day"])!
            if evidence[row["id"]].map({ $0.0 < day }) ?? true {
                evidence[row["id"]] = (day, "settlement \(row["serial"] as String) on \(row["day"] as String)")
            }
        }
        return evidence
    }
}
