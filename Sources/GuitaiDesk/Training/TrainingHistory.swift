import Foundation
import GuitaiCore

/// Writes the training store's year of history through the desk's own use cases, day by day, as a hall would have
/// recorded it: the synthetic population (an age pyramid, special groups in the seed provinces' shares, enrolments,
/// cards and e-cards in every state, pensioners certified, due, overdue and suspended, monthly payment runs,
/// settlements across the three layers, deaths with overpayments) and the scenarios' cast (`TrainingCast`).
/// Everything comes from one seeded generator, so every build is the same.
struct TrainingHistory {
    let desk: Desk
    let clock: TrainingClock
    private var random = SeededGenerator(seed: 2_026_0615)
    /// What happens on which day; run in date order, then in the order written.
    private var days: [(date: LocalDate, order: Int, work: (Desk) throws -> Void)] = []
    private var usedIDs: Set<String> = []

    init(desk: Desk, clock: TrainingClock) {
        self.desk = desk
        self.clock = clock
    }

    static var classroom: LocalDate { TrainingStore.classroomDate }
    /// The first day of the history: a year before the classroom date.
    static var first: LocalDate { classroom.adding(days: -365) }

    /// Schedules work on a day of the history; a day on or after the classroom date has not happened yet.
    private mutating func on(_ date: LocalDate, _ work: @escaping (Desk) throws -> Void) {
        guard date < Self.classroom else { return }
        days.append((date, days.count, work))
    }

    mutating func write(population: Int) throws {
        for index in 0..<population { person(index, of: population) }
        TrainingCast.schedule { date, work in on(date, work) }
        // The monthly payment runs, on the 10th, up to the month before the classroom's (whose run a lesson makes).
        var month = Self.first.yearMonth.adding(months: 1)
        while month < Self.classroom.yearMonth {
            let run = month
            on(run.firstDay.adding(days: 9)) { desk in _ = try desk.paymentsRun(month: run.iso) }
            month = month.adding(months: 1)
        }
        for (date, _, work) in days.sorted(by: { ($0.date, $0.order) < ($1.date, $1.order) }) {
            clock.set(date)
            try work(desk)
        }
    }

    /// Ages in five-year bands (0–4 … 85+), people per thousand: a young population, as in the seed provinces.
    private static let pyramid = [80, 78, 75, 72, 74, 80, 82, 76, 70, 64, 58, 50, 42, 34, 25, 17, 11, 12]

    private mutating func age() -> Int {
        var roll = Int.random(in: 0..<Self.pyramid.reduce(0, +), using: &random)
        for (band, weight) in Self.pyramid.enumerated() {
            if roll < weight { return band * 5 + Int.random(in: 0..<5, using: &random) }
            roll -= weight
        }
        return 40
    }

    private static let regions = ["990101", "990102", "990103", "990121", "990122"]
    private static let employers = (0..<6).map { SocialCreditCode.compose("91990100MA6T00\(String($0 * 7 + 10))0").value }

    /// A unique synthetic ID number: sequences below 900 (the cast uses 900 and above), odd for a man, even for a woman.
    private mutating func idNumber(region: String, birth: LocalDate, female: Bool) -> String {
        var sequence = Int.random(in: 0..<450, using: &random) * 2 + (female ? 0 : 1)
        while true {
            let id = ResidentID.compose(region: region, birth: birth, sequence: sequence).value
            if usedIDs.insert(id).inserted { return id }
            sequence = (sequence + 2) % 900
        }
    }

