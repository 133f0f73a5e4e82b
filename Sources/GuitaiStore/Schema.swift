import Foundation
import GRDB
import GuitaiCore

/// The store's migrations. Never edit one that has shipped: add the next.
enum Schema {
    /// Every table, index, view and trigger this version's migrations make (type, name, SQL), from a store made in
    /// memory: `verify` compares a store's own schema with it, so a dropped trigger or index, or a planted one, shows.
    static let expectedObjects: Result<Set<SchemaObject>, DomainError> = {
        do {
            let memory = try DatabaseQueue()
            try migrator().migrate(memory)
            return .success(try memory.read { try objects($0) })
        } catch {
            return .failure(DomainError(.failure, code: "internal-error", zh: "无法建立对照用的库结构：\(error)",
                                        en: "Cannot build the schema to compare with: \(error)"))
        }
    }()

    /// One object of a schema as `sqlite_master` lists it.
    struct SchemaObject: Hashable {
        var type: String
        var name: String
        var sql: String

        /// Tables, indexes, views and triggers each have their own names: a trigger may share a table's name.
        var key: String { type + " " + name }
    }

    /// The schema's objects, SQLite's own left out.
    static func objects(_ db: Database) throws -> Set<SchemaObject> {
        Set(try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").map { row in
            let reader = RowReader(StoreRow(row), table: "sqlite_master", keyColumn: "name")
            return SchemaObject(type: try reader.text("type"), name: try reader.text("name"),
                                sql: (try reader.optionalText("sql") ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " "))
        })
    }

    static func migrator() -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE settings (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) STRICT;

                CREATE TABLE operators (
                    id TEXT PRIMARY KEY NOT NULL,
                    uuid TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'trainer', 'admin')),
                    password_hash TEXT NOT NULL,
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;

                CREATE TABLE persons (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    id_number TEXT NOT NULL UNIQUE CHECK (length(id_number) = 18),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    initials TEXT NOT NULL,
                    ethnicity TEXT,
                    household TEXT CHECK (household IN ('urban', 'rural')),
                    region_code TEXT NOT NULL CHECK (length(region_code) = 6),
                    address TEXT,
                    phone TEXT CHECK (phone IS NULL OR length(phone) = 11),
                    student INTEGER NOT NULL DEFAULT 0 CHECK (student IN (0, 1)),
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;

                CREATE TABLE person_groups (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    person_uuid TEXT NOT NULL REFERENCES persons(uuid),
                    group_code TEXT NOT NULL,
                    from_date TEXT NOT NULL,
                    to_date TEXT CHECK (to_date IS NULL OR to_date >= from_date),
                    device TEXT NOT NULL
                ) STRICT;
                CREATE INDEX person_groups_by_person ON person_groups(person_uuid);

                CREATE TABLE enrolments (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    person_uuid TEXT NOT NULL REFERENCES persons(uuid),
                    scheme TEXT NOT NULL CHECK (scheme IN ('resident-pension', 'employee-pension', 'resident-medical',
                        'employee-medical', 'unemployment', 'work-injury', 'maternity')),
                    status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'terminated', 'transferred')),
                    region_code TEXT NOT NULL,
                    from_date TEXT NOT NULL,
                    to_date TEXT CHECK (to_date IS NULL OR to_date >= from_date),
                    cover_from TEXT NOT NULL,
                    employment_status TEXT CHECK (employment_status IN ('in-service', 'retired')),
                    employer TEXT,
                    grade_fen INTEGER CHECK (grade_fen IS NULL OR grade_fen > 0),
                    personal_fen INTEGER CHECK (personal_fen IS NULL OR personal_fen >= 0),
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;

                CREATE TABLE enrolment_suspensions (
                    enrolment_uuid TEXT NOT NULL REFERENCES enrolments(uuid),
                    from_date TEXT NOT NULL,
                    to_date TEXT CHECK (to_date IS NULL OR to_date >= from_date),
                    PRIMARY KEY (enrolment_uuid, from_date)
                ) STRICT;
                -- One person is never enrolled twice in the same scheme.
                CREATE UNIQUE INDEX enrolments_one_open_per_scheme ON enrolments(person_uuid, scheme)
                    WHERE status IN ('active', 'suspended');

                CREATE TABLE settlements (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    serial TEXT NOT NULL UNIQUE,
                    person_uuid TEXT NOT NULL REFERENCES persons(uuid),
                    settled_on TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    visit TEXT NOT NULL CHECK (visit IN ('outpatient', 'inpatient')),
                    level INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
                    major INTEGER NOT NULL CHECK (major IN (0, 1)),
                    policy_id TEXT NOT NULL,
                    items TEXT NOT NULL,
                    total_fen INTEGER NOT NULL CHECK (total_fen > 0),
                    out_of_scope_fen INTEGER NOT NULL CHECK (out_of_scope_fen >= 0),
                    b_prepay_fen INTEGER NOT NULL CHECK (b_prepay_fen >= 0),
                    in_scope_fen INTEGER NOT NULL CHECK (in_scope_fen >= 0),
                    basic_fen INTEGER NOT NULL CHECK (basic_fen >= 0),
                    critical_illness_fen INTEGER NOT NULL CHECK (critical_illness_fen >= 0),
                    assistance_fen INTEGER NOT NULL CHECK (assistance_fen >= 0),
                    personal_fen INTEGER NOT NULL CHECK (personal_fen >= 0),
                    annual_deductible_fen INTEGER NOT NULL,
                    critical_illness_base_fen INTEGER NOT NULL,
                    critical_illness_in_combined_fen INTEGER NOT NULL,
                    assistance_deductible_fen INTEGER NOT NULL,
                    slip TEXT NOT NULL,
                    device TEXT NOT NULL,
                    CHECK (total_fen = basic_fen + critical_illness_fen + assistance_fen + personal_fen),
                    CHECK (total_fen = out_of_scope_fen + b_prepay_fen + in_scope_fen)
                ) STRICT;
                CREATE INDEX settlements_by_person_year ON settlements(person_uuid, year);

                CREATE TABLE reversals (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    serial TEXT NOT NULL UNIQUE,
                    settlement_serial TEXT NOT NULL UNIQUE REFERENCES settlements(serial),
                    approved_by TEXT NOT NULL REFERENCES operators(id),
                    reason TEXT NOT NULL,
                    device TEXT NOT NULL
                ) STRICT;

                -- Settlements and reversals stand as recorded: a correction is a new transaction, never an edit.
                CREATE TRIGGER settlements_refuse_update BEFORE UPDATE ON settlements
                    BEGIN SELECT RAISE(ABORT, 'settlements are never edited: reverse and settle again'); END;
                CREATE TRIGGER settlements_refuse_delete BEFORE DELETE ON settlements
                    BEGIN SELECT RAISE(ABORT, 'settlements are never deleted: reverse them'); END;
                CREATE TRIGGER reversals_refuse_update BEFORE UPDATE ON reversals
                    BEGIN SELECT RAISE(ABORT, 'reversals are never edited'); END;
                CREATE TRIGGER reversals_refuse_delete BEFORE DELETE ON reversals
                    BEGIN SELECT RAISE(ABORT, 'reversals are never deleted'); END;

                CREATE TABLE policies (
                    id TEXT PRIMARY KEY NOT NULL,
                    text TEXT NOT NULL,
                    loaded_serial TEXT NOT NULL
                ) STRICT;

                CREATE TABLE serial_counters (
                    day TEXT PRIMARY KEY NOT NULL,
                    last INTEGER NOT NULL CHECK (last > 0)
                ) STRICT;

                -- The audit journal: one row per business transaction, hash-chained, append-only.
                CREATE TABLE journal (
                    seq INTEGER PRIMARY KEY,
                    serial TEXT NOT NULL UNIQUE,
                    at INTEGER NOT NULL,
                    business_date TEXT NOT NULL,
                    operator TEXT NOT NULL,
                    counter TEXT NOT NULL,
                    device TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL UNIQUE
                ) STRICT;
                CREATE TRIGGER journal_refuses_update BEFORE UPDATE ON journal
                    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
                CREATE TRIGGER journal_refuses_delete BEFORE DELETE ON journal
                    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

                -- Logins, failed and after failures; kept apart from business data.
                CREATE TABLE security_log (
                    seq INTEGER PRIMARY KEY,
                    at INTEGER NOT NULL,
                    operator TEXT NOT NULL,
                    event TEXT NOT NULL CHECK (event IN ('login-failed', 'login-ok', 'locked')),
                    detail TEXT NOT NULL
                ) STRICT;
                CREATE TRIGGER security_log_refuses_update BEFORE UPDATE ON security_log
                    BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
                CREATE TRIGGER security_log_refuses_delete BEFORE DELETE ON security_log
                    BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
                """)
        }
        migrator.registerMigration("v2-cards-certification") { db in
            try db.execute(sql: """
                CREATE TABLE cards (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    person_uuid TEXT NOT NULL REFERENCES persons(uuid),
                    number TEXT NOT NULL UNIQUE CHECK (length(number) = 9),
                    region_code TEXT NOT NULL,
                    issued_on TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('normal', 'temporary-loss', 'formal-loss', 'locked', 'cancelled')),
                    state_since TEXT NOT NULL,
                    replaced_by TEXT,
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;
                -- One card in use per person; replaced and cancelled cards stay on record.
                CREATE UNIQUE INDEX cards_one_live_per_person ON cards(person_uuid) WHERE state != 'cancelled';

                CREATE TABLE ecards (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    person_uuid TEXT NOT NULL REFERENCES persons(uuid),
                    serial TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL CHECK (status IN ('issued', 'active', 'suspended', 'cancelled')),
                    status_since TEXT NOT NULL,
                    phone TEXT NOT NULL CHECK (length(phone) = 11),
                    identity_check TEXT NOT NULL CHECK (identity_check IN ('document', 'face')),
                    pin_hash TEXT NOT NULL,
                    activation_hash TEXT,
                    voucher_on TEXT,
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;
                CREATE UNIQUE INDEX ecards_one_live_per_person ON ecards(person_uuid) WHERE status != 'cancelled';

                CREATE TABLE benefits (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    person_uuid TEXT NOT NULL UNIQUE REFERENCES persons(uuid),
                    scheme TEXT NOT NULL CHECK (scheme IN ('resident-pension', 'employee-pension')),
                    monthly_fen INTEGER NOT NULL CHECK (monthly_fen > 0),
                    start_month TEXT NOT NULL,
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;

                CREATE TABLE deaths (
                    person_uuid TEXT PRIMARY KEY NOT NULL REFERENCES persons(uuid),
                    died_on TEXT NOT NULL,
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;

                CREATE TABLE certifications (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    person_uuid TEXT NOT NULL REFERENCES persons(uuid),
                    certified_on TEXT NOT NULL,
                    method TEXT NOT NULL CHECK (method IN ('counter', 'home', 'video', 'self-service', 'data')),
                    reference TEXT,
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL,
                    UNIQUE (person_uuid, certified_on, method)
                ) STRICT;
                CREATE INDEX certifications_by_person ON certifications(person_uuid, certified_on);

                CREATE TABLE payments (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    benefit_uuid TEXT NOT NULL REFERENCES benefits(uuid),
                    month TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('paid', 'suspended', 'back-paid')),
                    amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
                    run_serial TEXT NOT NULL,
                    device TEXT NOT NULL,
                    UNIQUE (benefit_uuid, month, kind)
                ) STRICT;
                -- A month is paid at most once, regularly or as back-pay.
                CREATE UNIQUE INDEX payments_paid_once ON payments(benefit_uuid, month) WHERE kind != 'suspended';

                CREATE TABLE recoveries (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    benefit_uuid TEXT NOT NULL REFERENCES benefits(uuid),
                    months TEXT NOT NULL,
                    amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;
                """)
        }
        migrator.registerMigration("v3-projection") { db in
            try Schema.v3(db)
        }
        // Which transactions a reversal undid is asked on every draw of the day's receipts and before every reversal:
        // an index over the reversals' `reversed`, so the question never reads the whole journal.
        migrator.registerMigration("v4-reversal-index") { db in
            try db.execute(sql: """
                CREATE INDEX journal_by_reversed ON journal(json_extract(payload, '$.reversed'))
                    WHERE json_extract(payload, '$.reversed') IS NOT NULL;
                """)
        }
        migrator.registerMigration("v5-outreach") { db in
            try db.execute(sql: """
                -- At the hall: each outreach laptop checked out, with the key its returns must be signed with.
                CREATE TABLE outreach_devices (
                    code TEXT PRIMARY KEY NOT NULL CHECK (length(code) BETWEEN 2 AND 5),
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    public_key TEXT NOT NULL,
                    device_id TEXT NOT NULL UNIQUE,
                    operator TEXT NOT NULL REFERENCES operators(id),
                    region_prefix TEXT NOT NULL,
                    due_within INTEGER,
                    people INTEGER NOT NULL CHECK (people >= 0),
                    checkout_serial TEXT NOT NULL UNIQUE,
                    checked_out_on TEXT NOT NULL
                ) STRICT;
                -- At the hall: each return bundle received, by its id and the digest of the whole file.
                CREATE TABLE outreach_bundles (
                    bundle TEXT PRIMARY KEY NOT NULL,
                    digest TEXT NOT NULL,
                    device_code TEXT NOT NULL REFERENCES outreach_devices(code),
                    applied INTEGER NOT NULL,
                    skipped INTEGER NOT NULL,
                    queued INTEGER NOT NULL,
                    received_serial TEXT NOT NULL
                ) STRICT;
                -- At the hall: laptop work that could not be applied as it came, waiting for a supervisor.
                CREATE TABLE outreach_reviews (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    device_code TEXT NOT NULL REFERENCES outreach_devices(code),
                    serials TEXT NOT NULL,
                    reason TEXT NOT NULL CHECK (reason IN ('same-person', 'possible-same-person', 'changed-at-hall',
                        'refused-by-hall', 'waits-for-review')),
                    hall_key TEXT,
                    detail TEXT NOT NULL,
                    laptop TEXT NOT NULL,
                    hall TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'kept-hall', 'kept-laptop', 'kept-both', 'rejected')),
                    received_serial TEXT NOT NULL,
                    decided_serial TEXT
                ) STRICT;
                -- The activity register, kept on the laptop and carried home.
                CREATE TABLE outreach_venues (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL CHECK (length(name) > 0),
                    kind TEXT NOT NULL CHECK (kind IN ('community', 'village', 'firm', 'school', 'monastery')),
                    region_code TEXT,
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;
                CREATE TABLE outreach_events (
                    uuid TEXT PRIMARY KEY NOT NULL,
                    venue_uuid TEXT NOT NULL REFERENCES outreach_venues(uuid),
                    held_on TEXT NOT NULL,
                    participants INTEGER NOT NULL DEFAULT 0 CHECK (participants >= 0),
                    leaflets INTEGER NOT NULL DEFAULT 0 CHECK (leaflets >= 0),
                    state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
                    device TEXT NOT NULL,
                    created_serial TEXT NOT NULL
                ) STRICT;
                -- Which transactions were done at which event.
                CREATE TABLE outreach_event_transactions (
                    serial TEXT PRIMARY KEY NOT NULL,
                    event_uuid TEXT NOT NULL REFERENCES outreach_events(uuid)
                ) STRICT;
                CREATE INDEX outreach_event_transactions_by_event ON outreach_event_transactions(event_uuid);
                """)
        }
        migrator.registerMigration("v6-day-close") { db in
            try db.execute(sql: """
                -- Day close (日结): one row per business date signed off, with the report as it stood, so a closed
                -- day's report is reprinted from it unchanged. Once a date has a row, nothing more is recorded on it.
                CREATE TABLE day_closes (
                    business_date TEXT PRIMARY KEY NOT NULL CHECK (length(business_date) = 10),
                    serial TEXT NOT NULL UNIQUE,
                    operator TEXT NOT NULL REFERENCES operators(id),
                    closed_at INTEGER NOT NULL,
                    journal_head TEXT NOT NULL,
                    report TEXT NOT NULL
                ) STRICT;
                CREATE TRIGGER day_closes_refuse_update BEFORE UPDATE ON day_closes
                    BEGIN SELECT RAISE(ABORT, 'a day close is never edited'); END;
                CREATE TRIGGER day_closes_refuse_delete BEFORE DELETE ON day_closes
                    BEGIN SELECT RAISE(ABORT, 'a day close is never undone'); END;
                """)
        }
        migrator.registerMigration("v7-settlement-deductibles") { db in
            try db.execute(sql: """
                -- The deductible each settlement bore (the national platform's act_pay_dedc), kept beside the
                -- settlement so the rows written before it keep their digests; older settlements have none.
                CREATE TABLE settlement_deductibles (
                    settlement_serial TEXT PRIMARY KEY NOT NULL REFERENCES settlements(serial),
                    deductible_fen INTEGER NOT NULL CHECK (deductible_fen >= 0)
                ) STRICT;
                """)
        }
        migrator.registerMigration("v8-person-search-keys") { db in
            try db.execute(sql: """
                -- The clerk's search by ID tail, part of a name or pinyin initials (PersonSearchKeys): derived from
                -- persons like an index, so neither journaled nor digested.
                CREATE TABLE person_search_keys (
                    key TEXT NOT NULL,
                    person_uuid TEXT NOT NULL,
                    PRIMARY KEY (key, person_uuid)
                ) WITHOUT ROWID, STRICT;
                """)
            // Filled in v12's shape, which replaces this table.
        }
        migrator.registerMigration("v9-certification-due") { db in
            try db.execute(sql: """
                -- Each pension's next certification due date, for the due list (CertificationDue): derived from
                -- benefits and certifications like an index, so neither journaled nor digested.
                CREATE TABLE certification_due (
                    benefit_uuid TEXT PRIMARY KEY NOT NULL,
                    person_uuid TEXT NOT NULL UNIQUE,
                    due_on TEXT
                ) WITHOUT ROWID, STRICT;
                CREATE INDEX certification_due_by_date ON certification_due(due_on);
                """)
            try CertificationDue.rebuild(db)
        }
        migrator.registerMigration("v10-lookup-indexes") { db in
            try db.execute(sql: """
                -- A person's enrolments, cards and e-cards, and the journal's entries of a kind, found through an index
                -- (the partial indexes that keep one open enrolment or one live card cannot serve every lookup).
                CREATE INDEX enrolments_by_person ON enrolments(person_uuid, from_date);
                CREATE INDEX cards_by_person ON cards(person_uuid);
                CREATE INDEX ecards_by_person ON ecards(person_uuid);
                CREATE INDEX journal_by_kind ON journal(kind, business_date);
                """)
        }
        migrator.registerMigration("v11-rows-by-transaction") { db in
            try db.execute(sql: """
                -- The rows a transaction made, found through an index when it is reversed.
                CREATE INDEX enrolments_by_serial ON enrolments(created_serial);
                CREATE INDEX cards_by_serial ON cards(created_serial);
                CREATE INDEX ecards_by_serial ON ecards(created_serial);
                CREATE INDEX certifications_by_serial ON certifications(created_serial);
                CREATE INDEX benefits_by_serial ON benefits(created_serial);
                CREATE INDEX recoveries_by_serial ON recoveries(created_serial);
                """)
        }
        migrator.registerMigration("v12-search-keys-in-list-order") { db in
            try db.execute(sql: """
                -- Each search key carries the person's name and number, the order the list of matches is in, so a
                -- search matching thousands sorts them from the keys alone (PersonSearchKeys).
                DROP TABLE person_search_keys;
                CREATE TABLE person_search_keys (
                    key TEXT NOT NULL,
                    person_uuid TEXT NOT NULL,
                    name TEXT NOT NULL,
                    id_number TEXT NOT NULL,
                    PRIMARY KEY (key, person_uuid)
                ) WITHOUT ROWID, STRICT;
                """)
            try PersonSearchKeys.rebuild(db)
        }
        return migrator
    }

    /// The journal notes the rows each transaction changes and keeps its highest number even when its tail is cut;
    /// the security log is chained; deaths remember what they ended so a death registered in error can be withdrawn;
    /// operators can be disabled. A store that already holds business gets one upgrade entry noting every row as it
    /// stands, from which `verify` proves what follows.
    static func v3(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE journal_v3 (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                serial TEXT NOT NULL UNIQUE,
                at INTEGER NOT NULL,
                business_date TEXT NOT NULL,
                operator TEXT NOT NULL,
                counter TEXT NOT NULL,
                device TEXT NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                changes TEXT NOT NULL DEFAULT '',
                security_head TEXT NOT NULL DEFAULT '',
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE
            ) STRICT;
            INSERT INTO journal_v3(seq, serial, at, business_date, operator, counter, device, kind, payload, prev_hash, hash)
                SELECT seq, serial, at, business_date, operator, counter, device, kind, payload, prev_hash, hash FROM journal;
            DROP TABLE journal;
            ALTER TABLE journal_v3 RENAME TO journal;
            CREATE INDEX journal_by_day_operator ON journal(business_date, operator);
            CREATE TRIGGER journal_refuses_update BEFORE UPDATE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
            CREATE TRIGGER journal_refuses_delete BEFORE DELETE ON journal
                BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

            CREATE TABLE security_log_v3 (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                at INTEGER NOT NULL,
                operator TEXT NOT NULL,
                event TEXT NOT NULL CHECK (event IN ('login-failed', 'login-ok', 'locked', 'unlocked')),
                detail TEXT NOT NULL,
                prev_hash TEXT NOT NULL,
                hash TEXT NOT NULL UNIQUE
            ) STRICT;
            CREATE INDEX security_log_by_operator ON security_log_v3(operator, seq);

            ALTER TABLE enrolments ADD COLUMN end_reason TEXT CHECK (end_reason IS NULL OR end_reason IN ('death'));
            ALTER TABLE deaths ADD COLUMN ecard_uuid TEXT;
            ALTER TABLE deaths ADD COLUMN ecard_status_before TEXT
                CHECK (ecard_status_before IS NULL OR ecard_status_before IN ('issued', 'active', 'suspended'));
            ALTER TABLE operators ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1));
            CREATE INDEX payments_by_month ON payments(month, benefit_uuid);

            -- A payment run writes its lines in short transactions under one run; they count only once it is done.
            CREATE TABLE payment_runs (
                uuid TEXT PRIMARY KEY NOT NULL,
                month TEXT NOT NULL,
                state TEXT NOT NULL CHECK (state IN ('writing', 'done', 'abandoned')),
                device TEXT NOT NULL,
                created_serial TEXT NOT NULL
            ) STRICT;
            ALTER TABLE payments ADD COLUMN run_uuid TEXT REFERENCES payment_runs(uuid);
            CREATE INDEX payments_by_run ON payments(run_uuid, benefit_uuid);
            CREATE VIEW settled_payments AS SELECT * FROM payments p
                WHERE p.run_uuid IS NULL OR EXISTS (SELECT 1 FROM payment_runs r WHERE r.uuid = p.run_uuid AND r.state = 'done');
            CREATE INDEX recoveries_by_benefit ON recoveries(benefit_uuid);
            """)
        // The old security log is chained as it stood, except that an id which names no account (maybe a password
        // typed in the wrong field) is kept only as its keyed hash from now on.
        let key = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'security.key'") ?? SecurityLog.newKey()
        try db.execute(sql: "INSERT INTO settings(key, value) VALUES ('security.key', ?) ON CONFLICT(key) DO NOTHING", arguments: [key])
        let accounts = Set(try String.fetchAll(db, sql: "SELECT id FROM operators"))
        var previous = JournalEntry.genesis
        for row in try Row.fetchAll(db, sql: "SELECT seq, at, operator, event, detail FROM security_log ORDER BY seq") {
            let reader = RowReader(StoreRow(row), table: "security_log", keyColumn: "seq")
            let typed = try reader.text("operator")
            let entry = SecurityLog.Entry(seq: try reader.int("seq"), at: try reader.int("at"),
                                          operatorLabel: SecurityLog.label(for: typed, known: accounts.contains(typed), key: key),
                                          event: try reader.text("event"), detail: try reader.text("detail"), previousHash: previous, hash: "")
            let hash = entry.computedHash(after: previous)
            try db.execute(sql: """
                INSERT INTO security_log_v3(seq, at, operator, event, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [entry.seq, entry.at, entry.operatorLabel, entry.event, entry.detail, previous, hash])
            previous = hash
        }
        try db.execute(sql: """
            DROP TABLE security_log;
            ALTER TABLE security_log_v3 RENAME TO security_log;
            CREATE TRIGGER security_log_refuses_update BEFORE UPDATE ON security_log
                BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
            CREATE TRIGGER security_log_refuses_delete BEFORE DELETE ON security_log
                BEGIN SELECT RAISE(ABORT, 'the security log is append-only'); END;
            """)
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM journal") ?? 0 > 0 else {
            // A new store: its key is set by `init` with the other settings, in the first journaled transaction.
            try db.execute(sql: "DELETE FROM settings WHERE key = 'security.key'")
            return
        }
        // An existing store: one entry noting every row as it stands.
        let settings = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT key, value FROM settings").map {
            (try $0.decode(String.self, atIndex: 0), try $0.decode(String.self, atIndex: 1))
        })
        let now = Int64(Date().timeIntervalSince1970)
        let today = LocalDate(dayNumber: Int(now / 86_400))
        let last = min(max(try Int.fetchOne(db, sql: "SELECT last FROM serial_counters WHERE day = ?", arguments: [today.compact]) ?? 0, 0), 999_998)
        try db.execute(sql: "INSERT INTO serial_counters(day, last) VALUES (?, ?) ON CONFLICT(day) DO UPDATE SET last = excluded.last",
                       arguments: [today.compact, last + 1])
        let serial = (settings["hall.code"] ?? "") + today.compact + String(last + 1).leftPadded(6)
        let connection = StoreConnection(sqlite: db)
        try Journal.append(connection, serial: serial, at: now, businessDate: today.iso, operatorID: "system", counter: "upgrade",
                           device: settings["device.id"] ?? "", kind: "store.upgrade",
                           payload: JSONValue.object([("schema", .string("v3-projection"))]).rendered(),
                           changes: try Projection.snapshot(connection), securityHead: try SecurityLog.head(connection))
    }
}
