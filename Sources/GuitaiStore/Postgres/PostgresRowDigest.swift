/// The projection's row digest (`guitai_row`, `Projection`) on PostgreSQL, byte for byte the one SQLite computes.
///
/// SQLite's digest is SHA-256 over each value with a type tag: 0 null, 1 a 64-bit integer (big-endian), 3 text (a
/// 64-bit big-endian length, then the UTF-8 bytes), and 2 and 4 for doubles and bytes, which no table of the schema
/// holds; the first value is the table's name; the digest is the first 32 hex digits. PostgreSQL cannot call our
/// Swift, so each value's tagged bytes come from an overloaded SQL function chosen by the column's type (`int8send` is
/// big-endian), and `guitai_digest` hashes their concatenation with the server's own `sha256`. Only `text` and
/// `bigint` have one: the city's schema is to hold no other column type (a check of it comes with the schema).
///
/// Equal digests in both engines are what lets a hall's journal, copied into the city's database, replay under
/// `verify` there: its entries' row notes were computed by SQLite. Every projected table is STRICT, so a column's
/// declared type is the type of every value in it, and the PostgreSQL column of the same type gets the same tag.
enum PostgresRowDigest {
    /// The functions, one statement each, created once per database (idempotent). Text is hashed as its UTF-8 bytes
    /// (`convert_to`), whatever the database's own encoding.
    static let functions: [String] = [
        """
        CREATE OR REPLACE FUNCTION public.guitai_field(v text) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN v IS NULL THEN '\\x00'::bytea
                        ELSE '\\x03'::bytea || int8send(length(convert_to(v, 'UTF8'))::bigint) || convert_to(v, 'UTF8') END $$
        """,
        """
        CREATE OR REPLACE FUNCTION public.guitai_field(v bigint) RETURNS bytea LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT CASE WHEN v IS NULL THEN '\\x00'::bytea ELSE '\\x01'::bytea || int8send(v) END $$
        """,
        """
        CREATE OR REPLACE FUNCTION public.guitai_digest(fields bytea) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT left(encode(sha256(fields), 'hex'), 32) $$
        """,
    ]

    /// `public.guitai_digest(public.guitai_field('table'::text) || ...)`, the digest of one row of `table` over
    /// `columns` in declared order; `prefix` is `NEW.`, `OLD.` or "" for the bare columns. Named with their schema, so
    /// a trigger finds them whatever the writing session's `search_path`.
    static func expression(table: String, columns: [String], prefix: String) -> String {
        let fields = ["public.guitai_field('\(table)'::text)"] + columns.map { "public.guitai_field(\(prefix)\($0))" }
        return "public.guitai_digest(" + fields.joined(separator: " || ") + ")"
    }
}
