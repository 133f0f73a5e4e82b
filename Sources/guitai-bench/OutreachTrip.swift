import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// An outreach trip: the take-out of a county of 20,000 people, the laptop's store made from it, 5,000 transactions
/// brought home, the return written and received.
enum OutreachTrip {
    static func run(_ bench: BenchContext, into report: inout BenchReport) throws {
        let directory = bench.directory("trip")
        let hall = directory + "/hall.sqlite"
        let runDay = LocalDate(year: 2023, month: 7, day: 1) ?? bench.today
        let resources = bench.resources
        let admin = try Desk.initialize(HallSetup(storePath: hall, hallCode: "540102", hallName: "基准测试大厅", regionCode: "540121",
                                                  adminID: "admin", adminName: "管理员", password: "bench-password"),
                                        clock: FixedClock(date: runDay), resources: resources)
        _ = try admin.addOperator(id: "clerk", name: "卓玛", role: .clerk, password: "bench-password")
        _ = try admin.addOperator(id: "sup", name: "次仁", role: .supervisor, password: "bench-password")
        let countyPeople = 20_000
        _ = try admin.store.write(WriteContext(operatorID: "admin", counter: "bench", businessDate: runDay, at: 0), kind: "bench.seed") { tx in
            for i in 0..<countyPeople {
                let id = ResidentID.compose(region: "540121", birth: LocalDate(dayNumber: -12_000 + i % 5_000), sequence: i / 5_000 % 1000)
                let uuid = try tx.insertPerson(Person(id: id, name: "次仁\(i)", regionCode: "540121"), initials: "[c][r]")
                try tx.insertBenefit(Benefit(scheme: .residentPension, monthly: Money(fen: 20_500), start: YearMonth(year: 2020, month: 1) ?? .latest),
                                     personUUID: uuid)
                _ = try tx.insertCertification(personUUID: uuid, on: runDay.adding(days: -(i * 7 % 395)), method: .counter, reference: nil)
            }
            return ((), ["people": .int(Int64(countyPeople))])
        }
        let clerk = try Desk.open(storePath: hall, operatorID: "clerk", password: "bench-password", clock: FixedClock(date: runDay),
                                  resources: resources)
        let passphrase = "bench passphrase"
        var takeOut: Desk.Checkout?
        let takeOutTime = try Measure.time {
            takeOut = try clerk.checkoutLaptop(name: "笔记本", regionPrefix: "540121", dueWithin: nil, passphrase: passphrase,
                                               to: directory + "/takeout.bundle")
        }
        guard let takeOut else { return }
        var laptop: Desk?
        let openTime = try Measure.time {
            laptop = try Desk.openLaptop(bundle: takeOut.bundle, passphrase: passphrase, storePath: directory + "/laptop.sqlite",
                                         operatorID: "clerk", password: "bench-password", clock: FixedClock(date: runDay), resources: resources)
        }
        guard let laptop else { return }
        let records = 5_000
        for i in 0..<records / 2 {
            let id = ResidentID.compose(region: "540121", birth: LocalDate(dayNumber: 2_000 + i % 5_000), sequence: 500 + i / 5_000)
            _ = try laptop.addPerson(PersonForm(idNumber: id.value, name: "央金\(i)"))
            let pensioner = ResidentID.compose(region: "540121", birth: LocalDate(dayNumber: -12_000 + i % 5_000), sequence: i / 5_000 % 1000)
            _ = try laptop.certify(idNumber: pensioner.value, method: "home", reference: nil)
        }
        var returned: Desk.Return?
        let returnTime = try Measure.time { returned = try laptop.returnBundle(passphrase: passphrase, to: directory + "/return.bundle") }
        guard let returned else { return }
        let supervisor = try Desk.open(storePath: hall, operatorID: "sup", password: "bench-password", clock: FixedClock(date: runDay),
                                       resources: resources)
        var received: ReceiveReport?
        let receiveTime = try Measure.time { received = try supervisor.receive(bundle: returned.bundle, passphrase: passphrase) }
        precondition(received?.applied.count == records && received?.conflicts.isEmpty == true, "the bench's return did not apply whole")
        let repeatTime = try Measure.time { _ = try supervisor.receive(bundle: returned.bundle, passphrase: passphrase) }
        let takeOutMiB = Double(takeOut.bundle.count) / 1_048_576, returnMiB = Double(returned.bundle.count) / 1_048_576
        report.add("outreach take-out of a county, 20,000 people (bundle \(Measure.fixed(takeOutMiB, 1)) MiB)", "\(Measure.fixed(takeOutTime, 2)) s",
                   key: "outreach_takeout_20k_s", value: takeOutTime)
        report.add("the laptop's store made from it", "\(Measure.fixed(openTime, 2)) s", key: "outreach_open_20k_s", value: openTime)
        report.add("return bundle of 5,000 transactions (\(Measure.fixed(returnMiB, 1)) MiB)", "\(Measure.fixed(returnTime, 2)) s",
                   key: "outreach_return_5k_s", value: returnTime)
        report.add("receive of that bundle at the hall / the same bundle again", "\(Measure.fixed(receiveTime, 2)) / \(Measure.fixed(repeatTime, 2)) s",
                   key: "outreach_receive_5k_s", value: receiveTime)
        report.figure("outreach_receive_5k_repeated_s", repeatTime)
        report.method("**Outreach**: a hall of 20,000 pensioners in one county (each with a benefit and a certification); the checkout "
            + "reads them and every row that hangs on them in the checkout's transaction and seals the take-out (one scrypt "
            + "derivation, AES-GCM, Ed25519); the laptop's store is made from it in one transaction. On the laptop 2,500 people are "
            + "registered and 2,500 pensioners certified at home, each a durable transaction; the return carries the 5,000 journal "
            + "entries and their rows. The receive opens the bundle, checks every link of the chain and every row's digest, applies "
            + "the rows and appends the 5,000 entries to the hall's journal in one transaction; the repeat finds the bundle already "
            + "received and writes nothing.")
    }
}
