import GRDB

extension Store {
    /// SQLite's page cache for a connection at the counter, in KiB: SQLite's own default (2 MiB), which keeps a desk
    /// small on a hall server that runs dozens (`make bench` measures a desk's memory on a million people).
    static let counterCacheKiB = 2_048
    /// The page cache of a long job (a payment run, `verify`, a take-out, a receive), in KiB: enough to keep the
    /// indexes it walks in memory instead of asking the operating system for every page again (at 2 MiB a payment
    /// run of 100,000 recipients read most pages several times over).
    static let jobCacheKiB = 65_536

    /// Runs a long job with the larger page cache, then gives the memory back.
    public func withJobMemory<T>(_ body: () throws -> T) throws -> T {
        try setCache(kibibytes: Store.jobCacheKiB)
        defer { try? setCache(kibibytes: Store.counterCacheKiB, shrink: true) }
        return try body()
    }

    private func setCache(kibibytes: Int, shrink: Bool = false) throws {
        try inConnections { db in
            try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
            if shrink { try db.execute(sql: "PRAGMA shrink_memory") }
        }
    }
}
