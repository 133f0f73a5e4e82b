import Foundation
import GRDB
import GuitaiCore
import GuitaiDesk
import Testing
import TestSupport
@testable import GuitaiStore

/// At a million people a full scan of a table that grows with the population is a pause every clerk notices
/// (issue 13: settling a bill read every enrolment of the district). Every statement the product runs during a day of
/// every kind of business and the counter's lookups is traced, and SQLite's plan for it (`EXPLAIN QUERY PLAN`) may
/// scan such a table only in the jobs that read the whole store by design.
@Suite(.serialized) struct StatementPlanTests {
    /// Tables that grow with the people served: a counter's statement must reach them through an index.
    static let growing: Set<String> = ["persons", "person_groups", "enrolments", "enrolment_suspensions", "settlements", "reversals",
                                       "journal", "cards", "ecards", "benefits", "deaths", "certifications", "payments",
                                       "recoveries", "settlement_deductibles", "person_search_keys", "certification_due",
                                       "security_log"]

    /// Statements that read a whole table on purpose, each by a job that exists to: `verify`, the payment run's
    /// snapshot, a take-out, the statistics, the day report, the exports, the receive's replay check.
    static let wholeStoreJobs: [(fragment: String, why: String)] = [
        ("guitai_row(", "verify and the upgrade's snapshot digest every row"),
        ("SELECT * FROM journal ORDER BY seq", "verify replays the whole journal"),
        ("FROM persons p, json_each(", "verify and the migration compute every person's search keys"),
        ("SELECT uuid, id_number, name, initials FROM persons", "verify checks every person's search keys"),
        ("FROM benefits b\n", "the payment run decides every recipient on its snapshot"),
        ("FROM benefits b LEFT JOIN certification_due", "verify checks every due date"),
        ("NOT IN (SELECT uuid FROM benefits)", "verify looks for due dates of no benefit"),
        ("FROM settled_payments WHERE month", "the payment run's snapshot of the month"),
        ("s.kind = 'suspended'", "the payment run's snapshot of months owed"),
        ("region_code LIKE", "a take-out, a due list or the statistics of a region prefix"),
        ("count(", "the statistics and verify count"),
        ("security_log ORDER BY seq", "verify replays the security log"),
        ("FROM settlements s JOIN persons p ON p.uuid = s.person_uuid\n            WHERE s.settled_on", "the settlement export"),
        ("json_extract(payload, '$.id')", "the in-person evidence of a self-service import"),
        ("INSERT INTO certification_due(benefit_uuid, person_uuid, due_on) SELECT", "the migration fills every due date"),
        ("SELECT * FROM journal WHERE TRUE ORDER BY seq", "a laptop's return carries its whole journal"),
        ("ORDER BY seq DESC LIMIT 1", "the journal's last entry: one row read from the end"),
        // Traced when another test, running beside this one, takes a store's digest (the observer is the process's).
        ("AS whole_table ORDER BY", "the content digest reads every row of every table"),
        ("SELECT serial, at, business_date, operator, counter, device, kind, payload FROM journal ORDER BY seq",
         "the content digest reads the whole journal"),
    ]

    @Test func everyCounterStatementReachesTheGrowingTablesThroughAnIndex() throws {
        let seen = SeenStatements()
        Store.statementObserver = { seen.add($0) }
        let f = try DeskFixture()
        do {
            try EveryKindOfBusiness.record(f)
            let clerk = try f.desk()
            let tashi = EveryKindOfBusiness.tashi
            _ = try clerk.showPerson(tashi)
            for query in [String(tashi.suffix(4)), "扎西", "zxpc", tashi] { _ = try clerk.findPersons(query) }
            _ = try clerk.dueList(within: 30, regionPrefix: "")
            _ = try clerk.suspendedMonths(idNumber: tashi)
            _ = try clerk.settle(SettleForm(idNumber: tashi, visit: "outpatient", level: "1",
                                            itemsJSON: DeskFixture.items([("挂号", "A", "20")])), preview: true)
            // Every kind of row a reversal looks up by the transaction that made it.
            let dorje = DeskFixture.id(born: "1948-02-02", sequence: 311)
            _ = try clerk.addPerson(PersonForm(idNumber: dorje, name: "多吉"))
            let enrolled = try clerk.enrol(EnrolmentForm(idNumber: dorje, scheme: "resident-pension", from: "2010-01-01")).serial
            let card = try clerk.registerCard(idNumber: dorje, number: "B12345678").serial
            let ecard = try clerk.issueECard(idNumber: dorje, phone: "13912345678", identityCheck: "document", pin: "582947",
                                             voucher: false).transaction
            let benefit = try clerk.addBenefit(idNumber: dorje, monthly: "205", from: "2023-01")
            let certified = try clerk.certify(idNumber: dorje, method: "counter", reference: nil).serial
            let supervisor = try f.desk("ciren")
            for serial in [certified, benefit, ecard, card, enrolled] { _ = try supervisor.reverse(serial, reason: "录入错误") }
            _ = try supervisor.verify()
        } catch {
            Store.statementObserver = nil
            throw error
        }
        Store.statementObserver = nil

        var problems: [String] = []
        let queue = try DatabaseQueue(path: f.path)
        try queue.inDatabase { db in
            try Projection.registerDigest(db)
            for function in [StoreTransaction.initialsPrefix, PersonSearchKeys.function, CertificationDue.function] { db.add(function: function) }
            try db.execute(sql: "CREATE TEMP TABLE captured (tbl TEXT NOT NULL, key TEXT NOT NULL, digest TEXT, PRIMARY KEY (tbl, key)) WITHOUT ROWID")
            for sql in seen.all where !sql.hasPrefix("--") && !Self.wholeStoreJobs.contains(where: { sql.contains($0.fragment) }) {
                guard let statement = try? db.makeStatement(sql: "EXPLAIN QUERY PLAN " + sql) else { continue }
                statement.setUncheckedArguments(StatementArguments())
                for detail in try Row.fetchAll(statement).compactMap({ $0["detail"] as String? }) where detail.hasPrefix("SCAN ") {
                    let words = detail.split(separator: " ")
                    let name = words.count > 1 ? String(words[1]) : ""
                    let table = Self.table(named: name, in: sql)
                    if Self.growing.contains(table) { problems.append("\(detail) in: \(sql)") }
                }
            }
        }
        #expect(seen.all.count > 100, "the trace saw \(seen.all.count) statements")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The table an alias in a plan stands for (`SCAN b` for `benefits b`).
    static func table(named name: String, in sql: String) -> String {
        if growing.contains(name) { return name }
        let words = sql.replacingOccurrences(of: "\n", with: " ").split(separator: " ").map(String.init)
        for (index, word) in words.enumerated() where index + 1 < words.count && words[index + 1] == name && growing.contains(word) {
            return word
        }
        for (index, word) in words.enumerated() where index + 2 < words.count && words[index + 1].uppercased() == "AS" && words[index + 2] == name {
            return word
        }
        return name
    }
}

/// Every distinct statement text the store ran while the observer was set.
private final class SeenStatements: @unchecked Sendable {
    private let lock = NSLock()
    private var statements: Set<String> = []
    func add(_ sql: String) { _ = lock.withLock { statements.insert(sql) } }
    var all: [String] { lock.withLock { statements.sorted() } }
}
