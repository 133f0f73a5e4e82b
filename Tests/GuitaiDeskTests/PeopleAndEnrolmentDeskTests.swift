import Foundation
import GuitaiCore
import GuitaiDesk
import Testing

@Suite struct PeopleAndEnrolmentDeskTests {
    @Test func registeringDerivesEverythingFromTheIDNumber() throws {
        let f = try DeskFixture()
        let desk = try f.desk()
        let id = DeskFixture.id(born: "1958-11-02", sequence: 246)
        let (details, serial) = try desk.addPerson(PersonForm(idNumber: id.lowercased(), name: "卓玛", phone: "13912345678"))
        #expect(serial.hasPrefix("54010220230601"))
        #expect(details.person.id.sex == .female)
        #expect(details.age == 64)
        #expect(details.place.fullName == "西藏自治区拉萨市城关区")
        do {
            _ = try desk.addPerson(PersonForm(idNumber: id, name: "卓玛"))
            Issue.record("the same ID number was registered twice")
        } catch let error as DomainError {
            #expect(error.code == "duplicate-person")
            #expect(error.kind == .refused)
        }
    }

    @Test func peopleAreFoundByNumberLastDigitsNameAndPinyinInitials() throws {
        let f = try DeskFixture()
        let desk = try f.desk()
        let tashi = DeskFixture.id(born: "1955-03-10", sequence: 123)
        _ = try desk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try desk.addPerson(PersonForm(idNumber: DeskFixture.id(born: "1970-01-01", sequence: 222), name: "卓玛"))
        #expect(try desk.findPersons("zxpc").map(\.person.name) == ["扎西·平措"])
        #expect(try desk.findPersons("ZM").map(\.person.name) == ["卓玛"])
        #expect(try desk.findPersons(String(tashi.suffix(4))).map(\.person.name) == ["扎西·平措"])
        #expect(try desk.findPersons(tashi).count == 1)
        #expect(try desk.findPersons("平措").count == 1)
        #expect(try desk.findPersons("zz").isEmpty)
    }

    @Test func aSwitchEndsThePairSchemeInTheSameTransaction() throws {
        let f = try DeskFixture()
        let desk = try f.desk()
        let id = DeskFixture.id(born: "1985-05-05", sequence: 135)
        _ = try desk.addPerson(PersonForm(idNumber: id, name: "次仁"))
        _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-pension", from: "2023-01-01", grade: "300"))
        let journal = try desk.store.read { try $0.count("journal") }
        // The switch is made on the day it takes effect.
        let july = try f.desk(on: DeskFixture.day("2023-07-01"))
        do {
            _ = try july.enrol(EnrolmentForm(idNumber: id, scheme: "employee-pension", from: "2023-07-01",
                                             employer: SocialCreditCode.compose("91540100MA6T00001").value))
            Issue.record("the pair was joined without a switch")
        } catch let error as DomainError {
            #expect(error.code == "duplicate-enrolment")
            #expect(error.message.zh.contains("2023-01-01"))
        }
        #expect(try desk.store.read { try $0.count("journal") } == journal)
        let receipt = try july.enrol(EnrolmentForm(idNumber: id, scheme: "employee-pension", from: "2023-07-01",
                                                   employer: SocialCreditCode.compose("91540100MA6T00001").value, switchPair: true))
        // Resident contributions paid for 2023-07..12 come back: 300 × 6 / 12 = 150.
        #expect(receipt.plan.overlapRefund?.amount == Money.yuan(150))
        let enrolments = try desk.showPerson(id).enrolments.map(\.enrolment)
        #expect(enrolments.first { $0.scheme == .residentPension }?.status == .terminated)
        #expect(enrolments.first { $0.scheme == .residentPension }?.to == LocalDate(iso: "2023-06-30"))
        #expect(enrolments.first { $0.scheme == .employeePension }?.status == .active)
        #expect(try desk.store.read { try $0.count("journal") } == journal + 1)
    }

    @Test func rolesKeepCounterWorkAndAdministrationApart() throws {
        let f = try DeskFixture()
        let admin = try f.desk("admin")
        #expect(throws: DomainError.self) { _ = try admin.addPerson(PersonForm(idNumber: DeskFixture.id(born: "1960-01-01", sequence: 1), name: "格桑")) }
        let clerk = try f.desk()
        #expect(throws: DomainError.self) { _ = try clerk.addOperator(id: "x", name: "x", role: .clerk, password: "password-1") }
        // Trainers work on training stores only.
        let trainer = try f.desk("trainer")
        #expect(throws: DomainError.self) { _ = try trainer.addPerson(PersonForm(idNumber: DeskFixture.id(born: "1960-01-01", sequence: 1), name: "格桑")) }
    }

