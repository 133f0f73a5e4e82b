/// The projection's notes (`Projection`) on PostgreSQL: for each row a transaction inserts, updates or deletes, its
/// table, key and digest, taken into the journal entry's `changes` exactly as SQLite's temporary triggers note them,
/// so one journal replays under `verify` on either engine.
///
/// PostgreSQL's triggers are the database's, not one connection's: each projected table gets one, and it notes into
/// a temporary table that only the store's writing sessions create (`beginNoting`). A session without it (an
/// administrator's `psql`, a script) writes un-noted, as the `sqlite3` tool does on a hall's file, and `verify` names
/// what it changed.
enum PostgresProjection {
    /// The statements that make `table`'s trigger. `columns` are the table's columns as SQLite declares them, in
    /// order: the city's own `hall` column is not among them, so a row's digest is the one its hall's file gives it.
    static func install(_ table: Projection.Table, columns: [String]) -> [String] {
        let function = "guitai_capture_" + table.name
        let oldKey = table.keyExpression("OLD."), newKey = table.keyExpression("NEW.")
        func noting(_ key: String, _ digest: String) -> String {
            "INSERT INTO pg_temp.captured VALUES ('\(table.name)', \(key), \(digest)) ON CONFLICT (tbl, key) DO UPDATE SET digest = excluded.digest"
        }
        return [
            """
            CREATE OR REPLACE FUNCTION \(function)() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF to_regclass('pg_temp.captured') IS NULL THEN RETURN NULL; END IF;
                IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (\(oldKey)) IS DISTINCT FROM (\(newKey))) THEN
                    \(noting(oldKey, "NULL"));
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    \(noting(newKey, PostgresRowDigest.expression(table: table.name, columns: columns, prefix: "NEW.")));
                END IF;
                RETURN NULL;
            END $$
            """,
            "DROP TRIGGER IF EXISTS guitai_capture ON \(table.name)",
            "CREATE TRIGGER guitai_capture AFTER INSERT OR UPDATE OR DELETE ON \(table.name) FOR EACH ROW EXECUTE FUNCTION \(function)()",
        ]
    }

    /// Makes this session's capture tables, the projection's and the derived tables' (`PostgresDerivedTables`), once per
    /// session, before its first business transaction. Like every table, they are transactional: a rolled-back
    /// transaction leaves no notes; like SQLite's, notes not taken before a commit stay for the next transaction to take
    /// (the store always takes them).
    static let beginNoting = [
        """
        CREATE TEMP TABLE IF NOT EXISTS captured (tbl text NOT NULL, key text NOT NULL, digest text, PRIMARY KEY (tbl, key))
        """,
        PostgresDerivedTables.beginNoting,
    ]
}
