import ArgumentParser
import GuitaiDesk
import GuitaiStore

/// `guitai store reindex|migrate|hall-login`: the store's own upkeep (administrators).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "The store's upkeep (admin).",
                                                    subcommands: [Reindex.self, Migrate.self, HallLogin.self, Copy.self])

    /// Copies a hall's store file into the city's database, checked and verified.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a hall's store file into the city's database (admin).",
            discussion: """
                Every row goes across as it is, the journal with its hashes, in one transaction checked before it \
                commits (each table's rows, each row's digest); then verify runs on the city's copy. The file is only \
                read. The destination's login must be the hall's own, or the tables' owner. Stop the counters first.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "The hall's store file.") var from: String
        @Option(name: .long, help: "The city's database: postgres://LOGIN@HOST[:PORT]/DB.") var to: String

        func run() throws {
            try Runner.run(global) {
                let report = try Store.copy(from: from, to: to)
                let t = Texts(global.language)
                return CommandOutput(json: ["hall": .string(report.hall), "rows": .int(Int64(report.rows)),
                                            "transactions": .int(Int64(report.transactions)), "ok": .bool(true)],
                                     text: t("已将大厅 \(report.hall) 的库复制到 \(to)：\(report.rows) 行，\(report.transactions) 笔业务，校验无误",
                                             "Copied hall \(report.hall)'s store into \(to): \(report.rows) rows, \(report.transactions) transactions, verified"))
            }
        }
    }

    /// Makes or upgrades the store's schema: a file's, or the city database's (its owner, once, before the halls'
    /// `init`).
    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make or upgrade the store's schema (admin; for a city database, its owner).",
            discussion: """
                A store file is upgraded when it is opened; this does it now. A city's PostgreSQL database \
                (--store postgres://OWNER@HOST/DB) gets its tables, the halls' row-level security and the journal's \
                triggers; run it once as the tables' owner before any hall's init. Safe to repeat.
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Runner.run(global) {
                let changed = try Store.migrate(at: global.storePath)
                let t = Texts(global.language)
                return CommandOutput(json: ["store": .string(global.storePath), "changed": .bool(changed)],
                                     text: changed ? t("已建立或升级库结构：\(global.storePath)", "Made or upgraded the schema of \(global.storePath)")
                                         : t("库结构已是本版本的：\(global.storePath)", "The schema of \(global.storePath) is this version's already"))
            }
        }
    }

    /// Makes a database login a hall's in the city's database.
    struct HallLogin: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hall-login",
            abstract: "Make a database login the login of a hall's server (city database owner).",
            discussion: """
                The login then reads and writes only its hall's rows, whatever program uses it. Set its password \
                apart, in psql (\\password LOGIN): Guitai never takes one on its command line.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The login: lower-case letters, digits and _.") var login: String
        @Option(name: .long, help: "The hall's code.") var hall: String

        func run() throws {
            try Runner.run(global) {
                try Store.addHallLogin(login, hall: hall, at: global.storePath)
                let t = Texts(global.language)
                return CommandOutput(json: ["login": .string(login), "hall": .string(hall)],
                                     text: t("数据库登录 \(login) 现为大厅 \(hall) 的登录；请在 psql 中为其设置密码",
                                             "The database login \(login) is now hall \(hall)'s; set its password in psql"))
            }
        }
    }

    /// Computes the search keys and the pensions' due dates again: what mends the derived tables `verify` names as stale.
    struct Reindex: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the search keys and the pensions' due dates again (admin).",
            discussion: """
                Run it when `guitai verify` names problems in person_search_keys or certification_due: people a search \
                cannot find, pensioners missing from the due list. That happens when a counter kept running an older \
                version of Guitai after the store was upgraded. It computes both again from the people, pensions and \
                certifications, changes no business record, is journaled (store.reindex) and is safe to repeat; it is \
                allowed on a closed day. Counters wait while it runs (about a minute and a half at a million people, \
                longer than their 10-second wait): run it out of hours.
                """)

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Runner.run(global) {
                let done = try Runner.desk(global).rebuildDerivedTables()
                let t = Texts(global.language)
                return CommandOutput(json: ["searchKeys": .int(Int64(done.searchKeys)), "dueDates": .int(Int64(done.dueDates)),
                                            "serial": .string(done.serial)],
                                     text: t("已重建检索键 \(done.searchKeys) 个、认证到期日 \(done.dueDates) 个，流水号 \(done.serial)",
                                             "Rebuilt \(Self.count(done.searchKeys, "search key")) and \(Self.count(done.dueDates, "due date")), serial \(done.serial)"))
            }
        }

        /// "1 due date", "2 due dates".
        private static func count(_ number: Int, _ noun: String) -> String {
            "\(number) \(noun)\(number == 1 ? "" : "s")"
        }
    }
}
