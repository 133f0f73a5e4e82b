import GuitaiCore

extension Store {
    /// A `--store` that names a PostgreSQL database (`postgres://USER@HOST[:PORT]/DB`, `cli.md`) is read as an address,
    /// never as a file name (which would make a `postgres:` directory and a SQLite file in it). Until the city's engine
    /// serves the store's operations (issue 14), such an address is refused after it is checked.
    /// - Throws: `store-address` (usage, 64) for a malformed address; `store-engine-unavailable` (1) for a good one.
    static func refuseDatabaseAddress(_ path: String) throws {
        guard PostgresLocation.names(path) else { return }
        let location = try PostgresLocation.parse(path)
        throw DomainError(.failure, code: "store-engine-unavailable",
                          zh: "本版本尚不能在 PostgreSQL 库 \(location) 上办理业务，未作任何改动：请使用大厅的 SQLite 库文件",
                          en: "This version cannot yet work on the PostgreSQL store \(location); nothing was done: use the hall's SQLite store file")
    }
}
