import GuitaiCore

/// The people the training scenarios are about, each left in the state its lesson starts from. Their ID numbers use
/// sequences from 900 (odd for a man, even for a woman), which the synthetic population never does, and are printed in the scenario files.
enum TrainingCast {
    /// A person of the cast; the sequence's parity carries the sex the name implies (GB 11643: odd for a man).
    struct Member {
        var name: String
        var birth: String
        var region: String
        var sequence: Int

        var id: String {
            ResidentID.compose(region: region, birth: LocalDate(iso: birth) ?? TrainingStore.classroomDate, sequence: sequence).value
        }
    }

    static let flexibleWorker = Member(name: "次仁多吉", birth: "1988-04-12", region: "990101", sequence: 901)
    static let borderResident = Member(name: "达娃", birth: "1979-08-20", region: "990121", sequence: 902)
    static let switcher = Member(name: "王建国", birth: "1986-11-03", region: "990102", sequence: 903)
    static let ecardHolder = Member(name: "央金拉姆", birth: "1995-02-14", region: "990101", sequence: 904)
    static let suspendedPensioner = Member(name: "格桑", birth: "1948-05-06", region: "990103", sequence: 905)
    static let latePensioner = Member(name: "拉巴次仁", birth: "1944-09-09", region: "990101", sequence: 907)
    static let dibaoPatient = Member(name: "卓嘎", birth: "1962-07-07", region: "990102", sequence: 906)
    static let wrongBill = Member(name: "扎西顿珠", birth: "1975-10-10", region: "990101", sequence: 911)
    static let tooYoung = Member(name: "米玛", birth: "2011-02-01", region: "990103", sequence: 909)
    /// Not in the store: the documents lesson registers her.
    static let newcomer = Member(name: "阿依古丽·艾力", birth: "1990-09-09", region: "990102", sequence: 910)

    /// Schedules the cast's history: registered in the first days, then what brings each to the lesson's start.
    static func schedule(_ on: (LocalDate, @escaping (Desk) throws -> Void) -> Void) {
        let first = TrainingHistory.first
        func register(_ m: Member, groups: [String] = [], student: Bool = false, then more: @escaping (Desk) throws -> Void = { _ in }) {
            on(first.adding(days: 1)) { desk in
                _ = try desk.addPerson(PersonForm(idNumber: m.id, name: m.name, phone: "1390891" + String(m.sequence * 4 + 1000).suffix(4),
                                                  household: "rural", regionCode: m.region, isStudent: student, groups: groups))
                try more(desk)
            }
        }
        func medical(_ m: Member) -> (Desk) throws -> Void {
            { desk in _ = try desk.enrol(EnrolmentForm(idNumber: m.id, scheme: "resident-medical", from: "2025-01-01")) }
        }
        register(flexibleWorker, groups: ["flexible:2024-03-01"])
        register(borderResident, groups: ["border:2019-01-01"])
        register(switcher, then: medical(switcher))
        register(ecardHolder) { desk in
            try medical(ecardHolder)(desk)
            _ = try desk.registerCard(idNumber: ecardHolder.id, number: "T39000904", issuedOn: "2023-05-01")
        }
        // Never certified: due a year after the benefit began (2026-04-01), so April's and May's runs suspend him.
        register(suspendedPensioner) { desk in
            _ = try desk.enrol(EnrolmentForm(idNumber: suspendedPensioner.id, scheme: "resident-pension", from: "1995-01-01"))
            _ = try desk.addBenefit(idNumber: suspendedPensioner.id, monthly: "230.00", from: "2025-04")
        }
        // Certified in July 2025, paid every month through May 2026.
        register(latePensioner) { desk in
            _ = try desk.enrol(EnrolmentForm(idNumber: latePensioner.id, scheme: "resident-pension", from: "1995-01-01"))
            _ = try desk.addBenefit(idNumber: latePensioner.id, monthly: "230.00", from: "2025-05")
        }
        on(first.adding(days: 30)) { desk in _ = try desk.certify(idNumber: latePensioner.id, method: "counter", reference: nil) }
        register(dibaoPatient, groups: ["dibao:2021-01-01"], then: medical(dibaoPatient))
        register(wrongBill, then: medical(wrongBill))
        register(tooYoung, student: true)
    }
}
