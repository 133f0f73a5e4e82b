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
        for attempt in 0..<Store.lockoutThreshold {
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
        #expect(try t.store.read { try $0.count("security_log") } == Store.lockoutThreshold + 1)
        let later = 1_004 + Store.lockoutSeconds + 1
        #expect(try t.store.authenticate(operatorID: "admin", password: "admin-password", now: later).id == "admin")
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
}
