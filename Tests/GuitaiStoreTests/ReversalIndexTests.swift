import GRDB
import Testing
@testable import GuitaiStore

/// Which transactions were reversed is asked on every draw of the day's receipts: the question reads the index over
/// the reversals, never the whole journal (issue 13: a prefecture's journal holds millions of entries).
@Suite struct ReversalIndexTests {
    private func plan(_ sql: String, _ arguments: StatementArguments) throws -> String {
        let store = try TemporaryStore()
        return try store.raw().read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] as String? ?? "" }
                .joined(separator: "\n")
        }
    }

    @Test func theReversalOfATransactionIsFoundThroughTheIndex() throws {
        let detail = try plan(StoreTransaction.reversalOfSQL, ["54010220230601000001"])
        #expect(detail.contains("journal_by_reversed") && !detail.contains("SCAN journal"), "\(detail)")
    }

    @Test func theReversedRowsOfAListAreFoundThroughTheIndex() throws {
        let detail = try plan(StoreTransaction.reversedAmongSQL(3), ["1", "2", "3"])
        #expect(detail.contains("journal_by_reversed") && !detail.contains("SCAN journal"), "\(detail)")
    }
}
