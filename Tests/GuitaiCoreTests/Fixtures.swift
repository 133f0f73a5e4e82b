import Foundation
import Testing
import GuitaiCore
import TestSupport

/// The real shipped resources (division table, policy presets) and small builders for people, bills and covers.
/// Resources are found from this file: Tests/GuitaiCoreTests/Fixtures.swift → three levels up is the package root.
enum Fixtures {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // GuitaiCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root

    static func resourceText(_ relativePath: String) -> String {
        let url = packageRoot.appendingPathComponent("Resources").appendingPathComponent(relativePath)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("missing resource \(url.path)")
        }
        return text
    }

    static let presetIDs = ["xizang-2023", "zhuzhou-2020", "neimenggu-2021", "shanxi-2021", "jilin-2022"]

    static func policyText(_ id: String) -> String { resourceText("policies/\(id).policy") }

    /// A reader that resolves `extends = other-id` from Resources/policies.
    static let reader = PolicyReader(baseLookup: { id in
        let url = Fixtures.packageRoot.appendingPathComponent("Resources/policies/\(id).policy")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return (text: text, file: "\(id).policy")
    })

    static func loadPolicy(_ id: String) throws(PolicyError) -> Policy {
        try reader.read(policyText(id), file: "\(id).policy")
    }

    static let divisions = DivisionTable(tsv: resourceText("divisions/gb2260.tsv"))

    // `try!` is deliberate: a preset that does not parse fails PolicyReaderTests with the line named,
    // and every settlement test depends on these two.
    static let xizang: Policy = try! loadPolicy("xizang-2023")
    static let zhuzhou: Policy = try! loadPolicy("zhuzhou-2020")
    /// The 2023 numbers with the national waiting period of 2025.
    static let xizang2025: Policy = try! loadPolicy("xizang-2025")

    /// Every shipped preset, with xizang-2023 as the hall default.
    static func library() throws(PolicyError) -> PolicyLibrary {
        var policies: [Policy] = []
        for id in presetIDs { policies.append(try loadPolicy(id)) }
        return PolicyLibrary(policies: policies, defaultID: "xizang-2023")
    }

    // MARK: dates and people

    static func day(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { fatalError("bad fixture date \(iso)") }
        return date
    }

    /// The business date every ID test validates on.
    static let today = day("2024-06-01")

    static let lhasaChengguan = "540102"  // 西藏自治区拉萨市城关区
    static let zhuzhouHetang = "430202"   // 湖南省株洲市荷塘区

    static func person(_ name: String, born: String, region: String = lhasaChengguan, sequence: Int = 11,
                       groups: [GroupMembership] = [], isStudent: Bool = false) -> Person {
        guard let id = ResidentID(stored: GB11643.number(region: region, birth: born, sequence: sequence)) else {
            fatalError("fixture number \(region) \(born) \(sequence) is not a valid ID number")
        }
        return Person(id: id, name: name, isStudent: isStudent, groups: groups)
    }

    static func member(_ group: SpecialGroup, from: String = "2000-01-01", to: String? = nil) -> GroupMembership {
        GroupMembership(group: group, from: day(from), to: to.map(day))
    }

    /// 扎西·平措, a 43-year-old herder in Lhasa with no special group.
    static let tashi = person("扎西·平措", born: "1980-05-12", sequence: 11)
    /// 卓玛, 33, female.
    static let drolma = person("卓玛", born: "1990-03-08", sequence: 22)
    /// 次仁, 28, a flexible worker (灵活就业).
    static let tsering = person("次仁", born: "1995-09-30", sequence: 33, groups: [member(.flexible)])

    static let employer = SocialCreditCode.compose("91540100MA6T00001")

    // MARK: bills and covers

    static func item(_ name: String, _ category: ItemCategory, fen: Int64) -> BillItem {
        BillItem(name: name, category: category, amount: Money(fen: fen))
    }

    static func item(_ name: String, _ category: ItemCategory, yuan: Int64) -> BillItem {
        BillItem(name: name, category: category, amount: .yuan(yuan))
    }

    static func bill(_ date: String, _ visit: VisitType, _ level: HospitalLevel, major: Bool = false,
                     _ items: BillItem...) -> Bill {
        Bill(date: day(date), visit: visit, level: level, major: major, items: items)
    }

    static let resident = MedicalCover.covered(scheme: .residentMedical, status: nil, regionCode: lhasaChengguan)
    static let employeeInService = MedicalCover.covered(scheme: .employeeMedical, status: .inService, regionCode: lhasaChengguan)
    static let employeeRetired = MedicalCover.covered(scheme: .employeeMedical, status: .retired, regionCode: lhasaChengguan)
    static let zhuzhouResident = MedicalCover.covered(scheme: .residentMedical, status: nil, regionCode: zhuzhouHetang)
    static let zhuzhouEmployee = MedicalCover.covered(scheme: .employeeMedical, status: .inService, regionCode: zhuzhouHetang)

    static func fen(_ value: Int64) -> Money { Money(fen: value) }
    static func yuan(_ value: Int64) -> Money { .yuan(value) }
}

/// Year-to-date accumulators written out by hand (in fen).
func ytd(deductibleUsed: [VisitType: Int64] = [:], basicPaid: [VisitType: Int64] = [:], ciBase: Int64 = 0,
         ciPaid: Int64 = 0, ciInCombinedCap: Int64? = nil, assistancePaid: Int64 = 0) -> YearToDate {
    var y = YearToDate()
    for (visit, fen) in deductibleUsed { y.annualDeductibleUsed[visit] = Money(fen: fen) }
    for (visit, fen) in basicPaid { y.basicPaid[visit] = Money(fen: fen) }
    y.criticalIllnessBase = Money(fen: ciBase)
    y.criticalIllnessPaid = Money(fen: ciPaid)
    y.criticalIllnessInCombinedCap = Money(fen: ciInCombinedCap ?? ciPaid)
    y.assistancePaid = Money(fen: assistancePaid)
    return y
}

/// Settles on a preset; a throw fails the calling test.
func settle(_ bill: Bill, _ cover: MedicalCover, groups: Set<SpecialGroup> = [], policy: Policy = Fixtures.xizang,
            ytd: YearToDate = YearToDate()) throws -> SettlementResult {
    try SettlementEngine.settle(bill, cover: cover, groups: groups, policy: policy, yearToDate: ytd)
}

/// The refusal a throwing call ends with, or nil when it succeeded.
func refusal<T>(_ body: () throws(DomainError) -> T) -> DomainError? {
    do { _ = try body(); return nil } catch { return error }
}
