import GuitaiCore

/// How one city database keeps each hall's business to its own clerks, enforced by PostgreSQL (row-level security),
/// not by Guitai: a hall's server logs in as a role of its own, and the database, not the program, decides which rows
/// that login may read and write. A program that was changed, or a `psql` session under the hall's login, gets no more.
///
/// - Every table carries a `hall_code` column, filled in by the server (`guitai_hall()`). A session reads and writes
///   only rows of its hall: a hall's login (a member of `guitai_hall`) the one `hall_logins` gives for `session_user`,
///   which nothing the session does can change; a row written for another hall is refused.
/// - The city's supervisors (members of `guitai_city`) read every hall's rows, for the city's statistics, and write
///   none.
/// - The tables' owner, which runs the migrations and copies a hall's store in, is held to the policies too (`FORCE`):
///   it works as the hall it names with `SET guitai.hall`. A superuser is held to nothing.
/// - Each hall's keys are its own (`PostgresCityTable`): two halls may each have an operator `zhuoma`.

/// Roles are the cluster's, not one database's: creating them is idempotent, and several city databases (a training
/// one beside the real one) share them, each with its own `hall_logins`.
enum PostgresHallIsolation {
    /// The group roles and the login-to-hall table with its lookup, once per database.
    static let setup: [String] = [
        "DO $$ BEGIN CREATE ROLE guitai_hall NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
        "DO $$ BEGIN CREATE ROLE guitai_city NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
        "CREATE TABLE IF NOT EXISTS public.hall_logins (login name PRIMARY KEY, hall text NOT NULL)",
        "REVOKE ALL ON public.hall_logins FROM PUBLIC",
        // SECURITY DEFINER: a hall's login may not read hall_logins itself, only learn its own hall through this.
        // `session_user` is the login; `SET ROLE` changes only `current_user`.
        """
        CREATE OR REPLACE FUNCTION guitai_login_hall() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
            SET search_path = pg_catalog, pg_temp AS $$ SELECT hall FROM public.hall_logins WHERE login = session_user $$
        """,
        // The session's hall: for the tables' owner (copying a hall's store in) and a superuser (held to no policy
        // anyway), the hall it named with `SET guitai.hall`; for every other login, its login's from hall_logins,
        // which nothing the session does can change. A login that reaches guitai_hall's rights through another role,
        // or is missing from the list, has no hall and sees nothing.
        """
        CREATE OR REPLACE FUNCTION guitai_hall() RETURNS text LANGUAGE sql STABLE
            SET search_path = pg_catalog, pg_temp AS $$
            SELECT CASE WHEN (SELECT r.rolsuper FROM pg_roles r WHERE r.rolname = session_user)
                          OR session_user = (SELECT r.rolname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
                                             WHERE c.oid = to_regclass('public.settings'))
                        THEN nullif(current_setting('guitai.hall', true), '')
                        ELSE public.guitai_login_hall() END $$
        """,
    ]

    /// The statements that confine `table`, which has a `hall_code` column, to each session's hall (`guitai_hall()`):
    /// a hall's login to its own, the owner (forced) to the one it named.
    static func confine(_ table: String) -> [String] {
        [
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
            "ALTER TABLE \(table) FORCE ROW LEVEL SECURITY",
            """
            CREATE POLICY \(table)_own_hall ON \(table)
                USING (hall_code = (SELECT public.guitai_hall())) WITH CHECK (hall_code = (SELECT public.guitai_hall()))
            """,
            "CREATE POLICY \(table)_city_reads ON \(table) FOR SELECT TO guitai_city USING (true)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON \(table) TO guitai_hall",
            "GRANT SELECT ON \(table) TO guitai_city",
        ]
    }

    /// The SQLSTATE of a person's second open enrolment in a scheme, the first at another hall.
    static let enrolledElsewhere = "GT001"

    /// What holds across the city although each hall keeps its own people: one open enrolment per citizen (by ID
    /// number) and scheme. Each open enrolment is listed, with its citizen's number, in a table no hall may read
    /// (kept by a trigger that runs as the tables' owner), whose key refuses a second; the hall whose enrolment came
    /// second is told the scheme and the hall of the first (`enrolledElsewhere`), not who the person is there.
    static let cityWide: [String] = [
        """
        CREATE TABLE guitai_city_enrolments (id_number text NOT NULL, scheme text NOT NULL, enrolment_uuid text NOT NULL,
                                             hall_code text NOT NULL, PRIMARY KEY (id_number, scheme))
        """,
        "REVOKE ALL ON guitai_city_enrolments FROM PUBLIC",
        """
        CREATE OR REPLACE FUNCTION public.guitai_city_enrolment() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
            SET search_path = pg_catalog, public, pg_temp AS $$
        DECLARE citizen text; first_hall text;
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                DELETE FROM guitai_city_enrolments WHERE enrolment_uuid = OLD.uuid AND hall_code = OLD.hall_code;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('active', 'suspended') THEN
                SELECT p.id_number INTO citizen FROM persons p WHERE p.uuid = NEW.person_uuid AND p.hall_code = NEW.hall_code;
                -- Two halls enrolling the same citizen at once: the second waits on the first's key, then is refused.
                BEGIN
                    INSERT INTO guitai_city_enrolments VALUES (citizen, NEW.scheme, NEW.uuid, NEW.hall_code);
                EXCEPTION WHEN unique_violation THEN
                    SELECT c.hall_code INTO first_hall FROM guitai_city_enrolments c WHERE c.id_number = citizen AND c.scheme = NEW.scheme;
                    RAISE EXCEPTION '% %', NEW.scheme, first_hall USING ERRCODE = '\(enrolledElsewhere)';
                END;
            END IF;
            RETURN NULL;
        END $$
        """,
        """
        CREATE TRIGGER enrolments_city_wide AFTER INSERT OR UPDATE OR DELETE ON enrolments
            FOR EACH ROW EXECUTE FUNCTION public.guitai_city_enrolment()
        """,
    ]

    /// The statements that make `login` the login of `hall`'s server. The password is set by the administrator
    /// (`ALTER ROLE ... PASSWORD`, or `\password` in `psql`), never passed through Guitai.
    /// - Throws: `hall-login` (usage, 64) for a login that is not lower-case letters, digits and `_` (at most 63,
    ///   not starting with a digit), or a hall code that is not one (`HallSettings.validateCode`).
    static func addHallLogin(_ login: String, hall: String) throws -> [String] {
        let isRoleName = !login.isEmpty && login.utf8.count <= 63 && login.first.map { !$0.isNumber } == true
            && login.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
        guard isRoleName, HallSettings.validateCode(hall) == nil else {
            throw DomainError(.usage, code: "hall-login", zh: "大厅登录名 \(login) 或大厅编码 \(hall) 无效：登录名只用小写字母、数字和下划线",
                              en: "The hall login \(login) or hall code \(hall) is not valid: a login is lower-case letters, digits and _")
        }
        return [
            "DO $$ BEGIN CREATE ROLE \(login) LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$",
            // Apart, so that a login that existed already becomes a hall's too.
            "GRANT guitai_hall TO \(login)",
            "INSERT INTO public.hall_logins (login, hall) VALUES ('\(login)', '\(hall)') ON CONFLICT (login) DO UPDATE SET hall = excluded.hall",
        ]
    }
}