    private mutating func person(_ index: Int, of population: Int) {
        let classroom = Self.classroom
        let female = random.chance(500)
        let age = age()
        let birth = classroom.adding(months: -12 * age).adding(days: -Int.random(in: 1...364, using: &random))
        let region = random.pick(Self.regions)
        let id = idNumber(region: region, birth: birth, female: female)
        let name = TrainingNames.name(TrainingNames.origin(&random), female: female, &random)
        // Registered over the history's first three months, a few each day.
        // (A baby born since is registered three weeks after birth.)
        let registered = max(Self.first.adding(days: index * 90 / max(population, 1)), min(birth.adding(days: 21), classroom.adding(days: -1)))
        let enrolFrom = max(birth, LocalDate(year: registered.year, month: 1, day: 1) ?? birth).iso
        let since = max(birth, LocalDate(year: registered.year - Int.random(in: 1...6, using: &random), month: 1, day: 1) ?? birth).iso
        var groups: [String] = []
        let roll = Int.random(in: 0..<1_000, using: &random)
        let working = (18...59).contains(age)
        if region == "990121" && roll < 400 { groups.append("border:" + since) }
        else if roll < 60 { groups.append("dibao:" + since) }
        else if roll < 70 && age >= 16 { groups.append("tekun:" + since) }
        else if roll < 90 { groups.append("disabled:" + since) }
        else if roll < 120 { groups.append("fanpin:" + since) }
        else if roll < 135 && (18...75).contains(age) { groups.append("monastic:" + since) }
        else if roll < 215 && (22...55).contains(age) { groups.append("flexible:" + since) }
        let flexible = groups.first?.hasPrefix("flexible") == true
        let employer = working && groups.isEmpty && random.chance(140) ? random.pick(Self.employers) : nil
        let student = (6...22).contains(age) && age >= 16 && random.chance(500)
        let phone = age >= 16 ? "13" + String(9_000_000_000 + Int.random(in: 0..<999_999_999, using: &random)).suffix(9) : nil
        let household = random.chance(600) ? "rural" : "urban"
        let hasCard = random.chance(780)
        let card = "T" + String(20_000_000 + index * 3 + 1)
        let cardIssued = min(registered, max(birth.adding(days: 30), registered.adding(months: -12 * Int.random(in: 1...8, using: &random)))).iso
        let grade = random.pick(["100.00", "200.00", "300.00", "500.00", "1000.00"])
        let medical = random.chance(930)
        let pensionAge = age >= 62 && random.chance(850)
        let employeePensioner = pensionAge && random.chance(120)
        let residentPension = !pensionAge && (18...59).contains(age) && !student && employer == nil && !flexible && random.chance(620)
        let flexiblePension = flexible && random.chance(500)
        on(registered) { desk in
            _ = try desk.addPerson(PersonForm(idNumber: id, name: name, phone: phone, household: household, regionCode: region,
                                              isStudent: student, groups: groups))
            if medical {
                let employee = employer != nil || (flexible && !residentPension) || employeePensioner
                _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: employee ? "employee-medical" : "resident-medical",
                                                 from: enrolFrom,
                                                 status: employeePensioner ? "retired" : nil, employer: employeePensioner ? Self.employers[0] : employer))
            }
            if residentPension {
                _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-pension", from: enrolFrom,
                                                 grade: groups.isEmpty ? grade : nil))
            } else if employer != nil || flexiblePension {
                _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: "employee-pension", from: enrolFrom, employer: employer))
            }
            if hasCard { _ = try desk.registerCard(idNumber: id, number: card, issuedOn: cardIssued) }
        }
        if hasCard && age >= 16 { cardEvents(id, index: index, registered: registered, birth: birth, medical: medical) }
        if pensionAge { pensioner(id, birth: birth, registered: registered, employee: employeePensioner) }
        if medical && random.chance(80) && classroom.dayNumber - registered.dayNumber > 40 { settlements(id, registered: registered) }
    }

    /// A few cards lost or locked, and e-cards in every state (each PIN and code is hashed with scrypt, so there are
    /// dozens, not thousands).
    private mutating func cardEvents(_ id: String, index: Int, registered: LocalDate, birth: LocalDate, medical: Bool) {
        let roll = Int.random(in: 0..<1_000, using: &random)
        let later = registered.adding(days: Int.random(in: 20...250, using: &random))
        if roll < 15 {
            on(later) { desk in _ = try desk.changeCard(idNumber: id, change: .reportTemporaryLoss, reason: nil) }
        } else if roll < 25 {
            on(later) { desk in
                _ = try desk.changeCard(idNumber: id, change: .reportTemporaryLoss, reason: nil)
                _ = try desk.changeCard(idNumber: id, change: .reportFormalLoss, reason: nil)
            }
        } else if roll < 30 {
            on(later) { desk in _ = try desk.changeCard(idNumber: id, change: .lock, reason: nil) }
        } else if roll < 42 && medical && index % 3 == 0 {
            // 0 issued, 1 active, 2 active with the e-voucher, 3 suspended, 4 cancelled.
            let state = index % 5
            let pin = String(100_000 + (index * 7_919) % 800_000 + 37)
            on(later) { desk in
                let receipt = try desk.issueECard(idNumber: id, phone: "139" + String(10_000_000 + index).suffix(8), identityCheck: "document",
                                                  pin: pin, voucher: false)
                guard state > 0 else { return }
                _ = try desk.stepECard(idNumber: id, step: .activate, code: receipt.activationCode)
                if state == 2 { _ = try desk.activateVoucher(idNumber: id) }
                if state == 3 { _ = try desk.stepECard(idNumber: id, step: .suspend, reason: nil) }
                if state == 4 { _ = try desk.stepECard(idNumber: id, step: .cancel, reason: nil) }
            }
        }
    }

    /// A pensioner: enrolled long ago, a benefit, and certifications that leave them current, due soon, overdue or
    /// suspended on the classroom date; a few die and are reported late, leaving an overpayment.
    private mutating func pensioner(_ id: String, birth: LocalDate, registered: LocalDate, employee: Bool) {
        let classroom = Self.classroom
        let pensionMonth = birth.adding(months: 12 * 60 + 1).yearMonth
        let roll = Int.random(in: 0..<1_000, using: &random)
        // Never certified: started two years back (suspended by every run) or a year back (overdue, not yet suspended).
        let never = roll < 90
        let start = roll < 50 ? max(pensionMonth, Self.first.yearMonth.adding(months: -12))
            : roll < 90 ? max(pensionMonth, classroom.yearMonth.adding(months: -12))
            : max(pensionMonth, Self.first.yearMonth.adding(months: -Int.random(in: 1...30, using: &random)))
        let monthly = employee ? String(2_600 + Int.random(in: 0...1_600, using: &random)) + ".50" : "230.00"
        let certified = roll < 170 ? Self.first.adding(days: Int.random(in: 1...28, using: &random))
            : registered.adding(days: Int.random(in: 1...(classroom.dayNumber - registered.dayNumber - 40), using: &random))
        let method = random.pick(["counter", "counter", "home", "video", "self-service"])
        let dies = !never && roll >= 990
        let death = classroom.adding(days: -Int.random(in: 90...150, using: &random))
        on(registered) { desk in
            let joined = max(birth.adding(months: 12 * 20), LocalDate(dayNumber: 9_131))
            _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: employee ? "employee-pension" : "resident-pension", from: joined.iso,
                                             status: employee ? "retired" : nil, employer: employee ? Self.employers[0] : nil))
            _ = try desk.addBenefit(idNumber: id, monthly: monthly, from: start.iso)
        }
        // Video and self-service certifications carry the call's or the platform's reference.
        let reference = ["video", "self-service"].contains(method) ? "REF" + String(certified.dayNumber) + String(id.suffix(4)) : nil
        if !never { on(max(certified, registered)) { desk in _ = try desk.certify(idNumber: id, method: method, reference: reference) } }
        if dies { on(death.adding(days: 45)) { desk in _ = try desk.registerDeath(idNumber: id, date: death.iso) } }
    }

    /// Bills at hospitals of every level, a few of them inpatient, a few reversed the same day.
    private mutating func settlements(_ id: String, registered: LocalDate) {
        let inpatient = random.chance(150)
        let date = registered.adding(days: Int.random(in: 30...(Self.classroom.dayNumber - registered.dayNumber - 1), using: &random))
        let level = String(Int.random(in: 1...3, using: &random))
        let amounts = inpatient ? [Int.random(in: 400_000...3_000_000, using: &random), Int.random(in: 50_000...400_000, using: &random),
                                   Int.random(in: 0...200_000, using: &random)]
            : [Int.random(in: 3_000...60_000, using: &random), Int.random(in: 0...20_000, using: &random), Int.random(in: 0...5_000, using: &random)]
        let names = inpatient ? ["住院床位费", "手术费", "自费药品"] : ["门诊诊疗费", "检查费", "自费药品"]
        let items = zip(zip(names, ["A", "B", "C"]), amounts).filter { $0.1 > 0 }.map { pair in
            "{\"name\": \"\(pair.0.0)\", \"category\": \"\(pair.0.1)\", \"amount\": \"\(Money(fen: Int64(pair.1)))\"}"
        }
        let reversed = random.chance(40)
        on(date) { desk in
            let receipt = try desk.settle(SettleForm(idNumber: id, date: date.iso, visit: inpatient ? "inpatient" : "outpatient", level: level,
                                                     itemsJSON: "[" + items.joined(separator: ", ") + "]"))
            if reversed, let serial = receipt.serial { _ = try desk.reverseSettlement(serial, reason: "录入错误") }
        }
    }
}
