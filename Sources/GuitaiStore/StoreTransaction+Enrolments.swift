import GRDB
import GuitaiCore

extension StoreTransaction {
    public func enrolments(personUUID: String) throws -> [EnrolmentRecord] {
        try Row.fetchAll(db, sql: "SELECT * FROM enrolments WHERE person_uuid = ? ORDER BY from_date, rowid",
                         arguments: [personUUID]).map { row in
            let grade: Int64? = row["grade_fen"]
            let employer: String? = row["employer"]
            let enrolment = Enrolment(
                scheme: Scheme(rawValue: row["scheme"])!, status: EnrolmentStatus(rawValue: row["status"])!,
                regionCode: row["region_code"], from: LocalDate(iso: row["from_date"])!,
                to: (row["to_date"] as String?).flatMap(LocalDate.init(iso:)), coverFrom: LocalDate(iso: row["cover_from"])!,
                employmentStatus: (row["employment_status"] as String?).flatMap(EmploymentStatus.init(rawValue:)),
                employer: employer.flatMap { try? SocialCreditCode.parse($0).get() }, grade: grade.map(Money.init(fen:)))
            return EnrolmentRecord(uuid: row["uuid"], enrolment: enrolment, createdSerial: row["created_serial"])
        }
    }

    public func insertEnrolment(_ enrolment: Enrolment, personUUID: String) throws -> String {
        let uuid = newID()
        try db.execute(sql: """
            INSERT INTO enrolments(uuid, person_uuid, scheme, status, region_code, from_date, to_date, cover_from,
                                   employment_status, employer, grade_fen, device, created_serial)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [uuid, personUUID, enrolment.scheme.rawValue, enrolment.status.rawValue, enrolment.regionCode,
                             enrolment.from.iso, enrolment.to?.iso, enrolment.coverFrom.iso,
                             enrolment.employmentStatus?.rawValue, enrolment.employer?.value, enrolment.grade?.fen,
                             deviceID, writingSerial])
        return uuid
    }

    /// Ends the open enrolment of a scheme on a date with a closing status (a switch, a termination).
    public func endOpenEnrolment(personUUID: String, scheme: Scheme, on date: LocalDate, status: EnrolmentStatus) throws {
        try db.execute(sql: """
            UPDATE enrolments SET status = ?, to_date = ?
            WHERE person_uuid = ? AND scheme = ? AND status IN ('active', 'suspended')
            """, arguments: [status.rawValue, date.iso, personUUID, scheme.rawValue])
    }

    /// Records a status change of one enrolment (the rules were checked by the caller).
    public func updateEnrolment(uuid: String, status: EnrolmentStatus, to: LocalDate?) throws {
        try db.execute(sql: "UPDATE enrolments SET status = ?, to_date = ? WHERE uuid = ?",
                       arguments: [status.rawValue, to?.iso, uuid])
    }
}
