import Foundation
import GuitaiCore

/// The city database's schema, made from the same migration list as a hall's file: the schema SQLite's migrations end
/// in (`Schema.expectedObjects`), statement by statement in PostgreSQL's words, with the halls kept apart. One list of
/// migrations, so the two engines cannot drift apart; a construct this translation does not know is an error, never
/// skipped.
///
/// - Each table as `PostgresCityTable` makes it: SQLite's columns in SQLite's order, then `hall_code`, every key and
///   reference per hall.
/// - Indexes carry over, led by the hall; `json_extract(c, '$.k')` becomes `(c::jsonb ->> 'k')`.
/// - Views read as the session that reads them (`security_invoker`), so a hall's login sees its own rows through
///   them too.
/// - The append-only triggers (`RAISE(ABORT, '…')` before an update or delete) call one function raising the message.
/// - Every table is confined to the session's hall by row-level security (`PostgresHallIsolation`), its owner too.
/// - The journal and the security log are numbered per hall, as SQLite's `AUTOINCREMENT` numbers them in a hall's
///   file, their highest number kept in `guitai_sequence` (SQLite's `sqlite_sequence`, per hall).
/// - The projection's triggers note each row a store session changes (`PostgresProjection`).
/// - `guitai_migrations` records the migrations the schema stands for.
enum PostgresSchema {
    /// What cannot be translated, naming the object.
    struct Untranslatable: Error, CustomStringConvertible {
        var object: String
        var description: String { "the schema object \(object) has no PostgreSQL translation" }
    }

    /// The function every append-only trigger calls with its message.
    static let refuse = """
        CREATE OR REPLACE FUNCTION public.guitai_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation'; END $$
        """

    /// SQLite's `sqlite_sequence`, per hall: the highest number each numbered table has given in each hall.
    static let sequences = [
        """
        CREATE TABLE guitai_sequence (name text NOT NULL, seq bigint NOT NULL,
                                      hall_code text NOT NULL DEFAULT guitai_hall(), PRIMARY KEY (hall_code, name))
        """,
        """
        CREATE OR REPLACE FUNCTION public.guitai_number_row() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE highest bigint;
        BEGIN
            INSERT INTO guitai_sequence (name, seq, hall_code) VALUES (TG_TABLE_NAME, 0, NEW.hall_code)
                ON CONFLICT (hall_code, name) DO NOTHING;
            SELECT seq INTO highest FROM guitai_sequence WHERE hall_code = NEW.hall_code AND name = TG_TABLE_NAME FOR UPDATE;
            IF NEW.seq IS NULL THEN NEW.seq := highest + 1; END IF;
            UPDATE guitai_sequence SET seq = greatest(highest, NEW.seq) WHERE hall_code = NEW.hall_code AND name = TG_TABLE_NAME;
            RETURN NEW;
        END $$
        """,
    ]

    /// The text functions the product's statements call on SQLite, in PostgreSQL's words: `GLOB` over a name's
    /// initials pattern (letters and bracketed alternatives, `*` and `?`), and `guitai_initials_prefix`
    /// (`StoreTransaction.initialsPrefix`: the pattern cut after its first `k` brackets, NULL when it has fewer).
    static let textFunctions = [
        """
        CREATE OR REPLACE FUNCTION public.guitai_glob(subject text, pattern text) RETURNS boolean
            LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT subject ~ ('^' || replace(replace(regexp_replace(pattern, '([.^$+(){}|\\\\])', '\\\\\\1', 'g'),
                                                     '*', '.*'), '?', '.') || '$') $$
        """,
        """
        CREATE OR REPLACE FUNCTION public.guitai_initials_prefix(pattern text, k bigint) RETURNS text
            LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
        DECLARE closed bigint := 0;
        BEGIN
            IF pattern IS NULL OR k IS NULL OR k < 1 THEN RETURN NULL; END IF;
            FOR i IN 1 .. length(pattern) LOOP
                IF substr(pattern, i, 1) = ']' THEN
                    closed := closed + 1;
                    IF closed = k THEN RETURN substr(pattern, 1, i); END IF;
                END IF;
            END LOOP;
            RETURN NULL;
        END $$
        """,
    ]

    /// The record of the migrations the schema was made from: SQLite's list, so a city database and a hall's file
    /// name the same schema the same way.
    static let migrationsTable = "CREATE TABLE guitai_migrations (identifier text PRIMARY KEY)"

