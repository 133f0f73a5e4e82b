import GuitaiCore

extension Store {
    /// A `--store` that names a PostgreSQL database (`postgres://USER@HOST[:PORT]/DB`, `cli.md`) is read as an address,
    /// never as a file name (which would make a `postgres:` directory and a SQLite file in it). Until the city's engine
    /// serves the store's operations (issue 14), such an address is refused after it is checked.
    /// - Throws: `store-address` (usage, 64) for a malformed address; `store-engine-unavailable` (1) for a good one.
    ///   A path made from an address as if it were a file's (the training store beside it: `…/postgres:/USER@HOST/…`)
    ///   is refused the same way.
    static func refuseDatabaseAddress(_ path: String) throws {
        let shown: String
        if PostgresLocation.names(path) {
            shown = "\(try PostgresLocation.parse(path))"
        } else if path.split(separator: "/").contains(where: { $0 == "postgres:" || $0 == "postgresql:" }) {
            shown = path
        } else {
            return
        }
        throw DomainError(.failure, code: "store-engine-unavailable",
                          zh: "本版本尚不能在 PostgreSQL 库上办理业务（\(shown)），未作任何改动：请使用大厅的 SQLite 库文件",
                          en: "This version cannot yet work on a PostgreSQL store (\(shown)); nothing was done: use the hall's SQLite store file")
    }
}
