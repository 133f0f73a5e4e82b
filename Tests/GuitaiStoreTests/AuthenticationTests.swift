import Foundation
import GuitaiCore
import Testing
@testable import GuitaiStore

@Suite struct AuthenticationTests {
    @Test func theRightPasswordLogsInAndTheHashIsScrypt() throws {
        let t = try TemporaryStore()
        let account = try t.store.authenticate(operatorID: "admin", password: "admin-password", now: 1_000)
        #expect(account.role == .admin)
        let stored = try t.raw().read { try String.fetchOne($0, sql: "SELECT password_hash FROM operators")! }
        #expect(stored.hasPrefix("scrypt$16384$8$1$"))
        #expect(!stored.contains("admin-password"))
    }

    @Test func wrongPasswordsAreLoggedAndLockTheAccountForAQuarterHour() throws {
        let t = try TemporaryStore()
        // domain.md / DECISIONS: five wrong passwords in a row lock the account for fifteen minutes from the fifth.
        for attempt in 0..<5 {
            do {
                _ = try t.store.authenticate(operatorID: "admin", password: "wrong-\(attempt)", now: 1_000 + Int64(attempt))
                Issue.record("a wrong password was accepted")
            } catch let error as DomainError {
                #expect(error.code == "authentication-failed")
                #expect(error.kind == .permission)
            }
        }
        // Locked: even the right password is refused, and says for how long.
        do {
            _ = try t.store.authenticate(operatorID: "admin", password: "admin-password", now: 1_100)
            Issue.record("a locked account logged in")
        } catch let error as DomainError {
            #expect(error.code == "account-locked")
        }
        // Business data and the journal did not change; the security log did.
        #expect(try t.store.read { try $0.count("journal") } == 1)
        #expect(try t.store.read { try $0.count("security_log") } == 6)
        // Still locked one second before fifteen minutes from the fifth failure (at 1,004), open at fifteen minutes.
        #expect(throws: DomainError.self) { _ = try t.store.authenticate(operatorID: "admin", password: "admin-password", now: 1_004 + 899) }
        #expect(try t.store.authenticate(operatorID: "admin", password: "admin-password", now: 1_004 + 900).id == "admin")
    }

    @Test func anUnknownOperatorGetsTheSameAnswerAsAWrongPassword() throws {
        let t = try TemporaryStore()
        do {
            _ = try t.store.authenticate(operatorID: "nobody", password: "whatever1", now: 1)
            Issue.record("an unknown operator logged in")
        } catch let error as DomainError {
            #expect(error.code == "authentication-failed")
        }
    }

    @Test func anIdTypedInTheWrongFieldIsNeverKeptAsTyped() throws {
        let t = try TemporaryStore()
        // A clerk types the password where the operator id goes.
        _ = try? t.store.authenticate(operatorID: "Secret-Pa55word", password: "x", now: 10)
        _ = try? t.store.authenticate(operatorID: "Secret-Pa55word", password: "y", now: 11)
        let logged = try t.raw().read { try String.fetchAll($0, sql: "SELECT operator || ' ' || detail FROM security_log") }
        #expect(logged.count == 2)
        #expect(logged.allSatisfy { !$0.contains("Secret-Pa55word") && !$0.lowercased().contains("pa55") }, "\(logged)")
        // The same unknown id is recorded the same way, so repeated attempts can still be counted.
        let labels = try t.raw().read { try String.fetchAll($0, sql: "SELECT operator FROM security_log") }
        #expect(labels[0] == labels[1] && labels[0].hasPrefix("?"))
        // A known operator's failures keep the id, so the administrator's list can show the lockout.
        _ = try? t.store.authenticate(operatorID: "admin", password: "wrong-password", now: 12)
        #expect(try t.raw().read { try String.fetchOne($0, sql: "SELECT operator FROM security_log ORDER BY seq DESC LIMIT 1") } == "admin")
    }

    @Test func anUnknownOperatorCostsTheSameOneDerivationAsAWrongPassword() throws {
        let t = try TemporaryStore()
        // Counted, not timed: an unknown id once cost a second scrypt derivation, 40 ms that told which ids exist.
        let before = PasswordHasher.derivations
        _ = try? t.store.authenticate(operatorID: "nobody-here", password: "whatever1", now: 1)
        let unknown = PasswordHasher.derivations - before
        _ = try? t.store.authenticate(operatorID: "admin", password: "whatever1", now: 2)
        let wrong = PasswordHasher.derivations - before - unknown
        #expect(unknown == 1 && wrong == 1)
    }

    @Test func anAdministratorsUnlockEndsALockoutAtOnce() throws {
        let t = try TemporaryStore()
        for attempt in 0..<5 { _ = try? t.store.authenticate(operatorID: "admin", password: "wrong-\(attempt)", now: 100 + Int64(attempt)) }
        #expect(throws: DomainError.self) { _ = try t.store.authenticate(operatorID: "admin", password: "admin-password", now: 200) }
        _ = try t.store.write(TemporaryStore.context(), kind: "operator.unlock") { tx in
            try tx.recordUnlock(operatorID: "admin", at: 201, by: "admin")
            return ((), [:])
        }
        #expect(try t.store.authenticate(operatorID: "admin", password: "admin-password", now: 202).id == "admin")
        #expect(try t.store.verify().ok)
    }

    @Test func fourFailuresDoNotLockAndASuccessStartsTheCountAgain() throws {
        let t = try TemporaryStore()
        for attempt in 0..<4 { _ = try? t.store.authenticate(operatorID: "admin", password: "wrong-\(attempt)", now: 100 + Int64(attempt)) }
        // Four wrong passwords: the right one still opens.
        #expect(try t.store.authenticate(operatorID: "admin", password: "admin-password", now: 110).id == "admin")
        // The success reset the count: four more failures do not lock either.
        for attempt in 0..<4 { _ = try? t.store.authenticate(operatorID: "admin", password: "wrong-\(attempt)", now: 120 + Int64(attempt)) }
        #expect(try t.store.authenticate(operatorID: "admin", password: "admin-password", now: 130).id == "admin")
        // A fifth in a row does.
        for attempt in 0..<5 { _ = try? t.store.authenticate(operatorID: "admin", password: "wrong-\(attempt)", now: 140 + Int64(attempt)) }
        #expect(throws: DomainError.self) { _ = try t.store.authenticate(operatorID: "admin", password: "admin-password", now: 150) }
    }
}
