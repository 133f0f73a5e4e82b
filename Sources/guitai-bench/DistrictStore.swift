import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// A district's store for the benchmarks: N people (default 1,000,000) with a year of history in the shares of a
/// Tibetan prefecture's hall, made once and kept in `.build/bench-cache` between runs.
///
/// Per person, drawn from one SplitMix64 seed: a name (Tibetan, Han, Mongolian, Uyghur as `TrainingNames` writes them),
/// an age from a young pyramid, one of twelve counties; 8 in 100 in a special group; 9 in 10 enrolled in resident
/// medical insurance and half the working-age in the resident pension; 9 in 10 with a physical card and 4 in 10 with an
/// e-card. Four in five people of 60 and over draw a pension, certified on a day over the last 13 months, with the
/// year's monthly payment lines (suspended once the certification lapsed). One in ten people had a bill settled
/// during the year, each through the desk's own settlement use case. A build cut short resumes where it stopped.
enum DistrictStore {
    /// Raised whenever what is generated changes, so a stale cached store is made again.
    static let version = 1
    static let counties = CertificationAtScale.counties
    static let seedDate = LocalDate(year: 2022, month: 6, day: 1) ?? .earliest
    static let clerks = 8

    static func path(_ bench: BenchContext) -> String {
        bench.cache + "/district-\(bench.people)-v\(version).sqlite"
    }

    /// The cached store, made first when missing; returns its path and the seconds making it took (nil when cached).
    static func ensure(_ bench: BenchContext) throws -> (path: String, built: Double?) {
        let path = path(bench)
        if FileManager.default.fileExists(atPath: path) { return (path, nil) }
        try FileManager.default.createDirectory(atPath: bench.cache, withIntermediateDirectories: true)
        // Older district stores are of no more use; this one's unfinished build is resumed.
        let name = (path as NSString).lastPathComponent
        for old in (try? FileManager.default.contentsOfDirectory(atPath: bench.cache)) ?? []
        where old.hasPrefix("district-") && !old.hasPrefix(name) {
            try? FileManager.default.removeItem(atPath: bench.cache + "/" + old)
        }
        let building = path + ".building"
        let took = try Measure.time { try build(at: building, bench: bench) }
        try Store.placeBuilt(building, at: path)
        return (path, took)
    }

    /// Makes the store in two steps, each resumed where a run cut short left it: the people in journaled transactions
    /// of 5,000, then the settlements.
    private static func build(at path: String, bench: BenchContext) throws {
        let today = bench.today
        let people = FileManager.default.fileExists(atPath: path)
            ? try Store.open(at: path).read { try $0.count("persons") } : 0
        if people < bench.people {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            try makePeople(at: path, bench: bench)
        }
        // One person in ten had a bill settled this year, through the desk's own settlement use case, one durable
        // transaction each, in the order the people were registered.
        let clerk = try Desk.open(storePath: path, operatorID: "clerk1", password: "bench-password", clock: FixedClock(date: today),
                                  resources: bench.resources)
        let done = try clerk.store.read { try $0.count("settlements") }
        let patients = try clerk.store.read { try $0.samplePeople(every: 10, limit: bench.people / 10) }
        var random = SeededGenerator(seed: 0x5E77_1E_2023)
        var bills: [SettleForm] = []
        for patient in patients {
            let amount = Int64.random(in: 8_000...4_000_000, using: &random)
            let visit: VisitType = random.chance(600) ? .outpatient : .inpatient
            let level = HospitalLevel(rawValue: Int.random(in: 1...3, using: &random)) ?? .one
            let daysAgo = Int.random(in: 1...330, using: &random)
            // A baby born yesterday or today has no visit to settle yet.
            guard let id = ResidentID(stored: patient.id), id.birthDate < today.adding(days: -1) else { continue }
            let items = [BillItem(name: "诊疗费", category: .a, amount: Money(fen: amount / 2)),
                         BillItem(name: "药品费", category: .b, amount: Money(fen: amount / 3)),
                         BillItem(name: "自费药品", category: .c, amount: Money(fen: amount - amount / 2 - amount / 3))]
            var form = SettleForm(idNumber: patient.id, visit: visit, level: level, major: false, items: items)
            form.date = max(today.adding(days: -daysAgo), id.birthDate.adding(days: 1)).iso
            bills.append(form)
        }
        for form in bills.dropFirst(done) { _ = try clerk.settle(form) }
    }

    private static func makePeople(at path: String, bench: BenchContext) throws {
        let today = bench.today
        let admin = try Desk.initializeForBuilding(HallSetup(storePath: path, hallCode: "540102", hallName: "拉萨市社保经办大厅",
                                                             regionCode: "540102", adminID: "admin", adminName: "管理员",
                                                             password: "bench-password"),
                                                   clock: FixedClock(date: today), resources: bench.resources)
        _ = try admin.addOperator(id: "sup", name: "次仁", role: .supervisor, password: "bench-password")
        for n in 1...clerks { _ = try admin.addOperator(id: "clerk\(n)", name: "窗口\(n)", role: .clerk, password: "bench-password") }
        // Every e-card's PIN and activation hashes are one derivation made here: 400,000 scrypt runs would take hours.
        let pinHash = try Store.hashSecret("902817"), activationHash = try Store.hashSecret("A7K2M9")
        var random = SeededGenerator(seed: 0x5EED_D157_2023)
        var sequences: [Int: Int] = [:]
        let batch = 5_000
        var made = 0
        while made < bench.people {
            let count = min(batch, bench.people - made)
            let day = seedDate.adding(days: made * 360 / bench.people)
            _ = try admin.store.write(WriteContext(operatorID: "admin", counter: "bench", businessDate: day, at: 0), kind: "bench.seed") { tx -> ((), JSONValue) in
                for j in 0..<count {
                    let person = makePerson(&random, sequences: &sequences, today: today, resources: bench.resources)
                    let uuid = try tx.insertPerson(person, initials: bench.resources.pinyin.pattern(for: person.name))
                    try history(of: person, ordinal: made + j, uuid: uuid, tx, &random, today: today, pinHash: pinHash,
                                activationHash: activationHash)
                }
                return ((), ["people": .int(Int64(count))])
            }
            made += count
        }
    }

