import Testing
import GuitaiCore

/// Enrolment (参保登记), domain.md §1: duplicates, exclusive pairs, eligibility, contributions, pension overlap.
@Suite("Enrolment rules")
struct EnrolmentRulesTests {
    typealias F = Fixtures
    let policy = Fixtures.xizang

    func plan(_ request: EnrolmentRequest, _ person: Person, existing: [Enrolment] = []) throws(DomainError) -> EnrolmentPlan {
        // The policy in force on the start date, as the desk chooses it: the 2025 file from 2025 on.
        try EnrolmentRules.plan(request, person: person, existing: existing,
                                policy: request.from.year >= 2025 ? Fixtures.xizang2025 : policy, businessDate: request.from)
    }

    func refused(_ request: EnrolmentRequest, _ person: Person, existing: [Enrolment] = []) -> DomainError? {
        refusal { () throws(DomainError) in try plan(request, person, existing: existing) }
    }

    func enrolled(_ scheme: Scheme, since: String, status: EnrolmentStatus = .active, to: String? = nil,
                  grade: Int64? = nil, employment: EmploymentStatus? = nil) -> Enrolment {
        Enrolment(scheme: scheme, status: status, regionCode: F.lhasaChengguan, from: F.day(since), to: to.map(F.day),
                  employmentStatus: employment, employer: nil, grade: grade.map(Money.yuan))
    }

    // MARK: duplicates and exclusive pairs

    @Test("the same scheme twice is refused, naming the existing enrolment and its date")
    func duplicateSameScheme() throws {
        let existing = [enrolled(.residentMedical, since: "2021-01-01")]
        let why = try #require(refused(EnrolmentRequest(scheme: .residentMedical, from: F.day("2023-09-15")), F.drolma, existing: existing))
        #expect(why.code == "duplicate-enrolment")
        #expect(why.kind == .refused)
        #expect(why.message.zh.contains("城乡居民基本医疗保险"))
        #expect(why.message.zh.contains("2021-01-01"))
        #expect(why.message.zh.contains("540102"))
        #expect(why.message.en.contains("resident basic medical insurance"))
        #expect(why.message.en.contains("since 2021-01-01"))
    }

