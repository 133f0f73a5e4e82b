import Foundation
import GRDB
import GuitaiCore
import Testing
import TestSupport
@testable import GuitaiStore

/// The due dates behind the due list (issue 13): kept with every certification, filled for an older store, and read
/// through their index.
@Suite struct CertificationDueTests {
    func pensioner(_ s: TemporaryStore, sequence: Int, start: String, certified: [String]) throws -> String {
        let person = s.person("次仁", sequence: sequence)
        _ = try s.store.write(TemporaryStore.context(), kind: "benefit.add") { tx in
            let uuid = try tx.insertPerson(person, initials: "[c][r]")
            try tx.insertBenefit(Benefit(scheme: .residentPension, monthly: Money(fen: 20_500), start: YearMonth(iso: start) ?? .latest),
                                 personUUID: uuid)
            for day in certified {
                _ = try tx.insertCertification(personUUID: uuid, on: LocalDate(iso: day) ?? .earliest, method: .counter, reference: nil)
            }
            return ((), ["id": .string(person.id.value)])
        }
        return person.id.value
    }

    func due(_ store: Store, by date: String) throws -> [String: String] {
        try store.read { tx in
            Dictionary(uniqueKeysWithValues: try tx.recipients(dueBy: LocalDate(iso: date) ?? .earliest).map { ($0.recipient.idNumber, $0.recipient.due.iso) })
        }
    }

    @Test("the due date is twelve months after the latest certification, or after the benefit's first day")
    func theDueDateFollowsTheLatestCertification() throws {
        let s = try TemporaryStore()
        let never = try pensioner(s, sequence: 11, start: "2022-03", certified: [])
        let twice = try pensioner(s, sequence: 13, start: "2020-01", certified: ["2022-05-20", "2021-05-01"])
        let current = try pensioner(s, sequence: 15, start: "2020-01", certified: ["2023-05-31"])
        // By 2023-06-01: 2022-03-01 + 12 months and 2022-05-20 + 12 months have come; 2024-05-31 has not.
        #expect(try due(s.store, by: "2023-06-01") == [never: "2023-03-01", twice: "2023-05-20"])
        #expect(try due(s.store, by: "2024-05-31")[current] == "2024-05-31")
        #expect(try s.store.verify().ok)
    }

    @Test("a store from before the due dates gets them when it is upgraded")
    func anOlderStoreGetsItsDueDatesOnUpgrade() throws {
        let s = try TemporaryStore()
        let id = try pensioner(s, sequence: 17, start: "2020-01", certified: ["2022-05-20"])
        try s.raw().write { db in
            try db.execute(sql: "DROP TABLE certification_due; DELETE FROM grdb_migrations WHERE identifier = 'v9-certification-due'")
        }
        let store = try Store.open(at: s.directory + "/guitai.sqlite")
        #expect(try due(store, by: "2023-06-01") == [id: "2023-05-20"])
        #expect(try store.verify().ok)
    }

    @Test("the due list reads the due dates' index, not every pension")
    func theDueListIsOnItsIndex() throws {
        let s = try TemporaryStore()
        _ = try pensioner(s, sequence: 19, start: "2020-01", certified: ["2022-05-20"])
        let plan = try s.store.read { try $0.dueListPlan() }
        #expect(plan.contains { $0.contains("certification_due") && $0.contains("SEARCH") && $0.contains("due_on<?") }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN benefits") || $0.hasPrefix("SCAN b") || $0.hasPrefix("SCAN certification_due") }, "\(plan)")
    }
}
