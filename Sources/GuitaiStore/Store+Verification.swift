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
            // Each settlement's figures must match what its journal entry recorded when it was made.
            let figures = try Row.fetchAll(tx.db, sql: """
                SELECT s.serial, s.total_fen, s.basic_fen, s.critical_illness_fen, s.assistance_fen, s.personal_fen, j.payload
                FROM settlements s JOIN journal j ON j.serial = s.serial
                """)
            for row in figures {
                let payload: String = row["payload"]
                let pairs: [(String, Int64)] = [("total", row["total_fen"]), ("basic", row["basic_fen"]),
                                                ("criticalIllness", row["critical_illness_fen"]),
                                                ("assistance", row["assistance_fen"]), ("personal", row["personal_fen"])]
                for (key, fen) in pairs where !payload.contains("\"\(key)\":\"\(Money(fen: fen).plain)\"") {
                    problems.append("settlement \(row["serial"] as String): \(key) differs from its journal entry")
                }
            }
            return VerificationReport(transactions: entries.count, problems: problems)
        }
    }
}
