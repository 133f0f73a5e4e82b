import GRDB
import GuitaiCore

extension StoreTransaction {
    private static let recipientQuery = recipientColumns + " FROM benefits b " + recipientJoins
    private static let recipientByBenefit = recipientQuery + " WHERE b.uuid = :benefit"
    private static let recipientByPerson = recipientQuery + " WHERE b.person_uuid = :person"
    /// The person, their death, and their latest certification (one lookup through `certifications_by_person`).
    private static let recipientJoins = """
        JOIN persons p ON p.uuid = b.person_uuid LEFT JOIN deaths d ON d.person_uuid = b.person_uuid
        LEFT JOIN certifications lc ON lc.uuid = (SELECT c.uuid FROM certifications c WHERE c.person_uuid = b.person_uuid
                                                  ORDER BY c.certified_on DESC, c.rowid DESC LIMIT 1)
        """
    private static let recipientColumns = """
        SELECT b.uuid AS benefit_uuid, b.person_uuid, b.scheme, b.monthly_fen, b.start_month,
               p.id_number, p.name, p.region_code, d.died_on,
               CASE WHEN lc.certified_on <= :asOf THEN lc.certified_on
                    ELSE (SELECT max(c.certified_on) FROM certifications c
                          WHERE c.person_uuid = b.person_uuid AND c.certified_on <= :asOf) END AS certified_by,
               lc.certified_on AS last_certified, lc.method AS last_method, lc.uuid AS last_certification
        """

    /// Every benefit recipient under a region prefix (all when empty), ordered by region then ID number;
    /// `certifiedBy` is the latest certification made on or before `asOf`.
    public func recipients(regionPrefix: String = "", asOf: LocalDate? = nil) throws -> [RecipientRecord] {
        try db.rows(sql: Self.recipientQuery + " WHERE p.region_code LIKE :prefix ORDER BY p.region_code, p.id_number",
                                arguments: ["prefix": regionPrefix + "%", "asOf": asOf?.iso ?? "9999-12-31"], recipient)
    }

    /// The recipients under a region prefix whose certification falls due on or before `date` (the dead too: their
    /// death date is read, and a damaged one named), by due date then ID number: read through `certification_due`'s
    /// index, so only they are read (`CertificationDue`), each with whether it owes suspended months (looked up
    /// through the payments' key for the listed recipients only).
    public func recipients(dueBy date: LocalDate, regionPrefix: String = "") throws -> [DueRecipient] {
        try db.rows(sql: Self.dueQuery, arguments: ["due": date.iso, "prefix": regionPrefix + "%", "asOf": "9999-12-31"]) { row in
            DueRecipient(recipient: try recipient(row), owesMonths: Bool.fromDatabaseValue(row["owes_months"]) == true)
        }
    }

    private static let dueQuery = recipientColumns + """
        , EXISTS (SELECT 1 FROM settled_payments s WHERE s.benefit_uuid = b.uuid AND \(owedLine)) AS owes_months
         FROM certification_due due JOIN benefits b ON b.uuid = due.benefit_uuid \(recipientJoins)
        WHERE due.due_on <= :due AND p.region_code LIKE :prefix ORDER BY due.due_on, p.id_number
        """

    /// What SQLite plans for the due list (`EXPLAIN QUERY PLAN`), for the test that keeps it on its index.
    func dueListPlan() throws -> [String] {
        try db.allRows(sql: "EXPLAIN QUERY PLAN " + Self.dueQuery, arguments: ["due": "2023-07-01", "prefix": "%", "asOf": "9999-12-31"])
            .map { String.fromDatabaseValue($0["detail"]) ?? "" }
    }

    /// The recipients of some benefits, as `recipients(asOf:)` reads them: a long job re-reads with this only those
    /// whose records changed since its snapshot.
    public func recipients(benefitUUIDs: Set<String>, asOf: LocalDate) throws -> [RecipientRecord] {
        try benefitUUIDs.sorted().compactMap { uuid in
            try db.firstRow(sql: Self.recipientByBenefit, arguments: ["benefit": uuid, "asOf": asOf.iso], recipient)
        }
    }

    /// A person's benefit with what the due list and the run need; nil when they draw none.
    public func recipient(personUUID: String) throws -> RecipientRecord? {
        try db.firstRow(sql: Self.recipientByPerson, arguments: ["person": personUUID, "asOf": "9999-12-31"], recipient)
    }

