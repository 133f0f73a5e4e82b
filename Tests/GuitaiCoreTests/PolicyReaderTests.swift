import Foundation
import Testing
import GuitaiCore

/// Policy files: policies.md presets, `key = value | source`, `extends`, and refusals with line and problem.
@Suite("Policy reader")
struct PolicyReaderTests {
    let xizangText = Fixtures.policyText("xizang-2023")

    /// 1-based number of the first line of `text` that starts with `prefix` (after indentation).
    func line(of prefix: String, in text: String, after section: String? = nil) -> Int {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var start = 0
        if let section { start = lines.firstIndex(of: section)! }
        let index = lines[start...].firstIndex { $0.trimmingSpaces.hasPrefix(prefix) }!
        return index + 1
    }

    func replacing(_ old: String, with new: String, in text: String) -> String {
        precondition(text.contains(old), "fixture text lacks \(old)")
        guard let range = text.range(of: old) else { return text }
        return text.replacingCharacters(in: range, with: new)
    }

    func refusal(_ text: String, file: String = "xizang-2023.policy") -> PolicyError? {
        do { _ = try Fixtures.reader.read(text, file: file); return nil } catch { return error }
    }

    // MARK: the shipped presets

    @Test("every shipped preset parses", arguments: Fixtures.presetIDs)
    func presetParses(id: String) throws {
        let policy = try Fixtures.loadPolicy(id)
        #expect(policy.id == id)
        // six basic rows: employee outpatient ×2, employee inpatient ×2, resident outpatient, resident inpatient
        #expect(policy.basic.count == 6)
        #expect(policy.criticalIllness != nil)
    }

