import GuitaiCore

/// How one city database keeps each hall's business to its own clerks, enforced by PostgreSQL (row-level security),
/// not by Guitai: a hall's server logs in as a role of its own, and the database, not the program, decides which rows
/// that login may read and write. A program that was changed, or a `psql` session under the hall's login, gets no more.
///
/// - Every business table carries a `hall` column. A hall's login (a member of `guitai_hall`) reads and writes only
///   rows whose `hall` is the one `hall_logins` gives for `session_user`; a row written for another hall is refused.
/// - The city's supervisors (members of `guitai_city`) read every hall's rows, for the city's statistics, and write
///   none.
/// - What must hold across halls is held by the database too: a unique index sees every row whatever the policies
///   hide, so one person's second open enrolment in a scheme is refused even when the first is another hall's.
///
/// The tables belong to an owner role that no hall logs in as (it runs the migrations and copies): policies do not
/// bind a table's owner, nor a superuser.
///
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
    ]

    /// The statements that confine `table`, which has a `hall` column, to each hall's own rows.
    static func confine(_ table: String) -> [String] {
        [
            "ALTER TABLE \(table) ENABLE ROW LEVEL SECURITY",
            """
            CREATE POLICY \(table)_own_hall ON \(table) TO guitai_hall
                USING (hall = guitai_login_hall()) WITH CHECK (hall = guitai_login_hall())
            """,
            "CREATE POLICY \(table)_city_reads ON \(table) FOR SELECT TO guitai_city USING (true)",
            "GRANT SELECT, INSERT, UPDATE, DELETE ON \(table) TO guitai_hall",
            "GRANT SELECT ON \(table) TO guitai_city",
        ]
    }

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
