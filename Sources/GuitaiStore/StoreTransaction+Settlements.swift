import GRDB
import GuitaiCore

extension StoreTransaction {
    /// The year-to-date accumulators: sums over the person's unreversed settlements of that calendar year.
    public func yearToDate(personUUID: String, year: Int) throws -> YearToDate {
        var ytd = YearToDate()
        let rows = try Row.fetchAll(db, sql: """
            SELECT s.visit, sum(s.annual_deductible_fen) AS deductible, sum(s.basic_fen) AS basic,
                   sum(s.critical_illness_base_fen) AS ci_base, sum(s.critical_illness_fen) AS ci,
                   sum(s.critical_illness_in_combined_fen) AS ci_combined, sum(s.assistance_fen) AS assistance,
                   sum(s.assistance_deductible_fen) AS assistance_deductible
            FROM settlements s LEFT JOIN reversals r ON r.settlement_serial = s.serial
            WHERE s.person_uuid = ? AND s.year = ? AND r.serial IS NULL
            GROUP BY s.visit
            """, arguments: [personUUID, year])
        for row in rows {
            var one = YearToDate()
            let visit = VisitType(rawValue: row["visit"])!
            one.annualDeductibleUsed[visit] = Money(fen: row["deductible"])
            one.basicPaid[visit] = Money(fen: row["basic"])
            one.criticalIllnessBase = Money(fen: row["ci_base"])
            one.criticalIllnessPaid = Money(fen: row["ci"])
            one.criticalIllnessInCombinedCap = Money(fen: row["ci_combined"])
            one.assistancePaid = Money(fen: row["assistance"])
            one.assistanceDeductibleUsed = Money(fen: row["assistance_deductible"])
            ytd = ytd + one
        }
        return ytd
    }

    public func insertSettlement(_ result: SettlementResult, personUUID: String, items: String, slip: String) throws {
        let inc = result.increments
        let visit = result.bill.visit
        try db.execute(sql: """
            INSERT INTO settlements(uuid, serial, person_uuid, settled_on, year, visit, level, major, policy_id, items,
                total_fen, out_of_scope_fen, b_prepay_fen, in_scope_fen, basic_fen, critical_illness_fen, assistance_fen,
                personal_fen, annual_deductible_fen, critical_illness_base_fen, critical_illness_in_combined_fen,
                assistance_deductible_fen, slip, device)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                newID(), writingSerial, personUUID, result.bill.date.iso, result.bill.date.year, visit.rawValue,
                result.bill.level.rawValue, result.bill.major, result.policyID, items,
                result.total.fen, result.outOfScope.fen, result.bPrepay.fen, result.inScope.fen, result.basicPaid.fen,
                result.criticalIllnessPaid.fen, result.assistancePaid.fen, result.personal.total.fen,
                inc.deductibleUsed(visit).fen, inc.criticalIllnessBase.fen, inc.criticalIllnessInCombinedCap.fen,
                inc.assistanceDeductibleUsed.fen, slip, deviceID,
            ])
    }

    public func settlement(serial: String) throws -> SettlementRecord? {
        try Row.fetchOne(db, sql: """
            SELECT s.*, r.serial AS reversal FROM settlements s LEFT JOIN reversals r ON r.settlement_serial = s.serial
            WHERE s.serial = ?
            """, arguments: [serial]).map(settlementRecord)
    }

    public func settlements(personUUID: String) throws -> [SettlementRecord] {
        try Row.fetchAll(db, sql: """
            SELECT s.*, r.serial AS reversal FROM settlements s LEFT JOIN reversals r ON r.settlement_serial = s.serial
            WHERE s.person_uuid = ? ORDER BY s.serial
            """, arguments: [personUUID]).map(settlementRecord)
    }

    private func settlementRecord(_ row: Row) -> SettlementRecord {
        SettlementRecord(serial: row["serial"], personUUID: row["person_uuid"], date: LocalDate(iso: row["settled_on"])!,
                         policyID: row["policy_id"], total: Money(fen: row["total_fen"]), basic: Money(fen: row["basic_fen"]),
                         criticalIllness: Money(fen: row["critical_illness_fen"]), assistance: Money(fen: row["assistance_fen"]),
                         personal: Money(fen: row["personal_fen"]), slip: row["slip"], reversedBy: row["reversal"])
    }

    public func insertReversal(of settlementSerial: String, approvedBy: String, reason: String) throws {
        try db.execute(sql: """
            INSERT INTO reversals(uuid, serial, settlement_serial, approved_by, reason, device) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [newID(), writingSerial, settlementSerial, approvedBy, reason, deviceID])
    }
}