    /// The statements that make the city's schema from `objects` (SQLite's `sqlite_master` rows), in an order
    /// PostgreSQL accepts: the functions, tables before the tables that refer to them, then indexes, views, triggers,
    /// the halls' confinement and the projection's notes.
    /// - Parameter migrations: the identifiers of the migrations `objects` result from.
    /// - Throws: `Untranslatable` for an object of a kind or shape not known here.
    static func statements(from objects: Set<Schema.SchemaObject>, migrations: [String] = []) throws -> [String] {
        let kept = objects.filter { $0.name != "grdb_migrations" }
        var tables: [String: PostgresCityTable] = [:]
        var others: [(String, String)] = []
        for object in kept.sorted(by: { $0.name < $1.name }) {
            switch object.type {
            case "table": tables[object.name] = try PostgresCityTable(object)
            case "index": others.append((object.name, try index(object)))
            case "view": others.append((object.name, try view(object)))
            case "trigger": others.append((object.name, try trigger(object)))
            default: throw Untranslatable(object: object.key)
            }
        }
        let names = tables.keys.sorted()
        let numbered = names.filter { tables[$0]?.numbersRows == true }.map {
            "CREATE TRIGGER \($0)_numbered BEFORE INSERT ON \($0) FOR EACH ROW EXECUTE FUNCTION public.guitai_number_row()"
        }
        let projected = Projection.tables.filter { tables[$0.name] != nil }.flatMap { table in
            PostgresProjection.install(table, columns: tables[table.name]?.columns ?? [])
        }
        return PostgresRowDigest.functions + textFunctions + PostgresHallIsolation.setup + [refuse] + sequences + [migrationsTable]
            + (try ordered(tables.mapValues(\.statement))) + others.map(\.1) + numbered + PostgresHallIsolation.cityWide
            + PostgresDerivedTables.noting
            + (names + ["guitai_sequence"]).flatMap(PostgresHallIsolation.confine)
            + ["GRANT SELECT ON guitai_migrations TO guitai_hall, guitai_city"] + projected
            + migrations.map { "INSERT INTO guitai_migrations VALUES ('\($0)')" }
    }

