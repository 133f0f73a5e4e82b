import GRDB
import GuitaiCore

/// The derived tables (`PersonSearchKeys`, `CertificationDue`) on PostgreSQL, kept by the store at the end of each
/// transaction rather than by triggers: their rules are Swift (pinyin readings, `CertificationCycle.nextDue`), which
/// the server cannot call, and are kept in one place for both engines.
///
/// What changed is read from the transaction's own notes as the journal takes them (`Projection.takeCaptured`): the projection's
/// (`captured`: a person's or a benefit's key) and the people whose certifications changed (`touched`, noted by a
/// trigger on `certifications`, since a deleted certification's row no longer names its person). A session without
/// those notes (an administrator's `psql`) leaves the tables stale, as the `sqlite3` tool does, and `verify` says so.
enum PostgresDerivedTables {
    /// The table the certifications' trigger notes people into, one per store session, and the trigger.
    static let noting: [String] = [
        """
        CREATE OR REPLACE FUNCTION public.guitai_touch_person() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF to_regclass('pg_temp.touched') IS NULL THEN RETURN NULL; END IF;
            IF TG_OP <> 'INSERT' THEN INSERT INTO pg_temp.touched VALUES (OLD.person_uuid) ON CONFLICT DO NOTHING; END IF;
            IF TG_OP <> 'DELETE' THEN INSERT INTO pg_temp.touched VALUES (NEW.person_uuid) ON CONFLICT DO NOTHING; END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER certifications_touch AFTER INSERT OR UPDATE OR DELETE ON certifications
            FOR EACH ROW EXECUTE FUNCTION public.guitai_touch_person()
        """,
    ]

    /// Made with the session's capture table (`PostgresStoreSession`).
    static let beginNoting = "CREATE TEMP TABLE IF NOT EXISTS touched (person_uuid text PRIMARY KEY)"

    /// Brings both tables up to date with what the transaction changed since the notes were last taken.
    /// - Throws: the server's errors.
    static func refresh(_ db: StoreConnection) throws {
        let changed = try db.allRows(sql: "SELECT tbl, key FROM captured WHERE tbl IN ('persons', 'benefits')")
        var people: [String] = [], benefits: [String] = []
        for row in changed {
            let (table, key) = (try row.require(String.self, atIndex: 0), try row.require(String.self, atIndex: 1))
            if table == "persons" { people.append(key) } else { benefits.append(key) }
        }
        for person in people { try searchKeys(of: person, db) }
        let touched = try db.fetchAll(String.self, sql: "SELECT person_uuid FROM touched")
        try db.execute(sql: "DELETE FROM touched")
        for person in touched {
            if let benefit = try db.fetchOne(String.self, sql: "SELECT uuid FROM benefits WHERE person_uuid = ?", arguments: [person]) {
                benefits.append(benefit)
            }
        }
        for benefit in Set(benefits) { try dueDate(of: benefit, db) }
    }

    /// Computes both tables again for every person and benefit of the hall (`guitai store reindex`).
    static func rebuild(_ db: StoreConnection) throws {
        try db.execute(sql: "DELETE FROM \(PersonSearchKeys.table)")
        try db.execute(sql: "DELETE FROM \(CertificationDue.table)")
        for person in try db.fetchAll(String.self, sql: "SELECT uuid FROM persons") { try searchKeys(of: person, db) }
        for benefit in try db.fetchAll(String.self, sql: "SELECT uuid FROM benefits") { try dueDate(of: benefit, db) }
    }

    private static func searchKeys(of person: String, _ db: StoreConnection) throws {
        try db.execute(sql: "DELETE FROM \(PersonSearchKeys.table) WHERE person_uuid = ?", arguments: [person])
        guard let row = try db.oneRow(sql: "SELECT id_number, name, initials FROM persons WHERE uuid = ?", arguments: [person]) else {
            return
        }
        let reader = RowReader(row, table: "persons", keyColumn: "id_number")
        let (idNumber, name) = (try reader.text("id_number"), try reader.text("name"))
        for key in PersonSearchKeys.keys(idNumber: idNumber, name: name, initials: try reader.text("initials")) {
            try db.execute(sql: "INSERT OR IGNORE INTO \(PersonSearchKeys.table)(key, person_uuid, name, id_number) VALUES (?, ?, ?, ?)",
                           arguments: [key, person, name, idNumber])
        }
    }

    private static func dueDate(of benefit: String, _ db: StoreConnection) throws {
        try db.execute(sql: "DELETE FROM \(CertificationDue.table) WHERE benefit_uuid = ?", arguments: [benefit])
        guard let row = try db.oneRow(sql: """
            SELECT b.person_uuid, b.start_month,
                   (SELECT max(c.certified_on) FROM certifications c WHERE c.person_uuid = b.person_uuid) AS last_certified
            FROM benefits b WHERE b.uuid = ?
            """, arguments: [benefit]) else { return }
        let reader = RowReader(row, table: "benefits", keyColumn: "person_uuid")
        let due = CertificationDue.dueDate(lastCertified: try reader.optionalText("last_certified"),
                                           startMonth: try reader.optionalText("start_month"))
        try db.execute(sql: "INSERT INTO \(CertificationDue.table)(benefit_uuid, person_uuid, due_on) VALUES (?, ?, ?)",
                       arguments: [benefit, try reader.text("person_uuid"), due])
    }
}
