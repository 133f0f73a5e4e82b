import ArgumentParser
import GuitaiDesk

/// `guitai store reindex`: the store's own upkeep (administrators).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "The store's upkeep (admin).",
                                                    subcommands: [Reindex.self])

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
