import Foundation
import GuitaiCore
import GuitaiStore

/// The demo store for trainers and newcomers: synthetic people whose ID numbers start with 99 (no such province),
/// kept in its own file beside the real store so the two never mix.
public enum TrainingStore {
    /// The trainer's account on every demo store. A known password is acceptable here: the store holds no real person.
    public static let trainerID = "trainer"
    public static let trainerPassword = "training-desk"
    /// A supervisor on every demo store, so a trainee's reversal is approved by another account, as at a real counter.
    public static let supervisorID = "fuhe"

    public static func path(besides storePath: String) -> String {
        URL(fileURLWithPath: storePath).deletingLastPathComponent().appendingPathComponent("guitai-training.sqlite").path
    }

    /// Opens the demo store as the trainer, creating and filling it on first use. It is built under a temporary
    /// name and renamed only when complete, so a failure never leaves a half-made store in its place.
    public static func openOrCreate(besides storePath: String, clock: any BusinessClock, counter: String = "1",
                                    resources: DeskResources) throws -> Desk {
        let path = path(besides: storePath)
        if !FileManager.default.fileExists(atPath: path) {
            let building = path + ".building-\(getpid())"
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: building + suffix) } }
            do {
                let admin = try Desk.initialize(
                    HallSetup(storePath: building, hallCode: "990101", hallName: "培训大厅（虚拟数据）", regionCode: "990101",
                              adminID: "admin", adminName: "培训管理员", password: trainerPassword, isTraining: true),
                    clock: clock, resources: resources)
                _ = try admin.addOperator(id: trainerID, name: "培训员", role: .trainer, password: trainerPassword)
                try seed(try Desk.open(storePath: building, operatorID: trainerID, password: trainerPassword, clock: clock,
                                       resources: resources))
            }
            // The WAL is checkpointed when the last connection closes; what is left moves with the file.
            try FileManager.default.moveItem(atPath: building, toPath: path)
            for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: building + suffix) {
                try? FileManager.default.moveItem(atPath: building + suffix, toPath: path + suffix)
            }
        }
        let desk = try Desk.open(storePath: path, operatorID: trainerID, password: trainerPassword, clock: clock, counter: counter,
                                 resources: resources)
        // The supervisor who approves a trainee's reversal, on a new demo store and on one made before it existed.
        if try !desk.listOperators().contains(where: { $0.account.id == supervisorID }) {
            _ = try desk.addOperator(id: supervisorID, name: "复核员（培训）", role: .supervisor, password: trainerPassword)
        }
        return desk
    }

    /// A dozen synthetic people covering the procedures: groups, both medical schemes, cards, pensioners due soon. Each ID
    /// number's sequence is odd for a man and even for a woman (GB 11643), as the name implies.
    static func seed(_ desk: Desk) throws {
        let today = desk.today
        let people: [(name: String, female: Bool, birth: String, groups: [String], scheme: String?, card: Bool, pension: String?)] = [
            ("扎西·平措", false, "19550310", ["dibao:2020-01-01"], "resident-medical", true, "205"),
            ("卓玛", true, "19620815", [], "resident-medical", true, "205"),
            ("次仁", false, "19850101", ["flexible:2022-01-01"], "employee-medical", true, nil),
            ("格桑", false, "19580202", ["tekun:2019-01-01"], "resident-medical", false, "205"),
            ("央金", true, "19900606", [], "resident-medical", true, nil),
            ("达瓦", false, "19480909", ["border:2018-01-01"], "resident-medical", true, "205"),
            ("普布", false, "20150301", [], "resident-medical", false, nil),
            ("拉姆", true, "19700707", ["fanpin:2021-06-01"], "resident-medical", true, nil),
            ("尼玛", false, "19660403", [], nil, false, nil),
            ("旦增", false, "19520512", ["disabled:2015-01-01"], "resident-medical", true, "205"),
            ("王德兴", false, "19600120", [], "employee-medical", true, "3150.50"),
            ("李秀英", true, "19640918", [], "resident-medical", true, "205"),
        ]
        for (index, p) in people.enumerated() {
            guard let birth = LocalDate(compact: Substring(p.birth)) else { continue }
            let id = ResidentID.compose(region: index % 2 == 0 ? "990101" : "990102", birth: birth, sequence: 100 + index * 2 + (p.female ? 0 : 1)).value
            _ = try desk.addPerson(PersonForm(idNumber: id, name: p.name, phone: "139" + String(10_000_000 + index * 7_919).suffix(8),
                                              household: index % 3 == 0 ? "rural" : "urban", groups: p.groups))
            if let scheme = p.scheme {
                let employer = scheme == "employee-medical" && !p.groups.contains(where: { $0.hasPrefix("flexible") })
                    ? SocialCreditCode.compose("91990100MA6T0000\(index % 10)").value : nil
                _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: scheme, from: "\(today.year)-01-01", employer: employer))
            }
            if p.card {
                _ = try desk.registerCard(idNumber: id, number: "T" + String(10_000_000 + index * 4_111), issuedOn: "\(today.year - 3)-05-01")
            }
            let pensionFrom = birth.adding(months: 12 * 60 + 1).yearMonth
            if let monthly = p.pension, pensionFrom <= today.yearMonth {
                // A pension needs its scheme's enrolment and age: enrolled long before, paid from the later of the
                // month after the pension age and a year or so back.
                let employee = monthly != "205"
                let joined = max(birth.adding(months: 12 * 20), LocalDate(year: 1995, month: 1, day: 1) ?? birth)
                _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: employee ? "employee-pension" : "resident-pension",
                                                 from: joined.iso,
                                                 employer: employee ? SocialCreditCode.compose("91990100MA6T0000\(index % 10)").value : nil))
                let start = max(pensionFrom, today.adding(months: -(12 + index)).yearMonth)
                _ = try desk.addBenefit(idNumber: id, monthly: monthly, from: start.iso)
            }
        }
    }
}
