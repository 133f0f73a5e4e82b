import ArgumentParser
import GuitaiDesk

/// `guitai store reindex`: the store's own upkeep (administrators).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "The store's upkeep (admin).",
                                                    subcommands: [Reindex.self])

    /// Computes the search keys and the pensions' due dates again: what mends the derived tables `verify` names as stale.
    struct Reindex: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the search keys and the pensions' due dates again (admin; counters wait meanwhile).")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Runner.run(global) {
                let done = try Runner.desk(global).rebuildDerivedTables()
                let t = Texts(global.language)
                return CommandOutput(json: ["searchKeys": .int(Int64(done.searchKeys)), "dueDates": .int(Int64(done.dueDates)),
                                            "serial": .string(done.serial)],
                                     text: t("已重建检索键 \(done.searchKeys) 个、认证到期日 \(done.dueDates) 个，流水号 \(done.serial)",
                                             "Rebuilt \(done.searchKeys) search keys and \(done.dueDates) due dates, serial \(done.serial)"))
            }
        }
    }
}
