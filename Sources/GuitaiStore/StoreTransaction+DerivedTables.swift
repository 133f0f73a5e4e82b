import GRDB
import GuitaiCore

extension StoreTransaction {
    /// Computes the two derived tables again from what they derive from: every person's search keys
    /// (`PersonSearchKeys`) and every pension's due date (`CertificationDue`). For the store after a counter on an older
    /// version wrote without their triggers, or after `verify` named them stale; business rows are not touched.
    /// - Returns: the search keys and due dates now held.
    /// - Throws: the store's errors; nothing is changed then.
    public func rebuildDerivedTables() throws -> (searchKeys: Int, dueDates: Int) {
        if let sqlite = db.sqlite {
            try PersonSearchKeys.rebuild(sqlite)
            try CertificationDue.rebuild(sqlite)
        } else {
            try PostgresDerivedTables.rebuild(db)
        }
        return (try count(PersonSearchKeys.table), try count(CertificationDue.table))
    }
}

extension VerificationProblem {
    /// A problem in a derived table (`person_search_keys`, `certification_due`), which names its remedy: the
    /// administrator's `guitai store reindex` computes the table again.
    static func derived(table: String, row: String, zh: String, en: String) -> VerificationProblem {
        VerificationProblem(table: table, row: row, zh: zh + "；管理员可用 guitai store reindex 重建",
                            en: en + "; an administrator rebuilds it with guitai store reindex")
    }
}
