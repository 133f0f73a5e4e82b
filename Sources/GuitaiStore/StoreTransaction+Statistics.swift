import GRDB
import GuitaiCore

/// The hall's statistics: counts over people under a region prefix on a date.
extension StoreTransaction {
    /// The business date of a record, from the serial of the transaction that made it (`…YYYYMMDD` + six digits).
    private static func madeOn(_ column: String) -> String { "substr(\(column), -14, 8)" }

    /// Counts of coverage on a date, for people whose region starts with `regionPrefix` (empty: everyone).
    /// - Throws: `store-damaged` for a count that is no number.
    public func coverageCounts(regionPrefix: String, on date: LocalDate) throws -> CoverageCounts {
        let day = date.iso
        let compact = day.replacingOccurrences(of: "-", with: "")
        // In force: begun by the date, not ended before it, not suspended over it.
        let inForce = """
            e.from_date <= :day AND (e.to_date IS NULL OR e.to_date >= :day)
            AND NOT EXISTS (SELECT 1 FROM enrolment_suspensions s WHERE s.enrolment_uuid = e.uuid AND s.from_date <= :day
                            AND (s.to_date IS NULL OR s.to_date >= :day))
            """
        // The dead count no more from the day after their death, whatever their records still say.
        let living = "NOT EXISTS (SELECT 1 FROM deaths d WHERE d.person_uuid = p.uuid AND d.died_on < :day)"
        let arguments: SQLArguments = ["region": regionPrefix, "day": day, "compact": compact]
        var byScheme: [Scheme: Int] = [:]
        for row in try db.allRows(sql: """
            SELECT e.scheme, count(*) AS active FROM enrolments e JOIN persons p ON p.uuid = e.person_uuid
            WHERE substr(p.region_code, 1, length(:region)) = :region AND \(living) AND \(inForce) GROUP BY e.scheme
            """, arguments: arguments) {
            let r = RowReader(row, table: "enrolments", keyColumn: "scheme")
            byScheme[try r.code(Scheme.self, "scheme")] = Int(clamping: try r.int("active"))
        }
        let people = try db.fetchOne(Int.self, sql: """
            SELECT count(DISTINCT e.person_uuid) FROM enrolments e JOIN persons p ON p.uuid = e.person_uuid
            WHERE substr(p.region_code, 1, length(:region)) = :region AND \(living) AND \(inForce)
            """, arguments: arguments) ?? 0
        let cards = try db.oneRow(sql: """
            SELECT count(*) AS issued, count(*) FILTER (WHERE c.status = 'active' AND c.status_since <= :day) AS active,
                   count(*) FILTER (WHERE c.voucher_on IS NOT NULL AND c.voucher_on <= :day) AS vouchers
            FROM ecards c JOIN persons p ON p.uuid = c.person_uuid
            WHERE substr(p.region_code, 1, length(:region)) = :region AND \(living)
              AND (c.status != 'cancelled' OR c.status_since > :day) AND \(Self.madeOn("c.created_serial")) <= :compact
            """, arguments: arguments)
        let card = cards.map { RowReader($0, table: "ecards", keyColumn: "issued") }
        let bills = try db.oneRow(sql: """
            SELECT count(*) AS n, coalesce(sum(s.total_fen), 0) AS total, coalesce(sum(s.basic_fen), 0) AS basic,
                   coalesce(sum(s.critical_illness_fen), 0) AS ci, coalesce(sum(s.assistance_fen), 0) AS assistance,
                   coalesce(sum(s.personal_fen), 0) AS personal
            FROM settlements s JOIN persons p ON p.uuid = s.person_uuid
            WHERE substr(p.region_code, 1, length(:region)) = :region
              AND \(Self.madeOn("s.serial")) BETWEEN substr(:compact, 1, 4) || '0101' AND :compact
              AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.settlement_serial = s.serial
                              AND \(Self.madeOn("r.serial")) <= :compact)
            """, arguments: arguments)
        let bill = bills.map { RowReader($0, table: "settlements", keyColumn: "n") }
        func fen(_ column: String) throws -> Money { Money(fen: try bill?.int(column) ?? 0) }
        return CoverageCounts(activeByScheme: byScheme, insuredPeople: people,
                              ecardsIssued: Int(clamping: try card?.int("issued") ?? 0),
                              ecardsActive: Int(clamping: try card?.int("active") ?? 0),
                              vouchersActive: Int(clamping: try card?.int("vouchers") ?? 0),
                              settlements: Int(clamping: try bill?.int("n") ?? 0), settlementTotal: try fen("total"),
                              settlementBasic: try fen("basic"), settlementCriticalIllness: try fen("ci"),
                              settlementAssistance: try fen("assistance"), settlementPersonal: try fen("personal"))
    }
}