    /// Ages in years with their weight (a young pyramid: the prefecture's census shape, rounded).
    private static let ageBands: [(ClosedRange<Int>, Int)] = [(0...9, 160), (10...19, 150), (20...29, 160), (30...39, 160),
                                                              (40...49, 130), (50...59, 110), (60...69, 80), (70...79, 40), (80...95, 10)]

    private static func makePerson(_ random: inout SeededGenerator, sequences: inout [Int: Int], today: LocalDate,
                                   resources: DeskResources) -> Person {
        var roll = Int.random(in: 0..<1_000, using: &random)
        var ages = ageBands[0].0
        for (band, weight) in ageBands { if roll < weight { ages = band; break }; roll -= weight }
        let birth = today.adding(days: -(Int.random(in: ages, using: &random) * 365 + Int.random(in: 0..<365, using: &random)))
        let county = Int.random(in: 0..<counties.count, using: &random)
        let key = county * 100_000 + birth.dayNumber + 30_000
        let sequence = sequences[key, default: 0]
        sequences[key] = sequence + 1
        let female = random.chance(500)
        // The sequence's last digit is odd for men (GB 11643): ten per day and county of each sex is plenty here.
        let id = ResidentID.compose(region: counties[county], birth: birth, sequence: (sequence % 500) * 2 + (female ? 0 : 1))
        let name = TrainingNames.name(TrainingNames.origin(&random), female: female, &random)
        var groups: [GroupMembership] = []
        let group = Int.random(in: 0..<1_000, using: &random)
        if group < 80 {
            let which: SpecialGroup = group < 40 ? .dibao : group < 50 ? .tekun : group < 70 ? .disabled : .fanpin
            groups.append(GroupMembership(group: which, from: LocalDate(year: 2021, month: 1, day: 1) ?? birth))
        }
        return Person(id: id, name: name, regionCode: counties[county], groups: groups)
    }

    private static func history(of person: Person, ordinal: Int, uuid: String, _ tx: StoreTransaction, _ random: inout SeededGenerator,
                                today: LocalDate, pinHash: String, activationHash: String) throws {
        let age = person.id.age(on: today)
        let start = max(person.id.birthDate, LocalDate(year: 2016, month: 1, day: 1) ?? today)
        if random.chance(900) {
            _ = try tx.insertEnrolment(Enrolment(scheme: .residentMedical, regionCode: person.regionCode, from: start), personUUID: uuid)
        }
        if (16...59).contains(age) && random.chance(500) {
            _ = try tx.insertEnrolment(Enrolment(scheme: .residentPension, regionCode: person.regionCode, from: start), personUUID: uuid)
        }
        if random.chance(900) {
            // Nine characters, unique: the person's place in the store.
            let number = "T" + String(repeating: "0", count: max(0, 8 - String(ordinal).count)) + String(ordinal)
            _ = try tx.insertCard(PhysicalCard(number: CardNumber(stored: number), regionCode: person.regionCode, issuedOn: start), personUUID: uuid)
        }
        if random.chance(400) {
            let phone = "139" + String(UInt64.random(in: 10_000_000...99_999_999, using: &random))
            try tx.insertECard(personUUID: uuid, serial: "E" + person.id.value, phone: phone, identityCheck: "face", pinHash: pinHash,
                               activationHash: activationHash, on: today.adding(days: -Int.random(in: 1...365, using: &random)),
                               voucher: random.chance(700))
        }
        guard age >= 60, random.chance(800) else { return }
        let benefitStart = max(person.id.birthDate.adding(months: 60 * 12).yearMonth, YearMonth(year: 2016, month: 1) ?? .latest)
        try tx.insertBenefit(Benefit(scheme: .residentPension, monthly: Money(fen: 20_500 + Int64.random(in: 0...6, using: &random) * 100),
                                     start: benefitStart), personUUID: uuid)
        // Certified on a day over the last 13 months: about one in thirteen has lapsed.
        let certified = today.adding(days: -Int.random(in: 0..<395, using: &random))
        _ = try tx.insertCertification(personUUID: uuid, on: certified, method: random.chance(600) ? .counter : .home, reference: nil)
        guard let benefitUUID = try tx.recipient(personUUID: uuid)?.benefitUUID else { return }
        let lapses = CertificationCycle.nextDue(lastCertified: certified, benefitStart: benefitStart)
        var month = max(today.yearMonth.adding(months: -11), benefitStart)
        while month < today.yearMonth {
            let paid = month.firstDay < lapses
            try tx.insertPayment(benefitUUID: benefitUUID, month: month, kind: paid ? "paid" : "suspended",
                                 amount: paid ? Money(fen: 20_500) : .zero)
            month = month.adding(months: 1)
        }
    }
}
