import GRDB
import GuitaiCore

extension StoreTransaction {
    public func enrolments(personUUID: String) throws -> [EnrolmentRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM enrolments WHERE person_uuid = ? ORDER BY from_date, rowid",
                         arguments: [personUUID]).map { row in
            let grade: Int64? = row["grade_fen"]
            let personal: Int64? = row["personal_fen"]
            let employer: String? = row["employer"]
            let suspensions = try Row.fetchAll(db, sql: """
                SELECT from_date, to_date FROM enrolment_suspensions WHERE enrolment_uuid = ? ORDER BY from_date
                """, arguments: [row["uuid"] as String]).map {
                Suspension(from: LocalDate(iso: $0["from_date"])!, to: ($0["to_date"] as String?).flatMap(LocalDate.init(iso:)))
            }
            let enrolment = Enrolment(
                scheme: Scheme(rawValue: row["scheme"])!, status: EnrolmentStatus(rawValue: row["status"])!,
                regionCode: row["region_code"], from: LocalDate(iso: row["from_date"])!,
                to: (row["to_date"] as String?).flatMap(LocalDate.init(iso:)), coverFrom: LocalDate(iso: row["cover_from"])!,
                employmentStatus: (row["employment_status"] as String?).flatMap(EmploymentStatus.init(rawValue:)),
                employer: employer.flatMap { try? SocialCreditCode.parse($0).get() }, grade: grade.map(Money.init(fen:)),
                personalContribution: personal.map(Money.init(fen:)), suspensions: suspensions)
            return EnrolmentRecord(uuid: row["uuid"], enrolment: enrolment, createdSerial: row["created_serial"])
        }
    }

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
