import Testing
import GuitaiCore

/// The rolling certification cycle and the monthly payment run (domain.md §3).
@Suite struct CertificationCalendarTests {
    static func day(_ iso: String) -> LocalDate { Fixtures.day(iso) }
    static func month(_ iso: String) -> YearMonth { YearMonth(iso: iso)! }
    static func months(_ list: String...) -> [YearMonth] { list.map(month) }

    /// 1,856.30 yuan a month.
    static let monthly = Money(fen: 185_630)
    static let pension = Benefit(scheme: .residentPension, monthly: monthly, start: month("2023-01"))

    // MARK: next due date

    @Test func nextDueIsTwelveMonthsAfterTheLastCertification() {
        let start = Self.month("2020-01")
        #expect(CertificationCycle.nextDue(lastCertified: Self.day("2023-06-15"), benefitStart: start) == Self.day("2024-06-15"))
        #expect(CertificationCycle.nextDue(lastCertified: Self.day("2023-12-31"), benefitStart: start) == Self.day("2024-12-31"))
        // 2024-02-29 + 12 months: 2025 has no 29 February, so the end of that month.
        #expect(CertificationCycle.nextDue(lastCertified: Self.day("2024-02-29"), benefitStart: start) == Self.day("2025-02-28"))
    }

    @Test func neverCertifiedIsDueTwelveMonthsAfterTheBenefitsFirstDay() {
        // Benefit from 2023-03: first day 2023-03-01 + 12 months = 2024-03-01.
        #expect(CertificationCycle.nextDue(lastCertified: nil, benefitStart: Self.month("2023-03")) == Self.day("2024-03-01"))
        #expect(CertificationCycle.nextDue(lastCertified: nil, benefitStart: Self.month("2022-12")) == Self.day("2023-12-01"))
    }

    // MARK: standing

    @Test func standingMovesFromCurrentToDueSoonToOverdue() {
        let due = Self.day("2024-06-15")
        // Due soon from 30 days before: 2024-06-15 − 30 days = 2024-05-16 (May has 31 days).
        #expect(CertificationCycle.standing(on: Self.day("2024-01-01"), due: due) == .current)
        #expect(CertificationCycle.standing(on: Self.day("2024-05-15"), due: due) == .current)
        #expect(CertificationCycle.standing(on: Self.day("2024-05-16"), due: due) == .dueSoon)
        #expect(CertificationCycle.standing(on: Self.day("2024-06-14"), due: due) == .dueSoon)
        // Overdue on the due date and after.
        #expect(CertificationCycle.standing(on: Self.day("2024-06-15"), due: due) == .overdue)
        #expect(CertificationCycle.standing(on: Self.day("2024-07-01"), due: due) == .overdue)
        #expect(CertificationCycle.standing(on: Self.day("2026-01-01"), due: due) == .overdue)
        #expect(CertificationCycle.dueSoonDays == 30)
    }

    // MARK: validity on the first day of the month

    @Test func validityIsJudgedOnTheFirstDayOfTheMonth() {
        // Certified 2023-06-15 → due 2024-06-15.
        let due = CertificationCycle.nextDue(lastCertified: Self.day("2023-06-15"), benefitStart: Self.month("2020-01"))
        #expect(CertificationCycle.isValid(for: Self.month("2024-05"), due: due))
        // 2024-06-01 is before the due date: June is paid.
        #expect(CertificationCycle.isValid(for: Self.month("2024-06"), due: due))
        // 2024-07-01 is after 2024-06-15: July is not.
        #expect(!CertificationCycle.isValid(for: Self.month("2024-07"), due: due))
        #expect(!CertificationCycle.isValid(for: Self.month("2024-12"), due: due))
        // Due exactly on a first day: that month is already overdue.
        #expect(!CertificationCycle.isValid(for: Self.month("2024-06"), due: Self.day("2024-06-01")))
        #expect(CertificationCycle.isValid(for: Self.month("2024-05"), due: Self.day("2024-06-01")))
    }

    // MARK: payment decisions

    @Test func aValidCertificationPaysTheMonth() {
        let decision = PaymentRun.decide(Self.pension, month: Self.month("2024-06"), dueAtMonthStart: Self.day("2024-06-15"), latestDue: Self.day("2024-06-15"),
                                         paidMonths: [], suspendedMonths: [])
        #expect(decision.paid == Self.monthly)
        #expect(!decision.suspended)
        #expect(decision.backPaidMonths.isEmpty)
        #expect(decision.backPaid == .zero)
    }

    @Test func aLapsedCertificationSuspendsTheMonth() {
        let decision = PaymentRun.decide(Self.pension, month: Self.month("2024-07"), dueAtMonthStart: Self.day("2024-06-15"), latestDue: Self.day("2024-06-15"),
                                         paidMonths: [], suspendedMonths: [])
        #expect(decision.paid == nil)
        #expect(decision.suspended)
        #expect(decision.backPaidMonths.isEmpty)
    }

    @Test func nothingBeforeTheBenefitStarts() {
        let decision = PaymentRun.decide(Self.pension, month: Self.month("2022-12"), dueAtMonthStart: Self.day("2024-06-15"), latestDue: Self.day("2024-06-15"),
                                         paidMonths: [], suspendedMonths: [])
        #expect(decision == .nothing)
    }