    @Test func trainingAndRealStoresNeverMix() throws {
        let real = try DeskFixture()
        let synthetic = DeskFixture.id(born: "1960-01-01", sequence: 7, region: "990101")
        do {
            _ = try real.desk().addPerson(PersonForm(idNumber: synthetic, name: "演示人员"))
            Issue.record("a real store took a training number")
        } catch let error as DomainError {
            #expect(error.code == "id-training-region")
        }
        let training = try DeskFixture(training: true)
        _ = try training.desk("trainer").addPerson(PersonForm(idNumber: synthetic, name: "演示人员"))
        #expect(throws: DomainError.self) {
            _ = try training.desk("trainer").addPerson(PersonForm(idNumber: DeskFixture.id(born: "1960-01-01", sequence: 9), name: "真人"))
        }
    }

    @Test func aHallPolicyFileIsCheckedAndThenUsed() throws {
        let f = try DeskFixture()
        let admin = try f.desk("admin")
        let bad = "[policy]\nid = lhasa-2024\nregions = 5401\nyear = 2024\nextends = xizang-2023\n\n[settlement]\nb-prepay-share = 15 |"
        do {
            _ = try admin.loadPolicy(text: bad, file: "lhasa-2024.policy")
            Issue.record("a malformed policy was loaded")
        } catch let error as DomainError {
            #expect(error.message.en.contains("line 8"))
        }
        let good = "[policy]\nid = lhasa-2024\nregions = 5401\nyear = 2024\nextends = xizang-2023\n\n[settlement]\nb-prepay-share = 15% | hall decision 2024\n"
        _ = try admin.loadPolicy(text: good, file: "lhasa-2024.policy")
        let clerk = try f.desk(on: LocalDate(year: 2024, month: 3, day: 1)!)
        let id = DeskFixture.id(born: "1950-01-01", sequence: 333)
        _ = try clerk.addPerson(PersonForm(idNumber: id, name: "普布"))
        let receipt = try clerk.settle(SettleForm(idNumber: id, visit: "outpatient", level: "1",
                                                  itemsJSON: DeskFixture.items([("药", "B", "100")])), preview: true)
        #expect(receipt.result.policyID == "lhasa-2024")
        #expect(receipt.result.bPrepay == Money.yuan(15))
    }
}

@Suite struct EnrolmentStatusDeskTests {
    @Test func suspensionStopsCoverUntilResumedAndIllegalChangesNameTheState() throws {
        let f = try DeskFixture()
        let desk = try f.desk()
        let id = DeskFixture.id(born: "1962-02-02", sequence: 515)
        _ = try desk.addPerson(PersonForm(idNumber: id, name: "格桑"))
        _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-medical", from: "2023-01-01"))
        let bill = SettleForm(idNumber: id, visit: "outpatient", level: "1", itemsJSON: DeskFixture.items([("药", "A", "100")]))
        #expect(try desk.settle(bill, preview: true).result.basicPaid == Money.yuan(60))
        _ = try desk.changeEnrolment(idNumber: id, scheme: "resident-medical", to: "suspended", date: nil)
        #expect(try desk.settle(bill, preview: true).result.basicPaid == .zero)
        do {
            _ = try desk.changeEnrolment(idNumber: id, scheme: "resident-medical", to: "suspended", date: nil)
            Issue.record("suspended twice")
        } catch let error as DomainError {
            #expect(error.code == "illegal-transition")
            #expect(error.message.zh.contains("暂停缴费"))
        }
        _ = try desk.changeEnrolment(idNumber: id, scheme: "resident-medical", to: "active", date: nil)
        #expect(try desk.settle(bill, preview: true).result.basicPaid == Money.yuan(60))
        let (ended, _) = try desk.changeEnrolment(idNumber: id, scheme: "resident-medical", to: "terminated", date: "2023-05-31")
        #expect(ended.to == LocalDate(iso: "2023-05-31"))
        #expect(try desk.settle(bill, preview: true).result.basicPaid == .zero)
        // Terminated, the scheme can be joined again.
        _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-medical", from: "2023-06-01"))
        #expect(try desk.showPerson(id).enrolments.count == 2)
    }
}
