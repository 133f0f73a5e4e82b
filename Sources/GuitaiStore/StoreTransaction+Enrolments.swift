import GRDB
import GuitaiCore

extension StoreTransaction {
    /// A person's enrolments, oldest first, with their suspension periods.
    /// - Throws: `store-damaged` naming the table, row and column of a value the product never writes.
    public func enrolments(personUUID: String) throws -> [EnrolmentRecord] {
        try db.allRows(sql: "SELECT * FROM enrolments WHERE person_uuid = ? ORDER BY from_date, rowid",
                         arguments: [personUUID]).map { row in
            let r = RowReader(row, table: "enrolments", keyColumn: "uuid")
            let uuid = try r.text("uuid")
            let suspensions = try db.allRows(sql: """
                SELECT enrolment_uuid || '|' || from_date AS key, from_date, to_date FROM enrolment_suspensions
                WHERE enrolment_uuid = ? ORDER BY from_date
                """, arguments: [uuid]).map { row in
                let s = RowReader(row, table: "enrolment_suspensions", keyColumn: "key")
                return Suspension(from: try s.date("from_date"), to: try s.optionalDate("to_date"))
            }
            var employer: SocialCreditCode?
            if let code = try r.optionalText("employer") {
                guard case .success(let parsed) = SocialCreditCode.parse(code) else {
                    throw r.damaged("employer", expected: Bilingual(zh: "统一社会信用代码", en: "a unified social credit code"))
                }
                employer = parsed
            }
            let enrolment = Enrolment(
                scheme: try r.code(Scheme.self, "scheme"), status: try r.code(EnrolmentStatus.self, "status"),
                regionCode: try r.text("region_code"), from: try r.date("from_date"), to: try r.optionalDate("to_date"),
                coverFrom: try r.date("cover_from"), employmentStatus: try r.optionalCode(EmploymentStatus.self, "employment_status"),
                employer: employer, grade: try r.optionalMoney("grade_fen"), personalContribution: try r.optionalMoney("personal_fen"),
                suspensions: suspensions)
            return EnrolmentRecord(uuid: uuid, enrolment: enrolment, createdSerial: try r.text("created_serial"),
                                   endedByDeath: try r.optionalText("end_reason") == "death")
        }
    }

    /// Records an enrolment (the rules were checked by the caller, `EnrolmentRules`); returns its UUID.
    public func insertEnrolment(_ enrolment: Enrolment, personUUID: String) throws -> String {
        let uuid = newID()
        try db.execute(sql: """
            INSERT INTO enrolments(uuid, person_uuid, scheme, status, region_code, from_date, to_date, cover_from,
                                   employment_status, employer, grade_fen, personal_fen, device, created_serial)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [uuid, personUUID, enrolment.scheme.rawValue, enrolment.status.rawValue, enrolment.regionCode,
                             enrolment.from.iso, enrolment.to?.iso, enrolment.coverFrom.iso,
                             enrolment.employmentStatus?.rawValue, enrolment.employer?.value, enrolment.grade?.fen,
                             enrolment.personalContribution?.fen, deviceID, writingSerial])
        return uuid
    }

    /// Ends the open enrolment of a scheme on a date with a closing status (a switch, a termination).
    public func endOpenEnrolment(personUUID: String, scheme: Scheme, on date: LocalDate, status: EnrolmentStatus) throws {
        try db.execute(sql: """
            UPDATE enrolments SET status = ?, to_date = ?
            WHERE person_uuid = ? AND scheme = ? AND status IN ('active', 'suspended')
            """, arguments: [status.rawValue, date.iso, personUUID, scheme.rawValue])
    }

    /// The enrolment a transaction created, if it created one.
    public func enrolment(createdBy serial: String) throws -> (record: EnrolmentRecord, personUUID: String)? {
        guard let personUUID = try db.fetchOne(String.self, sql: "SELECT person_uuid FROM enrolments WHERE created_serial = ?",
                                                   arguments: [serial]) else { return nil }
        guard let record = try enrolments(personUUID: personUUID).first(where: { $0.createdSerial == serial }) else { return nil }
        return (record, personUUID)
    }

    /// Removes an enrolment recorded in error (reversed the day it was made, before anything else touched it).
    public func deleteEnrolment(uuid: String) throws {
        try db.execute(sql: "DELETE FROM enrolment_suspensions WHERE enrolment_uuid = ?", arguments: [uuid])
        try db.execute(sql: "DELETE FROM enrolments WHERE uuid = ?", arguments: [uuid])
    }

    /// Opens again the enrolment a switch ended on `endedOn` (the switch reversed): no end date, active or suspended as
    /// its own suspensions say.
    public func reopenEnrolment(personUUID: String, scheme: Scheme, endedOn: LocalDate) throws {
        try db.execute(sql: """
            UPDATE enrolments SET to_date = NULL,
                status = CASE WHEN EXISTS (SELECT 1 FROM enrolment_suspensions s
                                           WHERE s.enrolment_uuid = enrolments.uuid AND s.to_date IS NULL)
                              THEN 'suspended' ELSE 'active' END
            WHERE person_uuid = ? AND scheme = ? AND to_date = ? AND status = 'terminated' AND end_reason IS NULL
            """, arguments: [personUUID, scheme.rawValue, endedOn.iso])
    }

    /// Ends every open enrolment of a person on the date of death (status terminated, reason death).
    public func endEnrolmentsForDeath(personUUID: String, on date: LocalDate) throws {
        try db.execute(sql: """
            UPDATE enrolments SET status = 'terminated', to_date = max(?, from_date), end_reason = 'death'
            WHERE person_uuid = ? AND status IN ('active', 'suspended')
            """, arguments: [date.iso, personUUID])
    }

    /// Reopens what a death withdrawn in error ended: suspended again if a suspension was still open, else active.
    public func reopenEnrolmentsEndedByDeath(personUUID: String) throws {
        try db.execute(sql: """
            UPDATE enrolments SET to_date = NULL, end_reason = NULL,
                status = CASE WHEN EXISTS (SELECT 1 FROM enrolment_suspensions s
                                           WHERE s.enrolment_uuid = enrolments.uuid AND s.to_date IS NULL)
                              THEN 'suspended' ELSE 'active' END
            WHERE person_uuid = ? AND end_reason = 'death'
            """, arguments: [personUUID])
    }

    /// Records a status change of one enrolment, with its suspension periods (the rules were checked by the caller).
    public func updateEnrolment(uuid: String, to enrolment: Enrolment) throws {
        try db.execute(sql: "UPDATE enrolments SET status = ?, to_date = ? WHERE uuid = ?",
                       arguments: [enrolment.status.rawValue, enrolment.to?.iso, uuid])
        try db.execute(sql: "DELETE FROM enrolment_suspensions WHERE enrolment_uuid = ?", arguments: [uuid])
        for suspension in enrolment.suspensions {
            try db.execute(sql: "INSERT INTO enrolment_suspensions(enrolment_uuid, from_date, to_date) VALUES (?, ?, ?)",
                           arguments: [uuid, suspension.from.iso, suspension.to?.iso])
        }
    }
}
