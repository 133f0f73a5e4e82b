import Foundation
import GRDB
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TestSupport
import Testing

/// The training store (issue 11): the same store every reset, scenarios whose checks fail before their step and pass
/// after it, and a training store that never passes for a real one.
@Suite(.serialized) struct TrainingStoreTests {
    static let classroom = FixedClock(date: TrainingStore.classroomDate)

    static func freshPath() throws -> String {
        let directory = NSTemporaryDirectory() + "guitai-training-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/guitai-training.sqlite"
    }

    @Test func aResetGivesTheSameStoreEveryTimeAndKeepsTheTrainersPassword() throws {
        let path = try Self.freshPath()
        _ = try TrainingStore.reset(at: path, password: "trainer-password", resources: DeskFixture.resources, population: 60)
        let first = try Store.open(at: path).contentDigest()
        // The class adds a trainee and works; the reset takes the store back to its first state.
        let trainer = try Desk.open(storePath: path, operatorID: "trainer", password: "trainer-password", clock: Self.classroom,
                                    resources: DeskFixture.resources)
        _ = try trainer.addOperator(id: "xueyuan1", name: "学员一", role: .clerk, password: "trainee-password")
        _ = try trainer.addPerson(PersonForm(idNumber: GB11643.number(region: "990101", birth: "19900101", sequence: 11), name: "测试"))
        #expect(try trainer.store.contentDigest() != first)
        let receipt = try ReceiptArchive.write("x\n", name: "99010120260615000001", besideStore: path, training: true)
        let second = try TrainingStore.reset(at: path, password: nil, resources: DeskFixture.resources, population: 60)
        // The class's receipts went with its work, and the build left nothing beside the store.
        #expect(!FileManager.default.fileExists(atPath: receipt))
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".building-") }.isEmpty)
        #expect(try Store.open(at: path).contentDigest() == first)
        #expect(second.people == 60 + 9)
        // The trainer's own password still opens it; the trainee's account is gone.
        _ = try Desk.open(storePath: path, operatorID: "trainer", password: "trainer-password", clock: Self.classroom,
                          resources: DeskFixture.resources)
        #expect(DeskFixture.refusal {
            _ = try Desk.open(storePath: path, operatorID: "xueyuan1", password: "trainee-password", clock: Self.classroom,
                              resources: DeskFixture.resources)
        }?.kind == .permission)
        // A store made anew elsewhere, with another password, holds the same people and history.
        let elsewhere = try Self.freshPath()
        _ = try TrainingStore.reset(at: elsewhere, password: "another-password", resources: DeskFixture.resources, population: 60)
        #expect(try Store.open(at: elsewhere).contentDigest() == first)
    }

    @Test func aResetRefusesARealStoreAndANewStoreNeedsAPassword() throws {
        let hall = try DeskFixture()
        let before = try Store.open(at: hall.path).contentDigest()
        #expect(DeskFixture.refusal { _ = try TrainingStore.reset(at: hall.path, password: "trainer-password", resources: DeskFixture.resources,
                                                                    population: 5) }?.code == "not-a-training-store")
        #expect(try Store.open(at: hall.path).contentDigest() == before)
        #expect(DeskFixture.refusal { _ = try TrainingStore.reset(at: try Self.freshPath(), password: nil, resources: DeskFixture.resources,
                                                                    population: 5) }?.code == "password-required")
    }

    @Test func aTrainingStoreCannotBeTurnedIntoARealOne() throws {
        let path = try Self.freshPath()
        _ = try TrainingStore.reset(at: path, password: "trainer-password", resources: DeskFixture.resources, population: 5)
        // Renamed, and its mode edited behind the product's back.
        let renamed = (path as NSString).deletingLastPathComponent + "/guitai.sqlite"
        try FileManager.default.moveItem(atPath: path, toPath: renamed)
        let queue = try DatabaseQueue(path: renamed)
        try queue.write { db in try db.execute(sql: "UPDATE settings SET value = 'real' WHERE key = 'mode'") }
        try queue.close()
        // It still opens as what it was made: a training store, marked so, refusing a real person's ID number.
        #expect(try Store.inspect(at: renamed).isTraining)
        let trainer = try Desk.open(storePath: renamed, operatorID: "trainer", password: "trainer-password", clock: Self.classroom,
                                    resources: DeskFixture.resources)
        #expect(trainer.store.hall.isTraining)
        let real = GB11643.number(region: "540102", birth: "19800101", sequence: 11)
        #expect(DeskFixture.refusal { _ = try trainer.addPerson(PersonForm(idNumber: real, name: "真实人员")) } != nil)
        // And verify names the edited setting.
        #expect(try trainer.verify().problems.contains { $0.message.en.contains("settings") })
        // A real store into which synthetic people were copied is not opened at all.
        let hall = try DeskFixture()
        let copied = try DatabaseQueue(path: hall.path)
        try copied.write { db in
            try db.execute(sql: "ATTACH DATABASE ? AS training", arguments: [renamed])
            try db.execute(sql: "INSERT INTO persons SELECT * FROM training.persons LIMIT 1")
        }
        try copied.close()
        #expect(DeskFixture.refusal { _ = try Store.open(at: hall.path) }?.code == "store-damaged")
    }

    /// Does each scenario's steps as a trainee would, checking that each step's check fails before it and passes after.
    @Test func everyScenarioRunsThroughWithEachCheckFailingBeforeItsStep() throws {
        let path = try Self.freshPath()
        _ = try TrainingStore.reset(at: path, password: "trainer-password", resources: DeskFixture.resources, population: 40)
        let trainer = try Desk.open(storePath: path, operatorID: "trainer", password: "trainer-password", clock: Self.classroom,
                                    resources: DeskFixture.resources)
        _ = try trainer.addOperator(id: "xueyuan1", name: "学员一", role: .clerk, password: "trainee-password")
        let trainee = try Desk.open(storePath: path, operatorID: "xueyuan1", password: "trainee-password", clock: Self.classroom,
                                    resources: DeskFixture.resources)
        func bill(_ items: [(String, String, String)]) -> String { DeskFixture.items(items) }
        let steps: [String: [() throws -> Void]] = [
            "flexible-enrolment": [
                { _ = try trainee.enrol(EnrolmentForm(idNumber: "990101198804129019", scheme: "employee-medical", from: "2026-06-01")) },
                { _ = try trainee.enrol(EnrolmentForm(idNumber: "990101198804129019", scheme: "resident-pension", from: "2026-06-01", grade: "500")) },
            ],
            "border-resident": [
                { let receipt = try trainee.enrol(EnrolmentForm(idNumber: "990121197908209022", scheme: "resident-medical", from: "2026-06-01"))
                  #expect(receipt.plan.enrolment.personalContribution ?? .zero == .zero) },
            ],
            "switch-medical": [
                { _ = try trainee.enrol(EnrolmentForm(idNumber: "99010219861103903X", scheme: "employee-medical", from: "2026-06-15",
                                                      employer: "91990100MA6T00100B", switchPair: true)) },
            ],
            "ecard-voucher": {
                var code = ""
                return [
                    { #expect(DeskFixture.refusal { _ = try trainee.issueECard(idNumber: "990101199502149043", phone: "13908910001",
                                                                              identityCheck: "document", pin: "123456", voucher: false) }?.code == "weak-pin")
                      code = try trainee.issueECard(idNumber: "990101199502149043", phone: "13908910001", identityCheck: "document",
                                                    pin: "580362", voucher: false).activationCode ?? "" },
                    { _ = try trainee.stepECard(idNumber: "990101199502149043", step: .activate, code: code) },
                    { _ = try trainee.activateVoucher(idNumber: "990101199502149043") },
                ]
            }(),
            "suspended-pensioner": [
                { _ = try trainee.certify(idNumber: "990103194805069059", method: "home", reference: nil) },
                { _ = try trainer.paymentsRun(month: "2026-06") },
            ],
            "death-overpayment": [
                { let death = try trainee.registerDeath(idNumber: "990101194409099077", date: "2026-03-28")
                  // 230.00 a month, paid for April and May after a death in March.
                  #expect(death.overpaid.amount == Money(fen: 46_000)) },
            ],
            "dibao-inpatient": [
                { let receipt = try trainee.settle(SettleForm(idNumber: "990102196207079065", visit: "inpatient", level: "2",
                                                              itemsJSON: bill([("住院费用", "A", "60000.00"), ("乙类药品", "B", "15000.00"),
                                                                               ("自费项目", "C", "5000.00")])))
                  let r = receipt.result
                  // All three layers pay for a dibao inpatient bill this size.
                  #expect(r.basicPaid > .zero && r.criticalIllnessPaid > .zero && r.assistancePaid > .zero) },
            ],
            "reversal": {
                var wrong = ""
                return [
                    { wrong = try trainee.settle(SettleForm(idNumber: "990101197510109114", visit: "outpatient", level: "1",
                                                            itemsJSON: bill([("门诊诊疗费", "A", "350.00")]))).serial ?? "" },
                    { #expect(DeskFixture.refusal { _ = try trainee.reverseWithApproval(wrong, supervisorID: "xueyuan1", password: "trainee-password",
                                                                                          reason: "录入错误") } != nil)
                      _ = try trainee.reverseWithApproval(wrong, supervisorID: "trainer", password: "trainer-password", reason: "录入错误") },
                    { _ = try trainee.settle(SettleForm(idNumber: "990101197510109114", visit: "outpatient", level: "1",
                                                       itemsJSON: bill([("门诊诊疗费", "A", "35.00")]))) },
                ]
            }(),
            "not-eligible": [
                { #expect(DeskFixture.refusal { _ = try trainee.enrol(EnrolmentForm(idNumber: "990103201102019090", scheme: "resident-pension",
                                                                                    from: "2026-06-01")) }?.code == "not-eligible")
                  _ = try trainee.enrol(EnrolmentForm(idNumber: "990103201102019090", scheme: "resident-medical", from: "2026-06-01")) },
            ],
            "document-list": [
                { try trainee.recordNoticePrinted(topic: "register", idNumber: nil) },
                { _ = try trainee.addPerson(PersonForm(idNumber: "990102199009099106", name: "阿依古丽·艾力", phone: "13908910002")) },
                { _ = try trainee.enrol(EnrolmentForm(idNumber: "990102199009099106", scheme: "resident-medical", from: "2026-06-15")) },
            ],
        ]
        let scenarios = try DeskFixture.resources.scenarios()
        #expect(scenarios.count >= 10)
        #expect(Set(scenarios.map(\.id)) == Set(steps.keys))
        for scenario in scenarios {
            let actions = try #require(steps[scenario.id])
            #expect(actions.count == scenario.steps.count, "\(scenario.id)")
            for (index, step) in scenario.steps.enumerated() where index < actions.count {
                #expect(try !trainee.isDone(step), "\(scenario.id) step \(index + 1) passes before it is done")
                try actions[index]()
                #expect(try trainee.isDone(step), "\(scenario.id) step \(index + 1) does not pass once done")
            }
        }
        #expect(try trainer.verify().ok)
    }
}
