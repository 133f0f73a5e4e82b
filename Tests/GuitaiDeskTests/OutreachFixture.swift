import Foundation
import GRDB
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// A hall with a pensioner due for certification, and the way to take a laptop out, work on it and bring it home.
struct OutreachFixture {
    static let passphrase = "雪域高原 2023 outreach"
    let hall: DeskFixture
    let directory: String
    /// 扎西·平措, a resident pensioner since 2020-01, last certified never: due since 2021.
    let tashi = DeskFixture.id(born: "1950-03-10", sequence: 123)

    init(hallCode: String = "540102") throws {
        hall = try DeskFixture(hallCode: hallCode)
        directory = (hall.path as NSString).deletingLastPathComponent
        let desk = try hall.desk()
        _ = try desk.addPerson(PersonForm(idNumber: tashi, name: "扎西·平措"))
        _ = try desk.enrol(EnrolmentForm(idNumber: tashi, scheme: "resident-pension", from: "2010-01-01"))
        _ = try desk.addBenefit(idNumber: tashi, monthly: "1500.00", from: "2020-01")
    }

    /// Checks a laptop out as 卓玛 and makes its store; the laptop's desk, logged in as her.
    func laptop(_ name: String = "笔记本一", dueWithin: Int? = nil, on date: LocalDate? = nil) throws -> Desk {
        let checkout = try hall.desk("zhuoma", on: date).checkoutLaptop(name: name, regionPrefix: "", dueWithin: dueWithin,
                                                                         passphrase: Self.passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle")
        var clock = hall.clock
        if let date { clock.date = date }
        return try Desk.openLaptop(bundle: checkout.bundle, passphrase: Self.passphrase,
                                   storePath: directory + "/laptop-\(checkout.device.code).sqlite", operatorID: "zhuoma",
                                   password: "clerk-password", clock: clock, resources: DeskFixture.resources)
    }

    /// The same laptop store, on another day.
    func reopen(_ laptop: Desk, on date: LocalDate) throws -> Desk {
        var clock = hall.clock
        clock.date = date
        return try Desk.open(storePath: laptop.store.path, operatorID: "zhuoma", password: "clerk-password", clock: clock,
                             resources: DeskFixture.resources)
    }

    func supervisor(on date: LocalDate? = nil) throws -> Desk { try hall.desk("ciren", on: date) }

    /// The same person registered on the laptop and at the hall meanwhile, then the laptop's work brought home: the
    /// receive queues it for a supervisor.
    @discardableResult
    func madeOnBothSides(_ id: String, name: String, laptop: Desk) throws -> ReceiveReport {
        _ = try laptop.addPerson(PersonForm(idNumber: id, name: name))
        _ = try hall.desk().addPerson(PersonForm(idNumber: id, name: name))
        return try bringHome(laptop)
    }

    /// The laptop's return written and received by the supervisor: what the receive did.
    func bringHome(_ laptop: Desk) throws -> ReceiveReport {
        let file = directory + "/" + UUID().uuidString + ".bundle"
        return try supervisor().receive(bundle: try laptop.returnBundle(passphrase: Self.passphrase, to: file).bundle, passphrase: Self.passphrase)
    }

    /// Everything a store holds, table by table and row by row, for "unchanged" comparisons.
    static func fingerprint(_ path: String) throws -> String {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in
            var text = ""
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                text += table + "\n"
                // A table without rowid (the derived indexes) is read in its key's order.
                let order = ["person_search_keys": "key, person_uuid", "certification_due": "benefit_uuid"][table] ?? "rowid"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY \(order)") { text += row.description + "\n" }
            }
            return text
        }
    }
}