    /// The schema's tables in an order where each comes after the tables it refers to: the order a copy fills them in.
    /// - Throws: `Untranslatable` for tables that refer to each other.
    static func tableOrder(_ objects: Set<Schema.SchemaObject>) throws -> [String] {
        let tables = objects.filter { $0.type == "table" && $0.name != "grdb_migrations" }
        let order = try ordered(Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.sql) }))
        return order.compactMap { sql in tables.first { $0.sql == sql }?.name }
    }

    /// What differs between the city's schema and the one this version makes, as `verify` reports it: a table or a
    /// column missing or added, a table no longer confined to its hall, a trigger or a hall's policy removed (the
    /// journal's refusals, the projection's notes, the numbering, the city-wide check). What a policy says is not
    /// compared, nor what the product's functions do: an administrator who rewrites them is trusted as the server's
    /// superuser is.
    static func problems(_ db: StoreConnection) throws -> [VerificationProblem] {
        let objects: Set<Schema.SchemaObject>
        switch Schema.expectedObjects {
        case .success(let made): objects = made
        case .failure(let error): return [VerificationProblem(table: "schema", row: "", zh: error.message.zh, en: error.message.en)]
        }
        var columns: [String: [String]] = [:]
        var triggers = Set(objects.filter { $0.type == "trigger" }.map { object in
            (object.sql.firstMatch(of: /ON "?(\w+)"?/).map { String($0.1) } ?? "") + "." + object.name
        })
        for object in objects where object.type == "table" && object.name != "grdb_migrations" {
            let table = try PostgresCityTable(object)
            columns[table.name] = table.allColumns
            if table.numbersRows { triggers.insert("\(table.name).\(table.name)_numbered") }
        }
        triggers.formUnion(Projection.tables.map { "\($0.name).guitai_capture" })
        triggers.formUnion(["enrolments.enrolments_city_wide", "certifications.certifications_touch"])
        columns["guitai_sequence"] = ["name", "seq", PostgresCityTable.hallColumn]

        var found: [String: [String]] = [:]
        for row in try db.allRows(sql: """
            SELECT table_name::text, column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name NOT IN ('guitai_migrations', 'guitai_city_enrolments', 'hall_logins')
              AND table_name IN (SELECT table_name FROM information_schema.tables
                                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE')
            ORDER BY table_name, ordinal_position
            """) {
            found[try row.require(String.self, atIndex: 0), default: []].append(try row.require(String.self, atIndex: 1))
        }
        var problems: [VerificationProblem] = []
        func problem(_ name: String, zh: String, en: String) {
            problems.append(VerificationProblem(table: "schema", row: name, zh: zh, en: en))
        }
        for (table, want) in columns.sorted(by: { $0.key < $1.key }) where found[table] != want {
            if found[table] == nil {
                problem(table, zh: "结构中的表 \(table) 被删除", en: "the schema's table \(table) was removed")
            } else {
                problem(table, zh: "结构中的表 \(table) 的列被改动", en: "the columns of the schema's table \(table) were changed")
            }
        }
        for table in Set(found.keys).subtracting(columns.keys).sorted() {
            problem(table, zh: "结构中多出表 \(table)，不是柜台建的", en: "the schema has a table \(table) that Guitai did not make")
        }
        let confined = Set(try db.fetchAll(String.self, sql: """
            SELECT c.relname::text FROM pg_class c JOIN pg_policies p ON p.tablename = c.relname AND p.schemaname = current_schema()
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relrowsecurity AND c.relforcerowsecurity
              AND p.policyname = c.relname || '_own_hall'
            """))
        for table in columns.keys.sorted() where !confined.contains(table) && found[table] != nil {
            problem(table, zh: "表 \(table) 不再限于本大厅（行级安全被关闭或其策略被删除）",
                    en: "the table \(table) is no longer confined to its hall (row-level security switched off or its policy dropped)")
        }
        let present = Set(try db.fetchAll(String.self, sql: """
            SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace
            """))
        for trigger in triggers.subtracting(present).sorted() {
            problem(trigger, zh: "结构中的触发器 \(trigger) 被删除", en: "the schema's trigger \(trigger) was removed")
        }
        return problems
    }

    private static func index(_ object: Schema.SchemaObject) throws -> String {
        guard object.sql.hasPrefix("CREATE INDEX ") || object.sql.hasPrefix("CREATE UNIQUE INDEX ") else {
            throw Untranslatable(object: object.key)
        }
        let led = object.sql.replacing(#/\sON ("?\w+"?)\(/#, maxReplacements: 1) { " ON \($0.1)(\(PostgresCityTable.hallColumn), " }
        return PostgresDialect.withJSONOperators(led)
    }

    /// A view over tables only (views are made after every table, and none refers to another view).
    private static func view(_ object: Schema.SchemaObject) throws -> String {
        let head = "CREATE VIEW \(object.name) AS "
        guard object.sql.hasPrefix(head) else { throw Untranslatable(object: object.key) }
        return PostgresDialect.withJSONOperators("CREATE VIEW \(object.name) WITH (security_invoker = true) AS " + object.sql.dropFirst(head.count))
    }

    private static func trigger(_ object: Schema.SchemaObject) throws -> String {
        let pattern = #"^CREATE TRIGGER (\w+) BEFORE (UPDATE|DELETE) ON ("?\w+"?) BEGIN SELECT RAISE\(ABORT, '([^']*)'\); END$"#
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: object.sql, range: NSRange(object.sql.startIndex..., in: object.sql)) else {
            throw Untranslatable(object: object.key)
        }
        func group(_ index: Int) -> String {
            Range(match.range(at: index), in: object.sql).map { String(object.sql[$0]) } ?? ""
        }
        return "CREATE TRIGGER \(group(1)) BEFORE \(group(2)) ON \(group(3)) FOR EACH ROW EXECUTE FUNCTION public.guitai_refuse('\(group(4))')"
    }

    /// Tables in an order where each comes after the tables it refers to (`REFERENCES t(...)`).
    private static func ordered(_ tables: [String: String]) throws -> [String] {
        var done: [String] = []
        var placed: Set<String> = []
        var remaining = tables.keys.sorted()
        let reference = try NSRegularExpression(pattern: #"REFERENCES "?(\w+)"?"#)
        while !remaining.isEmpty {
            guard let next = remaining.first(where: { name in
                let sql = tables[name] ?? ""
                let referred = reference.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).compactMap {
                    Range($0.range(at: 1), in: sql).map { String(sql[$0]) }
                }
                return referred.allSatisfy { $0 == name || placed.contains($0) }
            }) else { throw Untranslatable(object: "tables referring to each other: " + remaining.joined(separator: ", ")) }
            done.append(tables[next] ?? "")
            placed.insert(next)
            remaining.removeAll { $0 == next }
        }
        return done
    }
}