    private func recipient(_ row: StoreRow) throws -> RecipientRecord {
        // Each column is named with the table it comes from, so a damaged value points at its own row.
        let r = RowReader(row, table: "benefits", keyColumn: "benefit_uuid")
        let person = RowReader(row, table: "persons", keyColumn: "person_uuid")
        let death = RowReader(row, table: "deaths", keyColumn: "person_uuid")
        let certification = RowReader(row, table: "certifications", keyColumn: "last_certification")
        return RecipientRecord(
            benefitUUID: try r.text("benefit_uuid"), personUUID: try r.text("person_uuid"), idNumber: try person.text("id_number"),
            name: try person.text("name"), regionCode: try person.text("region_code"),
            benefit: Benefit(scheme: try r.code(Scheme.self, "scheme"), monthly: try r.money("monthly_fen", limit: Benefit.maximumMonthly),
                             start: try r.month("start_month"), deathDate: try death.optionalDate("died_on")),
            lastCertified: try certification.optionalDate("last_certified"),
            lastMethod: try certification.optionalCode(CertificationMethod.self, "last_method"),
            certifiedBy: try certification.optionalDate("certified_by"))
    }

    /// Records a monthly benefit (the rules were checked by the caller, `BenefitRules`).
    public func insertBenefit(_ benefit: Benefit, personUUID: String) throws {
        try db.execute(sql: """
            INSERT INTO benefits(uuid, person_uuid, scheme, monthly_fen, start_month, device, created_serial) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [newID(), personUUID, benefit.scheme.rawValue, benefit.monthly.fen, benefit.start.iso, deviceID, writingSerial])
    }

    /// The registered date of death, if any.
    public func deathDate(personUUID: String) throws -> LocalDate? {
        try death(personUUID: personUUID)?.date
    }

    /// The registered death of a person, with the e-card state it suspended.
    public func death(personUUID: String) throws -> DeathRecord? {
        try db.oneRow(sql: "SELECT * FROM deaths WHERE person_uuid = ?", arguments: [personUUID]).map { row in
            let r = RowReader(row, table: "deaths", keyColumn: "person_uuid")
            return DeathRecord(date: try r.date("died_on"), serial: try r.text("created_serial"), ecardUUID: try r.optionalText("ecard_uuid"),
                               ecardStatusBefore: try r.optionalCode(ECardStatus.self, "ecard_status_before"))
        }
    }

    /// Records a death with the e-card it suspends and that card's state before, for a withdrawal to restore.
    public func insertDeath(personUUID: String, on date: LocalDate, ecardUUID: String?, ecardStatusBefore: ECardStatus?) throws {
        try db.execute(sql: """
            INSERT INTO deaths(person_uuid, died_on, device, created_serial, ecard_uuid, ecard_status_before) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [personUUID, date.iso, deviceID, writingSerial, ecardUUID, ecardStatusBefore?.rawValue])
    }

    /// Withdraws a death registered in error, with the recovery it recorded.
    public func deleteDeath(personUUID: String, registeredBy serial: String) throws {
        try db.execute(sql: "DELETE FROM recoveries WHERE created_serial = ?", arguments: [serial])
        try db.execute(sql: "DELETE FROM deaths WHERE person_uuid = ?", arguments: [personUUID])
    }