    /// Runs month after month as the hall would: the months paid and suspended carry from one run to the next.
    @Test func aLapseSuspendsSeveralMonthsAndRecertificationBackPaysExactlyThose() {
        var paid: Set<YearMonth> = []
        var suspended: Set<YearMonth> = []
        func run(_ m: String, due: LocalDate) -> PaymentDecision {
            let month = Self.month(m)
            let decision = PaymentRun.decide(Self.pension, month: month, dueAtMonthStart: due, latestDue: due, paidMonths: paid, suspendedMonths: suspended)
            if decision.paid != nil { paid.insert(month) }
            if decision.suspended { suspended.insert(month) }
            for owed in decision.backPaidMonths { paid.insert(owed); suspended.remove(owed) }
            return decision
        }
        // Certified 2023-06-15: due 2024-06-15.
        let firstDue = Self.day("2024-06-15")
        #expect(run("2024-05", due: firstDue).paid == Self.monthly)
        #expect(run("2024-06", due: firstDue).paid == Self.monthly)
        for m in ["2024-07", "2024-08", "2024-09"] {
            let decision = run(m, due: firstDue)
            #expect(decision.suspended, "\(m) should be suspended")
            #expect(decision.paid == nil)
            #expect(decision.backPaidMonths.isEmpty)
        }
        // Certified again 2024-09-10: due 2025-09-10. October is paid, and July to September back-paid in one line:
        // 3 × 1,856.30 = 5,568.90.
        let secondDue = Self.day("2025-09-10")
        let october = run("2024-10", due: secondDue)
        #expect(october.paid == Self.monthly)
        #expect(october.backPaidMonths == Self.months("2024-07", "2024-08", "2024-09"))
        #expect(october.backPaid == Money(fen: 556_890))
        #expect(!october.suspended)
        // Running October again pays nothing twice.
        #expect(run("2024-10", due: secondDue) == .nothing)
        // November: the month only.
        let november = run("2024-11", due: secondDue)
        #expect(november.paid == Self.monthly)
        #expect(november.backPaidMonths.isEmpty)
        #expect(paid == Set(Self.months("2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11")))
        #expect(suspended.isEmpty)
    }

    @Test func aMonthAlreadyPaidIsNeverPaidAgain() {
        // Even when a caller still lists back-paid months as suspended, paidMonths wins.
        let months = Set(Self.months("2024-07", "2024-08", "2024-10"))
        let decision = PaymentRun.decide(Self.pension, month: Self.month("2024-10"), dueAtMonthStart: Self.day("2025-09-10"), latestDue: Self.day("2025-09-10"),
                                         paidMonths: months, suspendedMonths: Set(Self.months("2024-07", "2024-08", "2024-09")))
        #expect(decision.paid == nil)
        #expect(decision.backPaidMonths == Self.months("2024-09"))
        #expect(decision.backPaid == Self.monthly)
    }

    @Test func noBackPayWhileStillOverdue() {
        let decision = PaymentRun.decide(Self.pension, month: Self.month("2024-10"), dueAtMonthStart: Self.day("2024-06-15"), latestDue: Self.day("2024-06-15"),
                                         paidMonths: [], suspendedMonths: Set(Self.months("2024-07", "2024-08", "2024-09")))
        #expect(decision.suspended)
        #expect(decision.backPaidMonths.isEmpty)
        #expect(decision.backPaid == .zero)
    }

    @Test func nothingIsPaidBeyondTheMonthOfDeath() {
        var benefit = Self.pension
        benefit.deathDate = Self.day("2024-03-15")
        let due = Self.day("2025-01-10")
        // The month of death is still due.
        #expect(PaymentRun.decide(benefit, month: Self.month("2024-03"), dueAtMonthStart: due, latestDue: due, paidMonths: [], suspendedMonths: []).paid == Self.monthly)
        // After it: neither paid nor suspended.
        #expect(PaymentRun.decide(benefit, month: Self.month("2024-04"), dueAtMonthStart: due, latestDue: due, paidMonths: [], suspendedMonths: []) == .nothing)
        #expect(PaymentRun.decide(benefit, month: Self.month("2025-01"), dueAtMonthStart: due, latestDue: due, paidMonths: [], suspendedMonths: []) == .nothing)
        // Back-pay never reaches past the death month either: of 2024-02 and 2024-04 only February is owed.
        let decision = PaymentRun.decide(benefit, month: Self.month("2024-03"), dueAtMonthStart: due, latestDue: due, paidMonths: [],
                                         suspendedMonths: Set(Self.months("2024-02", "2024-04")))
        #expect(decision.backPaidMonths == Self.months("2024-02"))
        #expect(decision.backPaid == Self.monthly)
    }

    @Test func monthsPaidAfterDeathAreOverpaid() {
        var benefit = Self.pension
        // Died mid-March: March is due; April and May were paid in error: 2 × 1,856.30 = 3,712.60.
        benefit.deathDate = Self.day("2024-03-15")
        let paid = Set(Self.months("2024-01", "2024-02", "2024-03", "2024-04", "2024-05"))
        let (months, amount) = PaymentRun.overpayment(benefit, paidMonths: paid)
        #expect(months == Self.months("2024-04", "2024-05"))
        #expect(amount == Money(fen: 371_260))
    }

    @Test func deathOnTheLastDayOrFirstDayOfAMonth() {
        var benefit = Self.pension
        let paid = Set(Self.months("2024-01", "2024-02", "2024-03"))
        // Died 2024-01-31: February and March are overpaid.
        benefit.deathDate = Self.day("2024-01-31")
        #expect(PaymentRun.overpayment(benefit, paidMonths: paid).months == Self.months("2024-02", "2024-03"))
        // Died 2024-03-01: March is the month of death and still due; nothing overpaid.
        benefit.deathDate = Self.day("2024-03-01")
        let none = PaymentRun.overpayment(benefit, paidMonths: paid)
        #expect(none.months.isEmpty)
        #expect(none.amount == .zero)
    }

    @Test func noOverpaymentWhileAlive() {
        let (months, amount) = PaymentRun.overpayment(Self.pension, paidMonths: Set(Self.months("2024-01", "2024-02")))
        #expect(months.isEmpty)
        #expect(amount == .zero)
    }
}
