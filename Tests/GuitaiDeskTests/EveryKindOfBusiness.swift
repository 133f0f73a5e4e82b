import Foundation
import GRDB
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// A hall store holding every kind of business the product records, so that every table has rows: people with
/// groups, enrolments (one suspended), a card and an e-card, benefits, certifications, two payment runs, a death
/// with an overpayment, settlements and a reversal, a hall policy, an outreach trip received with an item in review, and
/// a day closed.
enum EveryKindOfBusiness {
    static let tashi = DeskFixture.id(born: "1950-03-10", sequence: 123)     // pensioner, dibao, settled
    static let tsering = DeskFixture.id(born: "1985-05-05", sequence: 135)   // employee, suspended
    static let yangchen = DeskFixture.id(born: "1955-09-30", sequence: 248)  // pensioner who dies
    static let dawa = DeskFixture.id(born: "1970-05-04", sequence: 231)      // registered at the hall and on a laptop
    static let lhamo = DeskFixture.id(born: "1990-07-07", sequence: 142)     // registered on a laptop

    static let policy = """
        [policy]
        id = lhasa-2023
        title = 拉萨市 2023
        regions = 5401
        year = 2023
        extends = xizang-2023

        [settlement]
        b-prepay-share = 15% | illustrative
        """

    /// Records it all on `f`'s store; returns nothing but leaves every table with at least one row.
    static func record(_ f: DeskFixture) throws {
        let admin = try f.desk("admin")
        _ = try admin.loadPolicy(text: policy, file: "lhasa-2023.policy")
        let clerk = try f.desk()
        _ = try clerk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措", phone: "13812345678", groups: ["dibao:2020-01-01"]))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-medical", from: "2023-01-01"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-pension", from: "2010-01-01"))
        _ = try clerk.registerCard(idNumber: tashi, number: "A12345678")
        _ = try clerk.issueECard(idNumber: tashi, phone: "13812345678", identityCheck: "document", pin: "582947", voucher: true)
        _ = try clerk.addBenefit(idNumber: tashi, monthly: "205", from: "2023-01")
        _ = try clerk.certify(idNumber: tashi, method: "counter", reference: nil)
        let bill = DeskFixture.items([("床位费", "A", "3000"), ("药品", "B", "500")])
        let kept = try clerk.settle(SettleForm(idNumber: tashi, visit: "inpatient", level: "2", itemsJSON: bill))
        _ = kept
        let reversed = try clerk.settle(SettleForm(idNumber: tashi, visit: "outpatient", level: "1",
                                                   itemsJSON: DeskFixture.items([("挂号", "A", "20")])))
        _ = try f.desk("ciren").reverseSettlement(reversed.serial ?? "", reason: "录入错误")

        _ = try clerk.addPerson(PersonForm(idNumber: tsering, name: "次仁", groups: ["flexible:2022-01-01"]))
        _ = try clerk.enrol(EnrolmentForm(idNumber: tsering, scheme: "employee-medical", from: "2023-01-01"))
        _ = try clerk.changeEnrolment(idNumber: tsering, scheme: "employee-medical", to: "suspended", date: "2023-05-01")

        _ = try clerk.addPerson(PersonForm(idNumber: yangchen, name: "央金"))
        _ = try clerk.enrol(EnrolmentForm(idNumber: yangchen, scheme: "resident-pension", from: "2010-01-01"))
        _ = try clerk.addBenefit(idNumber: yangchen, monthly: "2150.75", from: "2023-01")
        let supervisor = try f.desk("ciren")
        _ = try supervisor.paymentsRun(month: "2023-04")
        _ = try supervisor.paymentsRun(month: "2023-05")
        // Died in April: May was paid after the death and is to be recovered.
        _ = try clerk.registerDeath(idNumber: yangchen, date: "2023-04-10")

        // An outreach trip: a laptop checked out, a venue and an event there with two people registered at it, one of
        // whom the hall registered meanwhile, so the receive applies one and queues the other for review.
        let passphrase = "every kind of business"
        let checkout = try clerk.checkoutLaptop(name: "笔记本一", regionPrefix: "", dueWithin: nil, passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle")
        let laptop = try Desk.openLaptop(bundle: checkout.bundle, passphrase: passphrase,
                                         storePath: (f.path as NSString).deletingLastPathComponent + "/laptop.sqlite",
                                         operatorID: "zhuoma", password: "clerk-password", clock: f.clock, resources: DeskFixture.resources)
        _ = try laptop.addVenue(name: "扎西岗村", kind: "village", regionCode: "540102")
        _ = try laptop.openEvent(venue: "扎西岗村")
        _ = try laptop.addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        _ = try laptop.addPerson(PersonForm(idNumber: lhamo, name: "拉姆"))
        _ = try laptop.closeEvent(participants: 40, leaflets: 55)
        _ = try clerk.addPerson(PersonForm(idNumber: dawa, name: "达瓦"))
        _ = try supervisor.receive(bundle: try laptop.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle, passphrase: passphrase)
        // The day before, closed by the supervisor.
        _ = try supervisor.closeDay(date: "2023-05-31")
    }

    /// The tables of a store file, as SQLite lists them.
    static func tables(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
    }
}
