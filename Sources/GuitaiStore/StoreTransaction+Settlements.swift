import GRDB
import GuitaiCore

extension StoreTransaction {
    /// The year-to-date accumulators: sums over the person's unreversed settlements of that calendar year.
    public func yearToDate(personUUID: String, year: Int) throws -> YearToDate {
        var ytd = YearToDate()
        let rows = try db.allRows(sql: """
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
            let r = RowReader(row, table: "settlements", keyColumn: "visit")
            let visit = try r.code(VisitType.self, "visit")
            one.annualDeductibleUsed[visit] = try r.money("deductible")
            one.basicPaid[visit] = try r.money("basic")
            one.criticalIllnessBase = try r.money("ci_base")
            one.criticalIllnessPaid = try r.money("ci")
            one.criticalIllnessInCombinedCap = try r.money("ci_combined")
            one.assistancePaid = try r.money("assistance")
            one.assistanceDeductibleUsed = try r.money("assistance_deductible")
            ytd = ytd + one
        }
        return ytd
    }

    /// Records a settlement with its figures in fen, its items and the slip as printed.
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
        try db.execute(sql: "INSERT INTO settlement_deductibles(settlement_serial, deductible_fen) VALUES (?, ?)",
                       arguments: [writingSerial, result.basic?.deductibleApplied.fen ?? 0])
    }

    /// The settlement with a serial, with the reversal's serial when reversed.
    public func settlement(serial: String) throws -> SettlementRecord? {
        try db.oneRow(sql: """
            SELECT s.*, r.serial AS reversal, coalesce(j.business_date, s.settled_on) AS business_date FROM settlements s
            LEFT JOIN reversals r ON r.settlement_serial = s.serial LEFT JOIN journal j ON j.serial = s.serial
            WHERE s.serial = ?
            """, arguments: [serial]).map(settlementRecord)
    }

    /// A person's settlements, by serial.
    public func settlements(personUUID: String) throws -> [SettlementRecord] {
        try db.allRows(sql: """
            SELECT s.*, r.serial AS reversal, coalesce(j.business_date, s.settled_on) AS business_date FROM settlements s
            LEFT JOIN reversals r ON r.settlement_serial = s.serial LEFT JOIN journal j ON j.serial = s.serial
            WHERE s.person_uuid = ? ORDER BY s.serial
            """, arguments: [personUUID]).map(settlementRecord)
    }

    private func settlementRecord(_ row: StoreRow) throws -> SettlementRecord {
        let r = RowReader(row, table: "settlements", keyColumn: "serial")
        return SettlementRecord(serial: try r.text("serial"), personUUID: try r.text("person_uuid"), date: try r.date("settled_on"),
                                policyID: try r.text("policy_id"), total: try r.money("total_fen"), basic: try r.money("basic_fen"),
                                criticalIllness: try r.money("critical_illness_fen"), assistance: try r.money("assistance_fen"),
                                personal: try r.money("personal_fen"), slip: try r.text("slip"), reversedBy: try r.optionalText("reversal"),
                                recordedOn: try r.date("business_date"))
    }

    /// Records a reversal of a settlement, approved by a supervisor (one per settlement).
    public func insertReversal(of settlementSerial: String, approvedBy: String, reason: String) throws {
        try db.execute(sql: """
            INSERT INTO reversals(uuid, serial, settlement_serial, approved_by, reason, device) VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [newID(), writingSerial, settlementSerial, approvedBy, reason, deviceID])
    }
}

extension StoreTransaction {
    /// Settlements and their reversals recorded on business dates from `from` to `to` (inclusive), in the order they
    /// were recorded; a reversal is its settlement's figures negated.
    /// - Throws: `store-damaged` for a row whose values are not what the product writes.
    public func settlementExport(from: LocalDate, to: LocalDate) throws -> [SettlementExportRow] {
        let columns = """
            p.id_number, p.name, s.settled_on, s.visit, s.level, s.total_fen, s.out_of_scope_fen, s.b_prepay_fen,
            s.in_scope_fen, s.basic_fen, s.critical_illness_fen, s.assistance_fen, s.personal_fen,
            coalesce(d.deductible_fen, s.annual_deductible_fen) AS deductible_fen
            """
        // Settlements recorded before the deductible was kept on its own fall back to the annual deductible they used.
        let deductible = "LEFT JOIN settlement_deductibles d ON d.settlement_serial = s.serial"
        return try db.allRows(sql: """
            SELECT j.seq, j.serial, j.at, NULL AS reverses, \(columns) FROM settlements s
                JOIN persons p ON p.uuid = s.person_uuid JOIN journal j ON j.serial = s.serial \(deductible)
                WHERE j.business_date BETWEEN :from AND :to
            UNION ALL
            SELECT j.seq, j.serial, j.at, s.serial AS reverses, \(columns) FROM reversals r
                JOIN settlements s ON s.serial = r.settlement_serial JOIN persons p ON p.uuid = s.person_uuid
                JOIN journal j ON j.serial = r.serial \(deductible)
                WHERE j.business_date BETWEEN :from AND :to
            ORDER BY 1
            """, arguments: ["from": from.iso, "to": to.iso]).map { row in
            let r = RowReader(row, table: "settlements", keyColumn: "serial")
            let reverses = try r.optionalText("reverses")
            // Negated with Money's saturating arithmetic: a damaged figure cannot trap.
            func money(_ column: String) throws -> Money {
                let amount = Money(fen: try r.int(column))
                return reverses == nil ? amount : .zero - amount
            }
            return SettlementExportRow(serial: try r.text("serial"), reverses: reverses, idNumber: try r.text("id_number"),
                                       name: try r.text("name"), visitDate: try r.date("settled_on"), at: try r.int("at"),
                                       visit: try r.text("visit"), level: Int(clamping: try r.int("level")),
                                       total: try money("total_fen"), outOfScope: try money("out_of_scope_fen"),
                                       bPrepay: try money("b_prepay_fen"), inScope: try money("in_scope_fen"),
                                       deductible: try money("deductible_fen"), basic: try money("basic_fen"),
                                       criticalIllness: try money("critical_illness_fen"),
                                       assistance: try money("assistance_fen"), personal: try money("personal_fen"))
        }
    }
}
