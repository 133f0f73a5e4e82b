import GRDB
import GuitaiCore

/// Each pension's next certification due date as a column with an index, so the due list reads only those due
/// instead of every recipient with their certifications: the table `certification_due(benefit_uuid, person_uuid,
/// due_on)`, kept by triggers on `benefits` and `certifications` that every write connection installs.
///
/// `due_on` is `CertificationCycle.nextDue` of the person's latest certification and the benefit's start (the rule
/// stays in the core; the triggers call it through `guitai_next_due`). Derived like an index: not journaled, not
/// digested, filled by the migration that made it, and checked whole by `verify`.
enum CertificationDue {
    static let table = "certification_due"
    static let functionName = "guitai_next_due"

    /// `guitai_next_due(latest certification or NULL, start month)`: the due date `YYYY-MM-DD`, NULL for a start
    /// month that is no month (a damaged row, which `verify` reports on its own).
    static let function = DatabaseFunction(functionName, argumentCount: 2, pure: true) { values in
        dueDate(lastCertified: String.fromDatabaseValue(values[0]), startMonth: String.fromDatabaseValue(values[1]))
    }

    /// The due date `YYYY-MM-DD` after the latest certification (nil: none yet) of a benefit starting `startMonth`;
    /// nil for a start month that is no month.
    static func dueDate(lastCertified: String?, startMonth: String?) -> String? {
        guard let startMonth, let start = YearMonth(iso: startMonth) else { return nil }
        return CertificationCycle.nextDue(lastCertified: lastCertified.flatMap(LocalDate.init(iso:)), benefitStart: start).iso
    }

    /// The due date of every benefit as the rule gives it, in SQL: for the fill, the triggers and `verify`.
    private static func dueExpression(_ benefit: String) -> String {
        "\(functionName)((SELECT max(c.certified_on) FROM certifications c WHERE c.person_uuid = \(benefit).person_uuid), \(benefit).start_month)"
    }

    /// Every benefit's due date, computed again: the migration's fill.
    static func rebuild(_ db: Database) throws {
        db.add(function: function)
        try db.execute(sql: """
            DELETE FROM \(table);
            INSERT INTO \(table)(benefit_uuid, person_uuid, due_on) SELECT b.uuid, b.person_uuid, \(dueExpression("b")) FROM benefits b;
            """)
    }

    /// The triggers that keep each due date with its benefit and the person's certifications (temporary, as the
    /// projection's are: another program writing those tables is not asked to know the function).
    static func install(_ db: Database) throws {
        guard try db.tableExists(table), try db.tableExists("benefits"), try db.tableExists("certifications") else { return }
        let recompute = { (person: String) in
            "UPDATE \(table) SET due_on = (SELECT \(dueExpression("b")) FROM benefits b WHERE b.uuid = \(table).benefit_uuid) WHERE person_uuid = \(person);"
        }
        try db.execute(sql: """
            CREATE TEMP TRIGGER IF NOT EXISTS guitai_due_benefit_insert AFTER INSERT ON main.benefits BEGIN
                INSERT OR REPLACE INTO \(table)(benefit_uuid, person_uuid, due_on) VALUES (NEW.uuid, NEW.person_uuid, \(dueExpression("NEW")));
            END;
            CREATE TEMP TRIGGER IF NOT EXISTS guitai_due_benefit_update AFTER UPDATE ON main.benefits BEGIN
                DELETE FROM \(table) WHERE benefit_uuid = OLD.uuid;
                INSERT OR REPLACE INTO \(table)(benefit_uuid, person_uuid, due_on) VALUES (NEW.uuid, NEW.person_uuid, \(dueExpression("NEW")));
            END;
            CREATE TEMP TRIGGER IF NOT EXISTS guitai_due_benefit_delete AFTER DELETE ON main.benefits BEGIN
                DELETE FROM \(table) WHERE benefit_uuid = OLD.uuid;
            END;
            CREATE TEMP TRIGGER IF NOT EXISTS guitai_due_certification_insert AFTER INSERT ON main.certifications BEGIN
                \(recompute("NEW.person_uuid"))
            END;
            CREATE TEMP TRIGGER IF NOT EXISTS guitai_due_certification_update AFTER UPDATE ON main.certifications BEGIN
                \(recompute("OLD.person_uuid"))
                \(recompute("NEW.person_uuid"))
            END;
            CREATE TEMP TRIGGER IF NOT EXISTS guitai_due_certification_delete AFTER DELETE ON main.certifications BEGIN
                \(recompute("OLD.person_uuid"))
            END;
            """)
    }

    /// What `verify` finds wrong: a benefit without its due date or with another than the rule gives, and due dates
    /// of no benefit. A wrong date would keep a pensioner off the due list, or put them on it.
    static func problems(_ db: StoreConnection) throws -> [VerificationProblem] {
        var problems: [VerificationProblem] = []
        // The rule is the core's, applied here as the store applies it when it writes (on either engine).
        try db.forEachRow(sql: """
            SELECT b.uuid AS benefit, b.start_month, d.due_on AS stored,
                   (SELECT max(c.certified_on) FROM certifications c WHERE c.person_uuid = b.person_uuid) AS last_certified
            FROM benefits b LEFT JOIN \(table) d ON d.benefit_uuid = b.uuid AND d.person_uuid = b.person_uuid
            """) { row in
            let due = dueDate(lastCertified: String.fromDatabaseValue(row["last_certified"]),
                              startMonth: String.fromDatabaseValue(row["start_month"]))
            let stored = row["stored"]
            guard stored != (due?.databaseValue ?? .null) else { return }
            let benefit = RowReader.shown(row["benefit"]), shownDue = due ?? "NULL"
            problems.append(.derived(table: table, row: benefit,
                                     zh: "\(table) 中待遇 \(benefit) 的认证到期日为「\(RowReader.shown(stored))」，应为 \(shownDue)（被绕过柜台删除或改动）",
                                     en: "\(table) gives benefit \(benefit) the due date \"\(RowReader.shown(stored))\" where the rule gives \(shownDue) (deleted or changed behind the product's back)"))
        }
        for benefit in try db.fetchAll(String.self, sql: "SELECT benefit_uuid FROM \(table) WHERE benefit_uuid NOT IN (SELECT uuid FROM benefits)") {
            problems.append(.derived(table: table, row: benefit,
                                                zh: "\(table) 中 \(benefit) 不是任何待遇（被绕过柜台添加）",
                                                en: "\(table) row \(benefit) is no benefit's (added behind the product's back)"))
        }
        return problems
    }
}
