import GRDB
import GuitaiCore

extension Store {
    /// Checks the file's integrity, its foreign keys, and every link of the journal's hash chain,
    /// and that every business record points at a journal entry.
    public func verify() throws -> VerificationReport {
        try read { tx in
            var problems: [String] = []
            let integrity = try String.fetchAll(tx.db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "integrity: " + $0 } }
            let foreign = try Row.fetchAll(tx.db, sql: "PRAGMA foreign_key_check")
            for row in foreign { problems.append("foreign key: table \(row[0] as String) row \(row[1] as Int64? ?? 0)") }
            let entries = try tx.journal()
            var previous = JournalEntry.genesis
            for entry in entries {
                if !entry.isIntact(after: previous) {
                    problems.append("journal: entry \(entry.seq) (\(entry.serial)) does not match its hash chain")
                }
                previous = entry.hash
            }
            for table in ["persons", "enrolments", "operators", "cards", "ecards", "benefits", "deaths", "certifications", "recoveries"] {
                let orphans = try Int.fetchOne(tx.db, sql: """
                    SELECT count(*) FROM \(table) WHERE created_serial NOT IN (SELECT serial FROM journal)
                    """) ?? 0
                if orphans > 0 { problems.append("\(table): \(orphans) records without a journal entry") }
            }
            let unrun = try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM payments WHERE run_serial NOT IN (SELECT serial FROM journal)") ?? 0
            if unrun > 0 { problems.append("payments: \(unrun) records without a journal entry") }
            for table in ["settlements", "reversals"] {
                let orphans = try Int.fetchOne(tx.db, sql: "SELECT count(*) FROM \(table) WHERE serial NOT IN (SELECT serial FROM journal)") ?? 0
                if orphans > 0 { problems.append("\(table): \(orphans) records without a journal entry") }
            }
            return VerificationReport(transactions: entries.count, problems: problems)
        }
    }
}
