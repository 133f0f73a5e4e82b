import Testing
import GuitaiCore

/// The resident medical waiting period (待遇等待期), domain.md §1, with xizang-2025's rule:
/// from 2025-01-01; collection window 09-01 to 12-31; 3 months, plus 1 per whole year of break;
/// newborns, tekun, dibao and border-line residents exempt.
@Suite("Medical waiting period")
struct WaitingPeriodTests {
    typealias F = Fixtures
    let rule = Fixtures.xizang2025.waitingPeriod
    /// 卓玛's birth date: an adult.
    let adult = Fixtures.day("1990-03-08")

    func wait(from: String, birth: LocalDate? = nil, groups: Set<SpecialGroup> = [], previousEnd: String? = nil) -> WaitingPeriod {
        WaitingPeriod.compute(rule: rule, from: F.day(from), birth: birth ?? adult, groups: groups,
                              previousMedicalEnd: previousEnd.map(F.day))
    }

    @Test("the preset states the national rule")
    func presetRule() {
        #expect(rule.appliesFrom.value == F.day("2025-01-01"))
        #expect(rule.baseMonths.value == 3)
        #expect(rule.monthsPerBreakYear.value == 1)
        #expect(rule.exemptGroups.value == [.tekun, .dibao, .border])
        #expect(rule.isInWindow(F.day("2025-09-01")))
        #expect(rule.isInWindow(F.day("2025-12-31")))
        #expect(!rule.isInWindow(F.day("2025-08-31")))
    }

    @Test("enrolments before 2025 have no waiting period", arguments: ["2023-03-15", "2024-12-31", "2024-06-01"])
    func before2025(from: String) {
        let w = wait(from: from, previousEnd: "2020-12-31")
        #expect(w.months == 0)
        #expect(w.coverFrom == F.day(from))
    }

    @Test("in 2025, outside the September–December window: covered after 3 months", arguments: [
        ("2025-01-01", "2025-04-01"), ("2025-03-15", "2025-06-15"), ("2025-08-31", "2025-11-30"),
    ])
    func outsideWindow(from: String, cover: String) {
        let w = wait(from: from)
        #expect(w.months == 3)
        #expect(w.coverFrom == F.day(cover))
        #expect(w.reason.en.contains("outside the collection window"))
    }

    @Test("inside the window with no break: no waiting period", arguments: ["2025-09-01", "2025-10-20", "2025-12-31"])
    func insideWindow(from: String) {
        let w = wait(from: from)
        #expect(w.months == 0)
        #expect(w.coverFrom == F.day(from))
    }

    @Test("continuing straight from an earlier enrolment inside the window is not a break")
    func noGapNoBreak() {
        let w = wait(from: "2025-09-01", previousEnd: "2025-08-31")
        #expect(w.months == 0)
    }

    @Test("after a break of 2 whole years: 3 + 2 = 5 months")
    func twoYearBreak() {
        // last cover ended 2022-12-31; break runs from 2023-01-01 to 2025-01-15: 2 whole years
        let w = wait(from: "2025-01-15", previousEnd: "2022-12-31")
        #expect(w.months == 5)
        #expect(w.coverFrom == F.day("2025-06-15"))
        #expect(w.reason.en.contains("2 whole years"))
    }

    @Test("a break waits even inside the collection window")
    func breakInsideWindow() {
        // ended 2023-08-31; break from 2023-09-01 to 2025-10-01: 2 whole years → 5 months
        let w = wait(from: "2025-10-01", previousEnd: "2023-08-31")
        #expect(w.months == 5)
        #expect(w.coverFrom == F.day("2026-03-01"))
    }

    @Test("a break shorter than a year adds nothing to the 3 months")
    func shortBreak() {
        let w = wait(from: "2025-09-15", previousEnd: "2025-03-31")
        #expect(w.months == 3)
        #expect(w.coverFrom == F.day("2025-12-15"))
    }

    @Test("one day short of 2 whole years counts as 1")
    func wholeYearsOnly() {
        // break from 2023-01-16 to 2025-01-15: 1 whole year → 4 months
        let w = wait(from: "2025-01-15", previousEnd: "2023-01-15")
        #expect(w.months == 4)
        #expect(w.coverFrom == F.day("2025-05-15"))
    }

    @Test("a newborn has no waiting period")
    func newborn() {
        // 小卓玛, born 2025-03-01, enrolled 2025-03-20 outside the window
        let w = wait(from: "2025-03-20", birth: F.day("2025-03-01"))
        #expect(w.months == 0)
        #expect(w.coverFrom == F.day("2025-03-20"))
        #expect(w.reason.en.contains("newborn"))
    }

    @Test("tekun, dibao and border-line residents are exempt", arguments: [SpecialGroup.tekun, .dibao, .border])
    func exemptGroups(group: SpecialGroup) {
        let w = wait(from: "2025-03-15", groups: [group], previousEnd: "2021-12-31")
        #expect(w.months == 0)
        #expect(w.coverFrom == F.day("2025-03-15"))
        #expect(w.reason.zh.contains(group.label.zh))
    }

    @Test("other groups are not exempt", arguments: [SpecialGroup.fanpin, .disabled, .flexible])
    func notExempt(group: SpecialGroup) {
        let w = wait(from: "2025-03-15", groups: [group])
        #expect(w.months == 3)
    }

    @Test("a policy without a waiting-period rule never waits")
    func noRule() {
        let w = WaitingPeriod.compute(rule: .none, from: F.day("2026-03-15"), birth: adult, groups: [],
                                      previousMedicalEnd: F.day("2020-01-01"))
        #expect(w.months == 0)
        #expect(w.coverFrom == F.day("2026-03-15"))
    }
}
