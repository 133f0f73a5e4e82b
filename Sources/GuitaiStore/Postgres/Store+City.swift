import Foundation
import GuitaiCore

extension Store {
    /// The hall a login works as when it is no hall's login (the tables' owner copying a hall in, a test): named by
    /// `GUITAI_HALL`. A hall's server logs in as its hall's login and needs none.
    static let namedHallVariable = "GUITAI_HALL"

    /// Makes a hall's store in the city's database: the schema first if the database has none (the login must be
    /// allowed to make it: the tables' owner), then the hall's settings, first administrator and first journal entry,
    /// as `create` makes a file's.
    /// - Throws: `store-exists` (65) when the hall already has a store there; `hall-login` (1) when the login works
    ///   for another hall; `PostgresStoreSession`'s and `migrateCity`'s refusals.
    static func createInCity(address: String, hall: HallSettings, context: WriteContext, makeID: @escaping @Sendable () -> String,
                             kind: String, firstJournal: (StoreTransaction) throws -> JSONValue) throws -> Store {
        let wait = BusyWait(limit: busyTimeout)
        do {
            let city = try PostgresStoreSession(address: address, hall: hall.code)
            try migrateCity(city)
            let working = try city.hall()
            guard working == hall.code else {
                throw DomainError(.failure, code: "hall-login",
                                  zh: "数据库登录 \(city.location.user) 属于大厅 \(working ?? "（无）")，不能为大厅 \(hall.code) 建库",
                                  en: "The database login \(city.location.user) works for hall \(working ?? "(none)"), not \(hall.code): no store was made")
            }
            let existing = try city.transaction(readOnly: true) {
                try $0.fetchOne(Int.self, sql: "SELECT count(*) FROM settings WHERE hall_code = guitai_hall()") ?? 0
            }
            guard existing == 0 else {
                throw DomainError.refused("store-exists", zh: "城市库 \(city.location) 中已有大厅 \(hall.code) 的库，init 不会改动已有的库",
                                          en: "Hall \(hall.code) already has a store in the city database \(city.location); init never touches an existing store")
            }
            let store = Store(path: city.location.description, engine: .postgres(city), hall: hall, isReadOnly: false, wait: wait,
                              makeID: makeID)
            try store.begin(context, kind: kind, firstJournal: firstJournal)
            return store
        } catch {
            throw Store.translate(error)
        }
    }

    /// Opens the store of the hall the login works as (`guitai_hall()`) in the city's database.
    /// - Throws: `store-not-migrated` (1) when the database has no schema of this version; `hall-login` (1) when the
    ///   login is no hall's and `GUITAI_HALL` names none; `no-store` (66) when the hall has no store there yet;
    ///   `StoreFile.hallSettings`'s refusals for settings edited behind the product's back.
    static func openInCity(address: String, makeID: @escaping @Sendable () -> String) throws -> Store {
        let wait = BusyWait(limit: busyTimeout)
        do {
            let named = ProcessInfo.processInfo.environment[namedHallVariable].flatMap { $0.isEmpty ? nil : $0 }
            let city = try PostgresStoreSession(address: address, hall: named)
            let applied = try cityMigrations(city)
            guard !applied.isEmpty else { throw notMigrated(city) }
            guard let code = try city.hall() else {
                throw DomainError(.failure, code: "hall-login",
                                  zh: "数据库登录 \(city.location.user) 不属于任何大厅：请由市局管理员将其登记为大厅的登录，或设置 \(namedHallVariable)",
                                  en: "The database login \(city.location.user) is no hall's login: have the city's administrator make it one, or set \(namedHallVariable)")
            }
            let where_ = "\(city.location) (\(code))"
            let notAStore = DomainError.notFound("no-store", zh: "城市库 \(city.location) 中还没有大厅 \(code) 的库，请先用 guitai init 建库",
                                                 en: "Hall \(code) has no store in the city database \(city.location) yet: make it with guitai init")
            let hall = try city.transaction(readOnly: true) { connection in
                try StoreFile.hallSettings(connection, of: where_, applied: applied, notAStore: notAStore)
            }
            return Store(path: city.location.description, engine: .postgres(city), hall: hall, isReadOnly: false, wait: wait,
                         makeID: makeID)
        } catch {
            throw Store.translate(error)
        }
    }

    /// Brings a store's schema to this version: a file is upgraded as `open` upgrades it; the city's database gets its
    /// schema when it has none (its owner runs this once, before any hall's `init`).
    /// - Returns: whether anything was made or upgraded.
    /// - Throws: `open`'s refusals for a file; `store-not-migrated` (1) for a city database of another version;
    ///   `store-error` when the login may not make tables.
    public static func migrate(at path: String) throws -> Bool {
        guard PostgresLocation.names(path) else {
            let pending = try StoreFile.inspect(path, wait: BusyWait(limit: busyTimeout)).pendingMigrations
            _ = try open(at: path)
            return !pending.isEmpty
        }
        do {
            let city = try PostgresStoreSession(address: path)
            let made = try cityMigrations(city).isEmpty
            try migrateCity(city)
            return made
        } catch {
            throw Store.translate(error)
        }
    }

    /// Makes `login` the login of `hall`'s server in the city's database (run by the tables' owner). Its password is
    /// set apart, by the city's administrator (`ALTER ROLE … PASSWORD`, `\password` in `psql`), never through Guitai.
    /// - Throws: `hall-login` (64) for a login or hall code that is not one; the server's refusals.
    public static func addHallLogin(_ login: String, hall: String, at address: String) throws {
        do {
            let statements = try PostgresHallIsolation.addHallLogin(login, hall: hall)
            let city = try PostgresStoreSession(address: address)
            try city.transaction(readOnly: false) { connection in
                for statement in statements { try connection.executeUnprepared(statement) }
            }
        } catch {
            throw Store.translate(error)
        }
    }

    /// Makes the city's schema when the database has none, in one transaction: the tables, the halls' confinement, the
    /// projection's triggers and the record of the migrations (`PostgresSchema`). A database made by this version is
    /// left as it is.
    /// - Throws: `store-not-migrated` (1) when the database was made by another version (its migrations differ);
    ///   `store-error` when the login may not make tables (only the owner runs this).
    static func migrateCity(_ city: PostgresStoreSession) throws {
        let known = Schema.migrator().migrations
        let applied = try cityMigrations(city)
        if !applied.isEmpty {
            guard applied == Set(known) else { throw notMigrated(city) }
            return
        }
        let statements = try PostgresSchema.statements(from: try Schema.expectedObjects.get(), migrations: known)
        try city.transaction(readOnly: false) { connection in
            try connection.execute(sql: "SELECT pg_advisory_xact_lock(hashtext('guitai.migrate'))")
            guard try !connection.tableExists("guitai_migrations") else { return }
            for statement in statements { try connection.executeUnprepared(statement) }
        }
    }

    /// The migrations the city's schema stands for; empty when it has none.
    private static func cityMigrations(_ city: PostgresStoreSession) throws -> Set<String> {
        try city.transaction(readOnly: true) { connection in
            guard try connection.tableExists("guitai_migrations") else { return [] }
            return Set(try connection.fetchAll(String.self, sql: "SELECT identifier FROM guitai_migrations"))
        }
    }

    private static func notMigrated(_ city: PostgresStoreSession) -> DomainError {
        DomainError(.failure, code: "store-not-migrated",
                    zh: "城市库 \(city.location) 的结构不是本版本的：请由市局管理员运行 guitai store migrate --store \(city.location)",
                    en: "The city database \(city.location) does not have this version's schema: have the city's administrator run guitai store migrate --store \(city.location)")
    }
}