    @Test("xizang-2023 carries the numbers of policies.md")
    func xizangNumbers() throws {
        let p = Fixtures.xizang
        #expect(p.title == "西藏自治区 2023")
        #expect(p.regionPrefixes == ["54"])
        #expect(p.year == 2023)
        #expect(p.bPrepayShare.value == .percent(10))
        #expect(p.bPrepayShare.isIllustrative)

        let empOut = try #require(p.basicRule(for: BasicRowKey(scheme: .employeeMedical, visit: .outpatient, status: .inService)))
        #expect(empOut.scope.value == .annual)
        #expect(empOut.deductible(at: .one) == .yuan(200))
        #expect(empOut.ratio.value == [.percent(80), .percent(70), .percent(60)])
        #expect(empOut.cap.value == .yuan(5_000))
        #expect(empOut.cap.source.hasPrefix("seed: Tibet 2023"))
        #expect(!empOut.cap.isIllustrative)

        let retiredOut = try #require(p.basicRule(for: BasicRowKey(scheme: .employeeMedical, visit: .outpatient, status: .retired)))
        #expect(retiredOut.deductible(at: .two) == .yuan(140))

        let resIn = try #require(p.basicRule(for: BasicRowKey(scheme: .residentMedical, visit: .inpatient)))
        #expect(resIn.scope.value == .perVisit)
        #expect(resIn.deductible.value == [.yuan(100), .yuan(300), .yuan(600)])
        #expect(resIn.cap.value == .yuan(250_000))

        let ci = try #require(p.criticalIllness)
        #expect(ci.applies(to: .residentMedical, visit: .inpatient))
        #expect(!ci.applies(to: .residentMedical, visit: .outpatient))
        #expect(!ci.applies(to: .employeeMedical, visit: .inpatient))
        #expect(ci.threshold.value == .yuan(10_000))
        #expect(ci.bands.value == [
            CriticalIllnessBand(lower: .zero, upper: .yuan(50_000), ratio: .percent(60)),
            CriticalIllnessBand(lower: .yuan(50_000), upper: .yuan(100_000), ratio: .percent(65)),
            CriticalIllnessBand(lower: .yuan(100_000), upper: nil, ratio: .percent(70)),
        ])
        #expect(ci.cap.value == .yuan(400_000))
        #expect(ci.tiltedGroups.value == [.tekun, .dibao, .fanpin])
        #expect(ci.tiltedThresholdShare.value == .percent(50))
        #expect(ci.tiltedRatioBonus.value == .percent(5))
        #expect(ci.tiltedCap.value == nil)

        #expect(p.assistance.ratios[.tekun]?.value == .percent(90))
        #expect(p.assistance.ratios[.dibao]?.value == .percent(70))
        #expect(p.assistance.ratios[.fanpin]?.value == .percent(60))
        #expect(p.assistance.ratios[.border]?.value == .percent(90))
        #expect(p.assistance.cap.value == .yuan(150_000))
        #expect(p.assistance.majorCap.value == .yuan(300_000))

        #expect(p.medicalContribution.individual.value == .yuan(380))
        #expect(p.medicalContribution.groupAmounts[.border]?.value == .zero)
        #expect(p.medicalContribution.groupAmounts[.dibao]?.value == .yuan(190))
        #expect(p.medicalContribution.fiscalSubsidy.value == .yuan(645))
        #expect(p.pension.paidOnBehalfGroups.value == [.disabled, .tekun, .dibao])
        // Policies before 2025 have no waiting period; xizang-2025 brings the national rule.
        #expect(p.waitingPeriod.appliesFrom.value == nil)
        #expect(Fixtures.xizang2025.waitingPeriod.appliesFrom.value == Fixtures.day("2025-01-01"))
        #expect(p.combinedCaps.isEmpty)
    }

    @Test("zhuzhou-2020 inherits xizang's outpatient rows and sets its own threshold, rows and combined caps")
    func zhuzhouInherits() throws {
        let z = Fixtures.zhuzhou, x = Fixtures.xizang
        #expect(z.id == "zhuzhou-2020")
        #expect(z.title == "湖南省株洲市 2020")
        #expect(z.regionPrefixes == ["4302"])
        #expect(z.year == 2020)
        for key in [BasicRowKey(scheme: .residentMedical, visit: .outpatient),
                    BasicRowKey(scheme: .employeeMedical, visit: .outpatient, status: .inService),
                    BasicRowKey(scheme: .employeeMedical, visit: .outpatient, status: .retired)] {
            let inherited = try #require(z.basic[key], "zhuzhou lacks \(key)")
            #expect(inherited == x.basic[key])
        }
        let ci = try #require(z.criticalIllness)
        #expect(ci.threshold.value == .yuan(15_000))
        #expect(ci.bands == x.criticalIllness?.bands)
        #expect(ci.cap.value == .yuan(400_000))
        #expect(z.assistance == x.assistance)

        let resIn = try #require(z.basic[BasicRowKey(scheme: .residentMedical, visit: .inpatient)])
        #expect(resIn.deductible.value == [.yuan(200), .yuan(500), .yuan(1_000)])
        #expect(resIn.ratio.value == [.percent(85), .percent(75), .percent(65)])
        #expect(resIn.cap.value == nil)
        let empIn = try #require(z.basic[BasicRowKey(scheme: .employeeMedical, visit: .inpatient, status: .retired)])
        #expect(empIn.ratio.value == [.percent(95), .percent(92), .percent(90)])
        #expect(empIn.cap.value == nil)

        #expect(z.combinedCaps[.residentMedical] == CombinedCap(amount: Sourced(.yuan(450_000), source: "seed: Zhuzhou"),
                                                                includesCriticalIllness: true))
        #expect(z.combinedCaps[.employeeMedical]?.amount.value == .yuan(400_000))
        #expect(z.combinedCaps[.employeeMedical]?.includesCriticalIllness == false)
        #expect(z.pension.monthlyBasicPension.value == .yuan(103))
        #expect(z.notes["unemployment-benefit-monthly"]?.value == "1530")
    }

    @Test("the other presets carry their seed numbers")
    func otherPresets() throws {
        let shanxi = try Fixtures.loadPolicy("shanxi-2021")
        #expect(shanxi.basic[BasicRowKey(scheme: .residentMedical, visit: .outpatient)]?.cap.value == .yuan(200))
        #expect(shanxi.medicalContribution.individual.value == .yuan(280))
        #expect(shanxi.medicalContribution.fiscalSubsidy.value == .yuan(550))
        let jilin = try Fixtures.loadPolicy("jilin-2022")
        #expect(jilin.medicalContribution.individual.value == .yuan(370))
        #expect(jilin.pension.monthlyBasicPension.value == .yuan(113))
        let nmg = try Fixtures.loadPolicy("neimenggu-2021")
        #expect(nmg.basic[BasicRowKey(scheme: .residentMedical, visit: .inpatient)]?.ratio.value == [.percent(70), .percent(70), .percent(70)])
        #expect(nmg.basic[BasicRowKey(scheme: .employeeMedical, visit: .inpatient, status: .inService)]?.ratio.value.first == .percent(85))
    }

    @Test("the library picks a preset by region prefix and year, else the hall default")
    func librarySelection() throws {
        let lib = try Fixtures.library()
        #expect(lib.select(regionCode: "540102", year: 2023)?.policy.id == "xizang-2023")
        #expect(lib.select(regionCode: "430202", year: 2020)?.policy.id == "zhuzhou-2020")
        #expect(lib.select(regionCode: "140105", year: 2021)?.policy.id == "shanxi-2021")
        let other = try #require(lib.select(regionCode: "110105", year: 2023))
        #expect(other.policy.id == "xizang-2023")
        #expect(other.isHallDefault)
        #expect(lib.select(regionCode: "540102", year: 2023)?.isHallDefault == false)
    }

    // MARK: refusals

    @Test("a parameter without a source is refused on its line")
    func missingSource() throws {
        let text = replacing("b-prepay-share = 10% | illustrative", with: "b-prepay-share = 10%", in: xizangText)
        let error = try #require(refusal(text))
        #expect(error.line == line(of: "b-prepay-share", in: text))
        #expect(error.file == "xizang-2023.policy")
        #expect(error.problem.en.contains("no source"))
        #expect(error.problem.zh.contains("来源"))
    }

    @Test("an empty source after | is refused on its line")
    func emptySource() throws {
        let text = replacing("b-prepay-share = 10% | illustrative", with: "b-prepay-share = 10% |", in: xizangText)
        let error = try #require(refusal(text))
        #expect(error.line == line(of: "b-prepay-share", in: text))
        #expect(error.problem.en.contains("source"))
    }

    @Test("a bad percentage is refused on its line", arguments: ["80% 70 60%", "80% 170% 60%", "80% 70% 6O%"])
    func badPercentage(ratios: String) throws {
        let text = replacing("ratio = 80% 70% 60%", with: "ratio = \(ratios)", in: xizangText)
        let error = try #require(refusal(text))
        #expect(error.line == line(of: "ratio = \(ratios)", in: text))
        #expect(error.problem.en.contains("is not a percentage"))
    }

    @Test("two ratios where one or three are needed are refused")
    func ratioCount() throws {
        let text = replacing("ratio = 80% 70% 60%", with: "ratio = 80% 70%", in: xizangText)
        let error = try #require(refusal(text))
        #expect(error.line == line(of: "ratio = 80% 70%", in: text))
        #expect(error.problem.en.contains("hospital level"))
    }

    @Test("an unknown key is refused on its line, naming it")
    func unknownKey() throws {
        let text = replacing("[settlement]\n", with: "[settlement]\nrounding = half-up | illustrative\n", in: xizangText)
        let error = try #require(refusal(text))
        #expect(error.line == line(of: "rounding", in: text))
        #expect(error.problem.en.contains("unknown parameter settlement.rounding"))
    }

    @Test("a misspelt key is refused as unknown even in an inheriting file")
    func unknownKeyInChild() throws {
        let child = """
        [policy]
        id = lhasa-test
        regions = 5401
        year = 2023
        extends = xizang-2023

        [critical-illness]
        treshold = 12000 | illustrative
        """
        let error = try #require(refusal(child, file: "lhasa-test.policy"))
        #expect(error.file == "lhasa-test.policy")
        #expect(error.line == 8)
        #expect(error.problem.en.contains("critical-illness.treshold"))
    }

    @Test("a key given twice in a section is refused on the second line")
    func duplicateKey() throws {
        let text = replacing("b-prepay-share = 10% | illustrative\n",
                             with: "b-prepay-share = 10% | illustrative\nb-prepay-share = 15% | illustrative\n", in: xizangText)
        let first = line(of: "b-prepay-share", in: text)
        let error = try #require(refusal(text))
        #expect(error.line == first + 1)
        #expect(error.problem.en.contains("b-prepay-share appears twice in [settlement]"))
    }

    @Test("bands with a gap, an overlap, an open middle or a bad shape are refused on the bands line", arguments: [
        "0-50000 60%, 60000-100000 65%, 100000- 70%",
        "0-50000 60%, 40000-100000 65%, 100000- 70%",
        "0-50000 60%, 50000- 65%, 100000- 70%",
        "1000-50000 60%, 50000-100000 65%, 100000- 70%",
        "0-50000 60% 50000-100000 65%",
        "0-50000 60%, 50000-100000 165%, 100000- 70%",
    ])
    func badBands(bands: String) throws {
        let text = replacing("bands = 0-50000 60%, 50000-100000 65%, 100000- 70%", with: "bands = \(bands)", in: xizangText)
        let error = try #require(refusal(text))
        #expect(error.line == line(of: "bands", in: text))
    }

    @Test("a missing required parameter is refused at line 0, naming it and its section")
    func missingParameter() throws {
        let text = replacing("major-cap = 300000 | seed: Tibet\n", with: "", in: xizangText)
        let error = try #require(refusal(text))
        #expect(error.line == 0)
        #expect(error.problem.en.contains("major-cap"))
        #expect(error.problem.en.contains("[assistance]"))
        #expect(error.description == "xizang-2023.policy: \(error.problem.en)")
    }

    @Test("a pension subsidy below the national minimum is refused on its line", arguments: [
        ("subsidy-below-500 = 30 | national minimum", "subsidy-below-500 = 20 | illustrative"),
        ("subsidy-from-500 = 60 | national minimum", "subsidy-from-500 = 59.99 | illustrative"),
    ])
    func subsidyBelowMinimum(old: String, new: String) throws {
        let text = replacing(old, with: new, in: xizangText)
        let error = try #require(refusal(text))
        #expect(error.line == line(of: new, in: text))
        #expect(error.problem.en.contains("below the national minimum"))
    }

    @Test("a subsidy above the minimum is accepted")
    func subsidyAboveMinimum() throws {
        let text = replacing("subsidy-below-500 = 30 | national minimum", with: "subsidy-below-500 = 45 | seed: region", in: xizangText)
        let policy = try Fixtures.reader.read(text, file: "x.policy")
        #expect(policy.pension.subsidy(for: .yuan(300)).value == .yuan(45))
        #expect(policy.pension.subsidy(for: .yuan(500)).value == .yuan(60))
    }

    @Test("an amount with three decimals is refused on its line")
    func badAmount() throws {
        let text = replacing("cap = 150000 | seed: Tibet", with: "cap = 150000.005 | seed: Tibet", in: xizangText)
        let error = try #require(refusal(text))
        #expect(error.line == line(of: "cap = 150000.005", in: text))
        #expect(error.problem.en.contains("not an amount"))
    }

    @Test("a policy extending one that does not exist is refused on the extends line")
    func missingBase() throws {
        let text = """
        # a child of nothing
        [policy]
        id = nowhere-2023
        regions = 65
        year = 2023
        extends = nowhere-2022
        """
        let error = try #require(refusal(text, file: "nowhere-2023.policy"))
        #expect(error.line == 6)
        #expect(error.problem.en.contains("nowhere-2022"))
    }

    @Test("a line without = and a parameter before any section are refused")
    func syntax() throws {
        let noEquals = replacing("b-prepay-share = 10% | illustrative", with: "b-prepay-share 10% | illustrative", in: xizangText)
        let e1 = try #require(refusal(noEquals))
        #expect(e1.line == line(of: "b-prepay-share", in: noEquals))
        let e2 = try #require(refusal("id = x | y\n[policy]\n"))
        #expect(e2.line == 1)
    }

    @Test("the refusal reads as a domain error naming the file and line")
    func asDomainError() throws {
        let text = replacing("b-prepay-share = 10% | illustrative", with: "b-prepay-share = 10%", in: xizangText)
        let error = try #require(refusal(text))
        let domain = error.asDomainError
        #expect(domain.code == "bad-policy")
        #expect(domain.message.en.contains("xizang-2023.policy, line \(error.line)"))
        #expect(domain.message.zh.contains("第\(error.line)行"))
    }
}