    /// A person's certifications, oldest first.
    public func certifications(personUUID: String) throws -> [CertificationRecord] {
        try db.allRows(sql: "SELECT * FROM certifications WHERE person_uuid = ? ORDER BY certified_on, rowid",
                         arguments: [personUUID]).map { row in
            let r = RowReader(row, table: "certifications", keyColumn: "uuid")
            return CertificationRecord(date: try r.date("certified_on"), method: try r.code(CertificationMethod.self, "method"),
                                       reference: try r.optionalText("reference"), serial: try r.text("created_serial"))
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

    /// A benefit's payment lines that count: those of finished runs (a run still writing, or abandoned, is not seen).
    public func payments(benefitUUID: String) throws -> [PaymentRecord] {
        try db.allRows(sql: "SELECT * FROM settled_payments WHERE benefit_uuid = ? ORDER BY month, kind", arguments: [benefitUUID]).map { row in
            let r = RowReader(row, table: "payments", keyColumn: "uuid")
            return PaymentRecord(month: try r.month("month"), kind: try r.word("kind", oneOf: ["paid", "suspended", "back-paid"]),
                                 amount: try r.money("amount_fen", limit: Benefit.maximumMonthly),
                                 runSerial: try r.text("run_serial"))
        }
    }

    /// For a run of `month`: per benefit, whether the month already has a line, and the suspended months not yet back-paid.
    public func paymentState(for month: YearMonth) throws -> (handled: Set<String>, owed: [String: Set<YearMonth>]) {
        let handled = Set(try db.fetchAll(String.self, sql: "SELECT DISTINCT benefit_uuid FROM settled_payments WHERE month = ?",
                                              arguments: [month.iso]))
        return (handled, try owedMonths())
    }

    /// A settled payment line `s` that is a month still owed: suspended by a run, and neither paid nor back-paid since.
    /// The one statement of the rule for the due list, the statistics and the payment run.
    private static let owedLine = """
        s.kind = 'suspended' AND NOT EXISTS (
            SELECT 1 FROM settled_payments p WHERE p.benefit_uuid = s.benefit_uuid AND p.month = s.month AND p.kind != 'suspended')
        """

    /// Per benefit, the months suspended by payment runs and not yet back-paid (what the due list calls suspended).
    public func owedMonths() throws -> [String: Set<YearMonth>] {
        var owed: [String: Set<YearMonth>] = [:]
        let lines = try db.rows(sql: "SELECT s.uuid, s.benefit_uuid, s.month FROM settled_payments s WHERE \(Self.owedLine)",
                                            arguments: []) { row in
            let r = RowReader(row, table: "payments", keyColumn: "uuid")
            return (benefit: try r.text("benefit_uuid"), month: try r.month("month"))
        }
        for line in lines { owed[line.benefit, default: []].insert(line.month) }
        return owed
    }

    /// For one benefit and a run of `month`: whether the month already has a line, and its suspended months not yet back-paid.
    public func paymentState(for month: YearMonth, benefitUUID: String) throws -> (handled: Bool, owed: Set<YearMonth>) {
        var handled = false
        var suspended: Set<YearMonth> = [], settled: Set<YearMonth> = []
        for line in try payments(benefitUUID: benefitUUID) {
            if line.month == month { handled = true }
            if line.kind == "suspended" { suspended.insert(line.month) } else { settled.insert(line.month) }
        }
        return (handled, suspended.subtracting(settled))
    }

    /// The latest month a payment run has been made for, if any (from the journal: a run may have paid nobody).
    public func latestRunMonth() throws -> YearMonth? {
        try db.fetchOne(String.self, sql: "SELECT max(json_extract(payload, '$.month')) FROM journal WHERE kind = 'payments.run'")
            .flatMap(YearMonth.init(iso:))
    }

    /// Records one payment line; with `run`, as part of a run that counts only once it is done.
    public func insertPayment(benefitUUID: String, month: YearMonth, kind: String, amount: Money, run: String? = nil) throws {
        // A cached statement: a run writes a hundred thousand of these, and compiling the insert with its triggers each
        // time cost more than the insert.
        try db.execute(sql: """
            INSERT INTO payments(uuid, benefit_uuid, month, kind, amount_fen, run_serial, device, run_uuid) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [newID(), benefitUUID, month.iso, kind, amount.fen, writingSerial, deviceID, run])
    }

    /// Starts a payment run for a month, its lines unseen until `finishPaymentRun`; returns the run's id.
    public func openPaymentRun(month: YearMonth) throws -> String {
        let uuid = newID()
        try db.execute(sql: "INSERT INTO payment_runs(uuid, month, state, device, created_serial) VALUES (?, ?, 'writing', ?, ?)",
                       arguments: [uuid, month.iso, deviceID, writingSerial])
        return uuid
    }

    /// Makes every line of a run count, all at once.
    /// - Throws: `run-lost` when the run is no longer writing (another run cleared it): nothing may count then.
    public func finishPaymentRun(_ run: String) throws {
        try db.execute(sql: "UPDATE payment_runs SET state = 'done' WHERE uuid = ? AND state = 'writing'", arguments: [run])
        if db.changesCount != 1 { throw Self.runLost(run) }
    }

    /// Refuses to go on writing under a run that is no longer writing.
    /// - Throws: `run-lost`.
    public func requireWritingRun(_ run: String) throws {
        guard try db.fetchOne(String.self, sql: "SELECT state FROM payment_runs WHERE uuid = ?", arguments: [run]) == "writing" else {
            throw Self.runLost(run)
        }
    }

    private static func runLost(_ run: String) -> DomainError {
        DomainError(.failure, code: "run-lost", zh: "待遇发放 \(run) 已被另一次发放清理，本次没有任何记录生效，请重新发放",
                    en: "The payment run \(run) was cleared by another run; none of it counts: run the month again")
    }

    /// Runs that must be cleared before payments are written again: left writing by a process that ended before
    /// finishing them, or abandoned with lines still on record.
    public func unfinishedPaymentRuns() throws -> [String] {
        try db.fetchAll(String.self, sql: """
            SELECT uuid FROM payment_runs r WHERE state = 'writing'
                OR (state = 'abandoned' AND EXISTS (SELECT 1 FROM payments p WHERE p.run_uuid = r.uuid)) ORDER BY rowid
            """)
    }

    /// Deletes up to `limit` lines of a run (all of one benefit's with `benefitUUID`); returns how many went.
    public func deleteRunLines(_ run: String, benefitUUID: String? = nil, limit: Int = .max) throws -> Int {
        if let benefitUUID {
            try db.execute(sql: "DELETE FROM payments WHERE run_uuid = ? AND benefit_uuid = ?", arguments: [run, benefitUUID])
        } else {
            try db.execute(sql: "DELETE FROM payments WHERE rowid IN (SELECT rowid FROM payments WHERE run_uuid = ? LIMIT ?)",
                           arguments: [run, limit])
        }
        return db.changesCount
    }

    /// Marks a run abandoned once its lines are gone.
    public func abandonPaymentRun(_ run: String) throws {
        try db.execute(sql: "UPDATE payment_runs SET state = 'abandoned' WHERE uuid = ?", arguments: [run])
    }

    /// The amounts to recover from a benefit (months paid after a death), oldest first.
    public func recoveries(benefitUUID: String) throws -> [Money] {
        try db.fetchAll(Int64.self, sql: "SELECT amount_fen FROM recoveries WHERE benefit_uuid = ? ORDER BY rowid", arguments: [benefitUUID])
            .map { Money(fen: $0) }
    }

    /// Records the months paid after a death and their amount (fen), to recover.
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
        let counter = try db.allRows(sql: """
            SELECT id, day, serial FROM (
                SELECT json_extract(payload, '$.id') AS id, business_date AS day, serial,
                       row_number() OVER (PARTITION BY json_extract(payload, '$.id') ORDER BY business_date DESC, seq DESC) AS latest
                FROM journal
                WHERE kind IN (\(marks)) AND business_date >= ? AND json_extract(payload, '$.id') IS NOT NULL
                    AND serial NOT IN (SELECT json_extract(payload, '$.reversed') FROM journal WHERE json_extract(payload, '$.reversed') IS NOT NULL)
            ) AS visits WHERE latest = 1
            """, arguments: SQLArguments(counterKinds + [date.iso]))
        for row in counter {
            let r = RowReader(row, table: "journal", keyColumn: "serial")
            let day = try r.date("day")
            evidence[try r.text("id")] = (day, "counter \(try r.text("serial")) on \(day.iso)")
        }
        let settled = try db.allRows(sql: """
            SELECT id, day, serial FROM (
                SELECT p.id_number AS id, s.settled_on AS day, s.serial,
                       row_number() OVER (PARTITION BY p.id_number ORDER BY s.settled_on DESC, s.serial DESC) AS latest
                FROM settlements s JOIN persons p ON p.uuid = s.person_uuid
                WHERE s.settled_on >= ? AND s.serial NOT IN (SELECT settlement_serial FROM reversals)
            ) AS bills WHERE latest = 1
            """, arguments: [date.iso])
        for row in settled {
            let r = RowReader(row, table: "settlements", keyColumn: "serial")
            let day = try r.date("day")
            let id = try r.text("id")
            if evidence[id].map({ $0.0 < day }) ?? true {
                evidence[id] = (day, "settlement \(try r.text("serial")) on \(day.iso)")
            }
        }
        return evidence
    }
}
