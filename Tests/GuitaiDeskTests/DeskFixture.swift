import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TestSupport
import Testing

/// A hall store in a temporary directory with an administrator, a clerk (卓玛) and a supervisor (次仁).
struct DeskFixture {
    static let resources: DeskResources = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! DeskResources(directory: root.appendingPathComponent("Resources").path)
    }()

    let path: String
    var clock: FixedClock

    init(today: LocalDate = LocalDate(year: 2023, month: 6, day: 1)!, training: Bool = false, region: String = "540102",
         hallCode: String = "540102") throws {
        let directory = NSTemporaryDirectory() + "guitai-desk-" + UUID().uuidString
        path = directory + "/guitai.sqlite"
        clock = FixedClock(date: today)
        let admin = try Desk.initialize(
            HallSetup(storePath: path, hallCode: hallCode, hallName: "拉萨市城关区社保经办大厅", regionCode: region, adminID: "admin",
                      adminName: "管理员", password: "admin-password", isTraining: training),
            clock: clock, resources: DeskFixture.resources)
        _ = try admin.addOperator(id: "zhuoma", name: "卓玛", role: .clerk, password: "clerk-password")
        _ = try admin.addOperator(id: "ciren", name: "次仁", role: .supervisor, password: "super-password")
        _ = try admin.addOperator(id: "trainer", name: "培训员", role: .trainer, password: "train-password")
    }

    func desk(_ id: String = "zhuoma", on date: LocalDate? = nil) throws -> Desk {
        let passwords = ["admin": "admin-password", "zhuoma": "clerk-password", "ciren": "super-password", "trainer": "train-password"]
        var clock = self.clock
        if let date { clock.date = date }
        return try Desk.open(storePath: path, operatorID: id, password: passwords[id]!, clock: clock, resources: DeskFixture.resources)
    }

    /// A valid ID number in Lhasa's Chengguan district.
    static func id(born: String, sequence: Int, region: String = "540102") -> String {
        GB11643.number(region: region, birth: born, sequence: sequence)
    }

    static func items(_ list: [(String, String, String)]) -> String {
        JSONValue.array(list.map { ["name": .string($0.0), "category": .string($0.1), "amount": .string($0.2)] }).rendered()
    }
}

extension DeskFixture {
    /// A date written `YYYY-MM-DD` in a test.
    static func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    /// The DomainError a body throws, or nil when it succeeds (any other error is recorded as an issue).
    static func refusal(_ body: () throws -> Void) -> DomainError? {
        do {
            try body()
            return nil
        } catch let error as DomainError {
            return error
        } catch {
            Issue.record("expected a DomainError, got \(error)")
            return nil
        }
    }
}