    @Test("a suspended enrolment still counts; a terminated one does not")
    func duplicateCountsOpenOnly() throws {
        let suspended = [enrolled(.residentPension, since: "2016-01-01", status: .suspended, grade: 200)]
        #expect(refused(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01"), grade: .yuan(300)), F.tashi,
                        existing: suspended)?.code == "duplicate-enrolment")
        let terminated = [enrolled(.residentPension, since: "2016-01-01", status: .terminated, to: "2020-12-31", grade: 200)]
        let p = try plan(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01"), grade: .yuan(300)), F.tashi,
                         existing: terminated)
        #expect(p.enrolment.scheme == .residentPension)
    }

    @Test("the other scheme of an exclusive pair is refused without an explicit switch")
    func exclusivePairRefused() throws {
        // 扎西·平措 pays the resident pension and takes a job
        let existing = [enrolled(.residentPension, since: "2015-07-01", grade: 300)]
        let request = EnrolmentRequest(scheme: .employeePension, from: F.day("2023-07-01"), employer: F.employer)
        let why = try #require(refused(request, F.tashi, existing: existing))
        #expect(why.code == "duplicate-enrolment")
        #expect(why.message.zh.contains("城乡居民基本养老保险"))
        #expect(why.message.zh.contains("2015-07-01"))
        #expect(why.message.en.contains("--switch"))

        let medical = [enrolled(.employeeMedical, since: "2019-01-01", employment: .inService)]
        #expect(refused(EnrolmentRequest(scheme: .residentMedical, from: F.day("2023-01-01")), F.tashi, existing: medical)?.code
                == "duplicate-enrolment")
    }

    @Test("with the switch the plan ends the partner scheme the day before")
    func exclusivePairSwitch() throws {
        let existing = [enrolled(.residentMedical, since: "2018-01-01")]
        // 次仁 starts employee medical on 2024-03-01: resident medical ends 2024-02-29 (leap year)
        let p = try plan(EnrolmentRequest(scheme: .employeeMedical, from: F.day("2024-03-01"), employer: F.employer, switchPair: true),
                         F.tsering, existing: existing)
        #expect(p.ends?.scheme == .residentMedical)
        #expect(p.ends?.on == F.day("2024-02-29"))
        #expect(p.enrolment.scheme == .employeeMedical)
        #expect(p.enrolment.from == F.day("2024-03-01"))
        #expect(p.enrolment.employmentStatus == .inService)
        #expect(p.enrolment.employer == F.employer)
    }

    @Test("a switch dated on or before the partner's start is refused")
    func switchBeforePartnerStart() {
        let existing = [enrolled(.residentMedical, since: "2024-03-01")]
        let why = refused(EnrolmentRequest(scheme: .employeeMedical, from: F.day("2024-03-01"), employer: F.employer, switchPair: true),
                          F.tsering, existing: existing)
        #expect(why?.code == "bad-date")
    }

    @Test("a switch does not override a duplicate of the same scheme")
    func switchStillRefusesSameScheme() {
        let existing = [enrolled(.employeeMedical, since: "2020-01-01", employment: .inService)]
        let why = refused(EnrolmentRequest(scheme: .employeeMedical, from: F.day("2024-03-01"), employer: F.employer, switchPair: true),
                          F.tsering, existing: existing)
        #expect(why?.code == "duplicate-enrolment")
    }

    @Test("an enrolment before the birth date is refused")
    func beforeBirth() {
        #expect(refused(EnrolmentRequest(scheme: .residentMedical, from: F.day("1989-01-01")), F.drolma)?.code == "impossible-date")
    }

    // MARK: eligibility

    @Test("the resident pension needs an age of 16")
    func residentPensionUnder16() throws {
        // 央金, born 2008-09-01: 14 on 2023-03-01
        let child = F.person("央金", born: "2008-09-01", sequence: 42)
        let why = try #require(refused(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01")), child))
        #expect(why.code == "not-eligible")
        #expect(why.message.zh.contains("16"))
        #expect(why.message.en.contains("this person is 14"))
        // on her 16th birthday she may join
        #expect(try plan(EnrolmentRequest(scheme: .residentPension, from: F.day("2024-09-01")), child).enrolment.scheme == .residentPension)
    }

    @Test("a full-time student cannot join the resident pension")
    func studentRefused() {
        // 格桑, 19, at university
        let student = F.person("格桑", born: "2004-02-02", sequence: 51, isStudent: true)
        let why = refused(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01")), student)
        #expect(why?.code == "not-eligible")
        #expect(why?.message.zh.contains("学生") == true)
    }

    @Test("children and students may join resident medical insurance")
    func residentMedicalForChildren() throws {
        let baby = F.person("小卓玛", born: "2023-01-20", sequence: 62)
        #expect(try plan(EnrolmentRequest(scheme: .residentMedical, from: F.day("2023-02-01")), baby).enrolment.scheme == .residentMedical)
        let student = F.person("格桑", born: "2004-02-02", sequence: 51, isStudent: true)
        #expect(try plan(EnrolmentRequest(scheme: .residentMedical, from: F.day("2023-02-01")), student).enrolment.scheme == .residentMedical)
    }

    @Test("employee pension and medical need an employer or flexible-worker status", arguments: [Scheme.employeePension, .employeeMedical])
    func employeeSchemesNeedEmployer(scheme: Scheme) throws {
        let why = try #require(refused(EnrolmentRequest(scheme: scheme, from: F.day("2023-07-01")), F.tashi))
        #expect(why.code == "not-eligible")
        #expect(why.message.en.contains("employer"))
        // with an employer
        let withEmployer = try plan(EnrolmentRequest(scheme: scheme, from: F.day("2023-07-01"), employer: F.employer), F.tashi)
        #expect(withEmployer.enrolment.employer == F.employer)
        // 次仁 is a flexible worker
        #expect(try plan(EnrolmentRequest(scheme: scheme, from: F.day("2023-07-01")), F.tsering).enrolment.scheme == scheme)
        // a platform worker counts too
        let rider = F.person("拉巴", born: "1998-12-12", sequence: 73, groups: [F.member(.platform)])
        #expect(try plan(EnrolmentRequest(scheme: scheme, from: F.day("2023-07-01")), rider).enrolment.scheme == scheme)
    }

    @Test("flexible-worker status counts only while it is valid")
    func flexibleStatusByDate() {
        let former = F.person("拉巴", born: "1998-12-12", sequence: 73, groups: [F.member(.flexible, from: "2020-01-01", to: "2022-12-31")])
        #expect(refused(EnrolmentRequest(scheme: .employeePension, from: F.day("2023-07-01")), former)?.code == "not-eligible")
    }

    @Test("unemployment and work-injury insurance need an employer, even for a flexible worker", arguments: [Scheme.unemployment, .workInjury])
    func employerOnlySchemes(scheme: Scheme) throws {
        let why = try #require(refused(EnrolmentRequest(scheme: scheme, from: F.day("2023-07-01")), F.tsering))
        #expect(why.code == "not-eligible")
        #expect(why.message.en.contains("through an employer only"))
        #expect(try plan(EnrolmentRequest(scheme: scheme, from: F.day("2023-07-01"), employer: F.employer), F.tashi).enrolment.scheme == scheme)
    }

    @Test("maternity insurance needs active employee medical insurance")
    func maternity() throws {
        let request = EnrolmentRequest(scheme: .maternity, from: F.day("2023-07-01"), employer: F.employer)
        #expect(refused(request, F.drolma)?.code == "not-eligible")
        #expect(refused(request, F.drolma, existing: [enrolled(.residentMedical, since: "2020-01-01")])?.code == "not-eligible")
        let suspended = [enrolled(.employeeMedical, since: "2020-01-01", status: .suspended, employment: .inService)]
        #expect(refused(request, F.drolma, existing: suspended)?.code == "not-eligible")
        let active = [enrolled(.employeeMedical, since: "2020-01-01", employment: .inService)]
        #expect(try plan(request, F.drolma, existing: active).enrolment.scheme == .maternity)
    }

    @Test("the employer code used in fixtures is a valid unified social credit code")
    func employerCode() throws {
        #expect(F.employer.value.count == 18)
        #expect(try SocialCreditCode.parse(F.employer.value.lowercased()).get() == F.employer)
        // change the check character: refused, naming the right one
        let last = F.employer.value.last!
        let wrong = String(F.employer.value.dropLast()) + (last == "0" ? "1" : "0")
        if case .failure(let why) = SocialCreditCode.parse(wrong) {
            #expect(why.code == "bad-employer-code")
            #expect(why.message.en.contains("should be \(last)"))
        } else {
            Issue.record("a wrong check character was accepted")
        }
    }

    // MARK: resident pension grades

    @Test("an unknown grade is refused, listing the grades")
    func unknownGrade() throws {
        let why = try #require(refused(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01"), grade: .yuan(350)), F.tashi))
        #expect(why.code == "bad-grade")
        #expect(why.message.zh.contains("100、200、300、400、500、600、700、800、900、1000、1500、2000"))
        #expect(why.message.en.contains("350"))
    }

    @Test("the subsidy is 30 yuan below grade 500 and 60 from 500", arguments: [
        (100 as Int64, 30 as Int64), (300, 30), (400, 30), (500, 60), (1_000, 60), (2_000, 60),
    ])
    func pensionSubsidy(grade: Int64, subsidy: Int64) throws {
        let p = try plan(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01"), grade: .yuan(grade)), F.tashi)
        let quote = try #require(p.contribution)
        #expect(quote.yearly == .yuan(grade))
        #expect(quote.personal == .yuan(grade))
        #expect(quote.subsidy == .yuan(subsidy))
        #expect(quote.paidOnBehalf == .zero)
        #expect(p.enrolment.grade == .yuan(grade))
    }

    @Test("without a grade the lowest (100) is taken")
    func defaultGrade() throws {
        let p = try plan(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01")), F.tashi)
        #expect(p.contribution?.yearly == .yuan(100))
        #expect(p.enrolment.grade == .yuan(100))
    }

    @Test("for disabled, tekun and dibao people the government pays the lowest grade", arguments: [SpecialGroup.disabled, .tekun, .dibao])
    func paidOnBehalf(group: SpecialGroup) throws {
        let person = F.person("次仁·多吉", born: "1960-10-10", sequence: 81, groups: [F.member(group)])
        let lowest = try #require(try plan(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01")), person).contribution)
        // grade 100: all paid on their behalf, nothing personal
        #expect(lowest.yearly == .yuan(100))
        #expect(lowest.paidOnBehalf == .yuan(100))
        #expect(lowest.personal == .zero)
        #expect(lowest.rule.zh.contains(group.label.zh))
        // choosing grade 500: 100 paid on their behalf, 400 personal, subsidy 60
        let higher = try #require(try plan(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01"), grade: .yuan(500)), person).contribution)
        #expect(higher.paidOnBehalf == .yuan(100))
        #expect(higher.personal == .yuan(400))
        #expect(higher.subsidy == .yuan(60))
    }

    @Test("fanpin and border-line residents pay their own pension grade")
    func notPaidOnBehalf() throws {
        let person = F.person("达瓦", born: "1970-01-15", sequence: 91, groups: [F.member(.fanpin), F.member(.border)])
        let quote = try #require(try plan(EnrolmentRequest(scheme: .residentPension, from: F.day("2023-03-01"), grade: .yuan(200)), person).contribution)
        #expect(quote.personal == .yuan(200))
        #expect(quote.paidOnBehalf == .zero)
    }

    // MARK: resident medical contribution

    @Test("resident medical: 380 a year, dibao 190, border 0, tekun 0; fiscal subsidy 645", arguments: [
        ([], 380), ([.dibao], 190), ([.border], 0), ([.tekun], 0), ([.fanpin], 380), ([.dibao, .tekun], 0),
    ] as [([SpecialGroup], Int64)])
    func medicalContribution(groups: [SpecialGroup], personal: Int64) throws {
        let person = F.person("卓玛", born: "1990-03-08", sequence: 22, groups: groups.map { F.member($0) })
        let quote = try #require(try plan(EnrolmentRequest(scheme: .residentMedical, from: F.day("2023-10-01")), person).contribution)
        #expect(quote.yearly == .yuan(380))
        #expect(quote.personal == .yuan(personal))
        // 380 − personal is paid on their behalf
        #expect(quote.paidOnBehalf == .yuan(380 - personal))
        #expect(quote.subsidy == .yuan(645))
    }

    @Test("a group that has ended no longer lowers the contribution")
    func expiredGroup() throws {
        let person = F.person("卓玛", born: "1990-03-08", sequence: 22, groups: [F.member(.dibao, from: "2019-01-01", to: "2022-12-31")])
        let quote = try #require(try plan(EnrolmentRequest(scheme: .residentMedical, from: F.day("2023-10-01")), person).contribution)
        #expect(quote.personal == .yuan(380))
    }

    @Test("a 2023 resident medical enrolment has no waiting period under xizang-2023")
    func noWaitingBefore2025() throws {
        let p = try plan(EnrolmentRequest(scheme: .residentMedical, from: F.day("2023-04-01")), F.drolma)
        #expect(p.waitingPeriod?.months == 0)
        #expect(p.enrolment.coverFrom == F.day("2023-04-01"))
    }

    @Test("a 2025 resident medical enrolment outside the window is covered three months later")
    func waitingFrom2025() throws {
        let p = try plan(EnrolmentRequest(scheme: .residentMedical, from: F.day("2025-03-15")), F.drolma)
        #expect(p.waitingPeriod?.months == 3)
        #expect(p.enrolment.coverFrom == F.day("2025-06-15"))
    }

    @Test("a 2025 enrolment after a two-year break waits 3 + 2 months")
    func waitingAfterBreakViaPlan() throws {
        // resident medical ended 2022-12-31; re-enrols 2025-01-15: break from 2023-01-01, 2 whole years
        let existing = [enrolled(.residentMedical, since: "2015-01-01", status: .terminated, to: "2022-12-31")]
        let p = try plan(EnrolmentRequest(scheme: .residentMedical, from: F.day("2025-01-15")), F.drolma, existing: existing)
        #expect(p.waitingPeriod?.months == 5)
        #expect(p.enrolment.coverFrom == F.day("2025-06-15"))
    }

    // MARK: pension overlap

    @Test("months paid to both pension schemes are refunded at grade × months / 12")
    func overlapRefund() {
        // resident grade 300 paid for 2023; employee pension from 2023-07-01: July–December, 6 months
        let r = PensionOverlapRefund.compute(residentFrom: F.day("2015-07-01"), grade: .yuan(300), paidThroughYear: 2023,
                                             employeeFrom: F.day("2023-07-01"))
        #expect(r.months.count == 6)
        #expect(r.months.first == YearMonth(year: 2023, month: 7))
        #expect(r.months.last == YearMonth(year: 2023, month: 12))
        // 30,000 fen × 6 / 12 = 15,000
        #expect(r.amount == F.fen(15_000))
    }

    @Test("the refund is rounded half up once per year")
    func overlapRefundRounding() {
        // grade 200: 20,000 × 4 / 12 = 6,666.67 → 6,667 (September–December)
        let r = PensionOverlapRefund.compute(residentFrom: F.day("2020-01-01"), grade: .yuan(200), paidThroughYear: 2023,
                                             employeeFrom: F.day("2023-09-10"))
        #expect(r.months.count == 4)
        #expect(r.amount == F.fen(6_667))
        // grade 500 paid through 2024, employee from 2023-11-15:
        // 2023: 50,000 × 2 / 12 = 8,333.33 → 8,333; 2024: 50,000 × 12 / 12 = 50,000; total 58,333
        let two = PensionOverlapRefund.compute(residentFrom: F.day("2020-01-01"), grade: .yuan(500), paidThroughYear: 2024,
                                               employeeFrom: F.day("2023-11-15"))
        #expect(two.months.count == 14)
        #expect(two.amount == F.fen(58_333))
    }

    @Test("no overlap when the employee scheme starts after the paid year, or before the resident one began")
    func overlapEdges() {
        let none = PensionOverlapRefund.compute(residentFrom: F.day("2020-01-01"), grade: .yuan(300), paidThroughYear: 2023,
                                                employeeFrom: F.day("2024-02-01"))
        #expect(none.months.isEmpty)
        #expect(none.amount == .zero)
        // resident began 2023-10-01, employee 2023-03-01: only October–December overlap; 30,000 × 3 / 12 = 7,500
        let late = PensionOverlapRefund.compute(residentFrom: F.day("2023-10-01"), grade: .yuan(300), paidThroughYear: 2023,
                                                employeeFrom: F.day("2023-03-01"))
        #expect(late.months.count == 3)
        #expect(late.amount == F.fen(7_500))
    }

    @Test("switching from resident to employee pension plans the overlap refund")
    func overlapRefundViaSwitch() throws {
        // 扎西·平措: resident pension since 2015-07-01 at grade 300; takes a job on 2023-07-01
        let existing = [enrolled(.residentPension, since: "2015-07-01", grade: 300)]
        let p = try plan(EnrolmentRequest(scheme: .employeePension, from: F.day("2023-07-01"), employer: F.employer, switchPair: true),
                         F.tashi, existing: existing)
        #expect(p.ends?.scheme == .residentPension)
        #expect(p.ends?.on == F.day("2023-06-30"))
        let refund = try #require(p.overlapRefund)
        // July–December 2023: 30,000 × 6 / 12 = 15,000
        #expect(refund.months.count == 6)
        #expect(refund.amount == F.fen(15_000))
    }
}
