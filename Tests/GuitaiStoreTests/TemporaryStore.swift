import Foundation
import GRDB
import GuitaiCore
import TestSupport
@testable import GuitaiStore

/// A fresh store file in its own temporary directory (in-memory databases would hide WAL and locking).
struct TemporaryStore {
    let directory: String
    let store: Store
    static let date = LocalDate(year: 2023, month: 6, day: 1)!

    init(training: Bool = false, makeID: @escaping @Sendable () -> String = Store.randomIDs) throws {
        directory = NSTemporaryDirectory() + "guitai-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let hall = HallSettings(code: "540102", name: "城关区社保经办大厅", regionCode: "540102", isTraining: training,
                                deviceID: "device-hall", defaultPolicyID: "xizang-2023")
        let hash = try Store.hashSecret("admin-password")
        store = try Store.create(at: directory + "/guitai.sqlite", hall: hall, context: TemporaryStore.context(), makeID: makeID) { tx in
            try tx.insertOperator(Operator(id: "admin", name: "管理员", role: .admin), passwordHash: hash)
            return ["hall": "540102"]
        }
    }

    static func context(_ date: LocalDate = date, at: Int64 = 1_685_600_000) -> WriteContext {
        WriteContext(operatorID: "admin", counter: "3", businessDate: date, at: at)
    }

    /// A raw connection for what the store's API deliberately does not offer (tampering, pragmas).
    func raw() throws -> DatabaseQueue { try DatabaseQueue(path: directory + "/guitai.sqlite") }

    func person(_ name: String, sequence: Int) -> Person {
        guard let id = ResidentID(stored: GB11643.number(region: "540102", birth: "19600101", sequence: sequence)) else {
            fatalError("fixture sequence \(sequence) makes no valid ID number")
        }
        return Person(id: id, name: name)
    }
}
