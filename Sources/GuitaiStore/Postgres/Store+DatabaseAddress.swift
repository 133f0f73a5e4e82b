import Foundation
import GuitaiCore

extension Store {
    /// A file name made from a PostgreSQL address as if it were a file's (the training store beside
    /// `postgres://USER@HOST/DB`: `…/postgres:/USER@HOST/…`) is refused, saying to name the file with `--store`; an
    /// address itself never reaches here (`create`, `open`, `inspect`, `migrate` and `copy` send it to the city).
    /// - Throws: `store-engine-unavailable` (1) for such a file name.
    static func refuseDatabaseAddress(_ path: String) throws {
        let components = path.split(separator: "/")
        guard let scheme = components.firstIndex(where: { $0 == "postgres:" || $0 == "postgresql:" }) else { return }
        let address = components[scheme...].prefix(2).joined(separator: "//")
        throw DomainError(.failure, code: "store-engine-unavailable",
                          zh: "不能在 PostgreSQL 地址 \(address) 之下建库文件（\(path)），未作任何改动：请用 --store 指定文件路径",
                          en: "No store file is made under the PostgreSQL address \(address) (\(path)); nothing was done: name the file with --store")
    }

    /// The folder of the hall server's own files: `$XDG_DATA_HOME/guitai` (else `~/.local/share/guitai`), where the
    /// store file is by default.
    public static func dataFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return data + "/guitai"
    }

    /// Where the files that go with a store are kept (printed receipts): beside a store file; for a store in the
    /// city's database, the hall server's data folder, never a folder named after the address.
    public static func localFolder(of storePath: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if PostgresLocation.names(storePath) { return dataFolder(environment: environment) }
        return URL(fileURLWithPath: storePath).deletingLastPathComponent().path
    }
}
