import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// Benefit recipients' certification, the monthly payment run, deaths, self-service import and data comparison,
/// end to end on a store (domain.md §3, cli.md `benefit`, `certify`, `payments`, `death`).
@Suite struct CertificationDeskTests {
    let tashi = DeskFixture.id(born: "1950-03-10", sequence: 123)       // 扎西·平措
    let droga = DeskFixture.id(born: "1952-07-21", sequence: 246)       // 卓嘎
    let tsering = DeskFixture.id(born: "1948-01-05", sequence: 135)     // 次仁·旺堆
    let yangchen = DeskFixture.id(born: "1955-09-30", sequence: 248)    // 央金
    /// 格桑·多吉 lives in 林周县 (540121), outside 城关区 but inside 拉萨市 (5401).
    let kelsang = DeskFixture.id(born: "1949-12-12", sequence: 111, region: "540121")

    /// 1,856.30 yuan a month.
    static let monthly = "1856.30"
    static let monthlyMoney = Money(fen: 185_630)

    private static func day(_ iso: String) -> LocalDate { DeskFixture.day(iso) }
    private static func months(_ list: String...) -> [YearMonth] { list.map { YearMonth(iso: $0)! } }

    private func recipient(_ desk: Desk, _ id: String, _ name: String, from: String = "2023-01", monthly: String = CertificationDeskTests.monthly) throws {
        _ = try desk.addPerson(PersonForm(idNumber: id, name: name))
        // A benefit needs a pension enrolment (domain.md, "Benefits need a pension"): joined long before.
        _ = try desk.enrol(EnrolmentForm(idNumber: id, scheme: "resident-pension", from: "2010-01-01"))
        _ = try desk.addBenefit(idNumber: id, monthly: monthly, from: from)
    }

    private func lines(_ list: [PaymentLine], _ id: String) -> [PaymentLine] { list.filter { $0.idNumber == id } }

    // MARK: benefit and certification

    @Test func aBenefitStartsTheCycleFromItsFirstMonth() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try f.desk()
        try recipient(desk, tashi, "扎西·平措", from: "2023-03")
        let r = try #require(try desk.showPerson(tashi).recipient)
        #expect(r.benefit.monthly == Self.monthlyMoney)
        #expect(r.benefit.start == YearMonth(iso: "2023-03"))
        #expect(r.benefit.scheme == .residentPension)
        #expect(r.lastCertified == nil)
        // Never certified: 2023-03-01 + 12 months.
        #expect(r.due == Self.day("2024-03-01"))
        #expect(DeskFixture.refusal { _ = try desk.addBenefit(idNumber: tashi, monthly: "100.00", from: "2023-06") }?.code == "duplicate-benefit")
        _ = try desk.addPerson(PersonForm(idNumber: droga, name: "卓嘎"))
        #expect(DeskFixture.refusal { _ = try desk.addBenefit(idNumber: droga, monthly: "0", from: "2023-06") }?.code == "bad-amount")
        #expect(DeskFixture.refusal { _ = try desk.addBenefit(idNumber: droga, monthly: "1000.00", from: "2023-6") }?.code == "bad-month")
        #expect(try desk.showPerson(droga).recipient == nil)
        // Someone with no benefit has nothing to certify.
        #expect(DeskFixture.refusal { _ = try desk.certify(idNumber: droga, method: "counter", reference: nil) }?.code == "not-a-recipient")
    }

    @Test func everyMethodCertifiesAndVideoNeedsItsCallReference() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try f.desk()
        try recipient(desk, tashi, "扎西·平措")
        let noRef = DeskFixture.refusal { _ = try desk.certify(idNumber: tashi, method: "video", reference: nil) }
        #expect(noRef?.code == "no-reference")
        #expect(DeskFixture.refusal { _ = try desk.certify(idNumber: tashi, method: "video", reference: "  ") }?.code == "no-reference")
        #expect(DeskFixture.refusal { _ = try desk.certify(idNumber: tashi, method: "phone", reference: nil) }?.kind == .usage)
        #expect(try desk.store.read { try $0.count("certifications") } == 0)

        // Registered today, so the registration itself is in-person evidence for `data`.
        let methods: [(String, String?)] = [("counter", nil), ("home", "入户 拉萨市城关区八廓街道"), ("video", "VC-20230601-07"),
                                            ("self-service", nil), ("data", nil)]
        for (method, ref) in methods {
            let (nextDue, serial) = try desk.certify(idNumber: tashi, method: method, reference: ref)
            // 2023-06-01 + 12 months.
            #expect(nextDue == Self.day("2024-06-01"), "\(method)")
            #expect(serial.hasPrefix("54010220230601"))
        }
        let certifications = try desk.showPerson(tashi).certifications
        #expect(certifications.map(\.method) == [.counter, .home, .video, .selfService, .data])
        #expect(certifications.allSatisfy { $0.date == Self.day("2023-06-01") })
        #expect(certifications.first { $0.method == .video }?.reference == "VC-20230601-07")
        #expect(try desk.showPerson(tashi).recipient?.due == Self.day("2024-06-01"))
    }

    @Test func noCertificationAfterDeath() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try f.desk()
        try recipient(desk, tashi, "扎西·平措")
        _ = try desk.registerDeath(idNumber: tashi, date: "2023-05-20")
        for method in ["counter", "home", "self-service"] {
            let error = DeskFixture.refusal { _ = try desk.certify(idNumber: tashi, method: method, reference: nil) }
            #expect(error?.code == "person-deceased")
            #expect(error?.message.zh.contains("2023-05-20") == true)
        }
        #expect(try desk.store.read { try $0.count("certifications") } == 0)
        #expect(DeskFixture.refusal { _ = try desk.registerDeath(idNumber: tashi, date: "2023-05-21") }?.code == "person-deceased")
    }

    // MARK: due lists

    @Test func theDueListShowsDueSoonOverdueAndSuspendedUnderARegion() throws {
        let f = try DeskFixture(today: Self.day("2023-04-01"))
        let desk = try f.desk()
        try recipient(desk, tashi, "扎西·平措")
        try recipient(desk, droga, "卓嘎")
        try recipient(desk, tsering, "次仁·旺堆")
        try recipient(desk, yangchen, "央金")
        try recipient(desk, kelsang, "格桑·多吉")
        // 次仁·旺堆 and 格桑·多吉 certified 2023-04-10 → due 2024-04-10.
        let april = try f.desk(on: Self.day("2023-04-10"))
        _ = try april.certify(idNumber: tsering, method: "counter", reference: nil)
        _ = try april.certify(idNumber: kelsang, method: "home", reference: nil)
        // 卓嘎 2023-05-20 → due 2024-05-20; 扎西·平措 2023-06-15 → due 2024-06-15; 央金 2024-01-10 → due 2025-01-10.
        _ = try f.desk(on: Self.day("2023-05-20")).certify(idNumber: droga, method: "counter", reference: nil)
        _ = try f.desk(on: Self.day("2023-06-15")).certify(idNumber: tashi, method: "counter", reference: nil)
        _ = try f.desk(on: Self.day("2024-01-10")).certify(idNumber: yangchen, method: "counter", reference: nil)

        // The May 2024 run: 2024-05-01 is after 2024-04-10, so 次仁·旺堆 and 格桑·多吉 are suspended; the others paid.
        let run = try f.desk("ciren", on: Self.day("2024-05-01")).paymentsRun(month: "2024-05")
        #expect(Set(run.paid.map(\.idNumber)) == [tashi, droga, yangchen])
        #expect(Set(run.suspended.map(\.idNumber)) == [tsering, kelsang])

        let clerk = try f.desk(on: Self.day("2024-06-01"))
        let list = try clerk.dueList(within: 30, regionPrefix: "540102")
        let states = Dictionary(uniqueKeysWithValues: list.map { ($0.recipient.idNumber, $0.state) })
        // 扎西·平措: due 2024-06-15, 14 days ahead → due-soon; 卓嘎: due 2024-05-20, passed, still paid → overdue;
        // 次仁·旺堆: passed and already suspended; 央金 is current; 格桑·多吉 is outside 540102.
        #expect(states == [tashi: "due-soon", droga: "overdue", tsering: "suspended"])
        #expect(list.first { $0.recipient.idNumber == tashi }?.recipient.due == Self.day("2024-06-15"))
        #expect(list.first { $0.recipient.idNumber == droga }?.recipient.due == Self.day("2024-05-20"))
        #expect(list.first { $0.recipient.idNumber == tsering }?.recipient.due == Self.day("2024-04-10"))

        // The whole prefecture (5401) brings in 格桑·多吉 too.
        let city = try clerk.dueList(within: 30, regionPrefix: "5401")
        #expect(Dictionary(uniqueKeysWithValues: city.map { ($0.recipient.idNumber, $0.state) })
                == [tashi: "due-soon", droga: "overdue", tsering: "suspended", kelsang: "suspended"])
        // Within 10 days (to 2024-06-11) 扎西·平措's 2024-06-15 is not yet due.
        let soon = try clerk.dueList(within: 10, regionPrefix: "540102")
        #expect(Set(soon.map(\.recipient.idNumber)) == [droga, tsering])
        // Another county's prefix: 格桑·多吉 only.
        #expect(try clerk.dueList(within: 30, regionPrefix: "540121").map(\.recipient.idNumber) == [kelsang])
    }

    @Test func aReversedCertificationPutsThePensionerBackOnTheDueListAndANewOneTakesThemOff() throws {
        let f = try DeskFixture(today: Self.day("2023-06-15"))
        let clerk = try f.desk()
        try recipient(clerk, tashi, "扎西·平措")
        // Never certified: due twelve months after the benefit's first day, 2023-01-01 → 2024-01-01.
        let december = try f.desk(on: Self.day("2023-12-15"))
        #expect(try december.dueList(within: 30, regionPrefix: "").map(\.recipient.due) == [Self.day("2024-01-01")])
        // Certified 2023-12-15: due 2024-12-15, off the list.
        let certified = try december.certify(idNumber: tashi, method: "counter", reference: nil)
        #expect(try december.dueList(within: 30, regionPrefix: "").isEmpty)
        // The certification withdrawn by a supervisor: back on the list with the old due date.
        _ = try f.desk("ciren", on: Self.day("2023-12-15")).reverse(certified.serial, reason: "认证对象有误")
        #expect(try december.dueList(within: 30, regionPrefix: "").map(\.recipient.due) == [Self.day("2024-01-01")])
        #expect(try f.desk("ciren", on: Self.day("2023-12-15")).verify().ok)
    }

    // MARK: payment runs

    @Test func aLapseSuspendsMonthsAndRecertificationBackPaysThemInOneLine() throws {
        let f = try DeskFixture(today: Self.day("2023-06-15"))
        let clerk = try f.desk()
        try recipient(clerk, tashi, "扎西·平措")
        // Certified 2023-06-15 → due 2024-06-15.
        #expect(try clerk.certify(idNumber: tashi, method: "counter", reference: nil).nextDue == Self.day("2024-06-15"))

        func run(_ month: String, on date: String) throws -> PaymentRunReport {
            try f.desk("ciren", on: Self.day(date)).paymentsRun(month: month)
        }
        // May and June 2024: their first days are before 2024-06-15: paid 1,856.30 each.
        for (month, date) in [("2024-05", "2024-05-01"), ("2024-06", "2024-06-01")] {
            let report = try run(month, on: date)
            let paid = lines(report.paid, tashi)
            #expect(paid.count == 1)
            #expect(paid.first?.amount == Self.monthlyMoney)
            #expect(paid.first?.months == Self.months(month))
            #expect(lines(report.suspended, tashi).isEmpty)
        }
        // July to September: lapsed, suspended, nothing paid.
        for (month, date) in [("2024-07", "2024-07-01"), ("2024-08", "2024-08-01"), ("2024-09", "2024-09-01")] {
            let report = try run(month, on: date)
            #expect(lines(report.paid, tashi).isEmpty, "\(month) was paid")
            #expect(lines(report.suspended, tashi).map(\.months) == [Self.months(month)])
            #expect(lines(report.backPaid, tashi).isEmpty)
        }
        #expect(try f.desk(on: Self.day("2024-09-05")).dueList(within: 30, regionPrefix: "").first?.state == "suspended")

        // Certified again 2024-09-10 → due 2025-09-10.
        #expect(try f.desk(on: Self.day("2024-09-10")).certify(idNumber: tashi, method: "home", reference: nil).nextDue
                == Self.day("2025-09-10"))

        // October: October paid, and one back-pay line for July, August, September: 3 × 1,856.30 = 5,568.90.
        let october = try run("2024-10", on: "2024-10-01")
        #expect(lines(october.paid, tashi).map(\.amount) == [Self.monthlyMoney])
        let back = lines(october.backPaid, tashi)
        #expect(back.count == 1)
        #expect(back.first?.months == Self.months("2024-07", "2024-08", "2024-09"))
        #expect(back.first?.amount == Money(fen: 556_890))
        #expect(lines(october.suspended, tashi).isEmpty)

        // October again: nobody is paid twice.
        let again = try run("2024-10", on: "2024-10-02")
        #expect(lines(again.paid, tashi).isEmpty)
        #expect(lines(again.backPaid, tashi).isEmpty)
        #expect(lines(again.suspended, tashi).isEmpty)

        // The payments table: every month May–October paid exactly once (regular or back-pay).
        let benefitUUID = try #require(try clerk.showPerson(tashi).recipient?.benefitUUID)
        let payments = try clerk.store.read { try $0.payments(benefitUUID: benefitUUID) }
        let money = payments.filter { $0.kind != "suspended" }
        #expect(money.map(\.month) == Self.months("2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10"))
        #expect(Set(money.map(\.month)).count == money.count)
        // 6 × 1,856.30 = 11,137.80.
        #expect(money.map(\.amount).sum() == Money(fen: 1_113_780))
        #expect(payments.filter { $0.kind == "suspended" }.map(\.month) == Self.months("2024-07", "2024-08", "2024-09"))

        // November: the month alone.
        let november = try run("2024-11", on: "2024-11-01")
        #expect(lines(november.paid, tashi).map(\.months) == [Self.months("2024-11")])
        #expect(lines(november.backPaid, tashi).isEmpty)
    }

    /// domain.md §3: "a recipient whose certification is valid on the first day of M is paid; one who is overdue is
    /// suspended for M". Certified again on 2024-09-10, after September began: on 2024-09-01 the certification had
    /// lapsed (due 2024-06-15), so a September run made on 2024-09-12 must not pay September as a regular month;
    /// September is paid once, as back-pay, like July and August.
    @Test func aMonthThatBeganInsideTheLapseIsNotPaidAsARegularMonth() throws {
        let f = try DeskFixture(today: Self.day("2023-06-15"))
        let clerk = try f.desk()
        try recipient(clerk, tashi, "扎西·平措")
        _ = try clerk.certify(idNumber: tashi, method: "counter", reference: nil)  // due 2024-06-15
        let supervisor = try f.desk("ciren", on: Self.day("2024-09-12"))
        _ = try supervisor.paymentsRun(month: "2024-06")  // paid
        _ = try supervisor.paymentsRun(month: "2024-07")  // suspended
        _ = try supervisor.paymentsRun(month: "2024-08")  // suspended
        _ = try f.desk(on: Self.day("2024-09-10")).certify(idNumber: tashi, method: "counter", reference: nil)
        let september = try supervisor.paymentsRun(month: "2024-09")
        #expect(lines(september.paid, tashi).isEmpty, "September was paid although the certification lapsed before 2024-09-01")
        _ = try f.desk("ciren", on: Self.day("2024-10-01")).paymentsRun(month: "2024-10")
        // In the end June to October are each paid once (5 × 1,856.30 = 9,281.50); July to September as back-pay.
        let benefitUUID = try #require(try clerk.showPerson(tashi).recipient?.benefitUUID)
        let money = try clerk.store.read { try $0.payments(benefitUUID: benefitUUID) }.filter { $0.kind != "suspended" }
        #expect(money.map(\.month) == Self.months("2024-06", "2024-07", "2024-08", "2024-09", "2024-10"))
        #expect(money.map(\.amount).sum() == Money(fen: 928_150))
        #expect(money.first { $0.month == YearMonth(iso: "2024-09") }?.kind == "back-paid")
    }

    @Test func aDeathMidMonthAfterPaymentsListsTheOverpaidMonths() throws {
        let f = try DeskFixture(today: Self.day("2024-01-10"))
        let clerk = try f.desk()
        // 2,150.75 yuan a month from January 2024, certified 2024-01-10 (due 2025-01-10).
        try recipient(clerk, yangchen, "央金", from: "2024-01", monthly: "2150.75")
        _ = try clerk.certify(idNumber: yangchen, method: "counter", reference: nil)
        let supervisor = try f.desk("ciren", on: Self.day("2024-05-25"))
        for month in ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"] {
            #expect(lines(try supervisor.paymentsRun(month: month).paid, yangchen).count == 1, "\(month)")
        }
        // Reported on 2024-05-28: died 2024-03-15. March is still due; April and May are overpaid:
        // 2 × 2,150.75 = 4,301.50.
        let (overpaid, _) = try f.desk(on: Self.day("2024-05-28")).registerDeath(idNumber: yangchen, date: "2024-03-15")
        #expect(overpaid.months == Self.months("2024-04", "2024-05"))
        #expect(overpaid.amount == Money(fen: 430_150))
        #expect(try clerk.store.read { try $0.count("recoveries") } == 1)
        #expect(try clerk.showPerson(yangchen).deathDate == Self.day("2024-03-15"))

        // No run pays or suspends anything after the death month.
        let june = try f.desk("ciren", on: Self.day("2024-06-01")).paymentsRun(month: "2024-06")
        #expect(lines(june.paid, yangchen).isEmpty)
        #expect(lines(june.suspended, yangchen).isEmpty)
        #expect(lines(june.backPaid, yangchen).isEmpty)
        // Nor is the dead person on any due list, nor certifiable.
        let later = try f.desk(on: Self.day("2025-02-01"))
        #expect(try later.dueList(within: 30, regionPrefix: "").isEmpty)
        #expect(DeskFixture.refusal { _ = try later.certify(idNumber: yangchen, method: "counter", reference: nil) }?.code == "person-deceased")
    }

    @Test func aDeathWithNothingPaidAfterItOwesNothing() throws {
        let f = try DeskFixture(today: Self.day("2024-01-10"))
        let clerk = try f.desk()
        try recipient(clerk, yangchen, "央金", from: "2024-01", monthly: "2150.75")
        _ = try clerk.certify(idNumber: yangchen, method: "counter", reference: nil)
        let supervisor = try f.desk("ciren", on: Self.day("2024-03-01"))
        _ = try supervisor.paymentsRun(month: "2024-01")
        _ = try supervisor.paymentsRun(month: "2024-02")
        _ = try supervisor.paymentsRun(month: "2024-03")
        let (overpaid, _) = try f.desk(on: Self.day("2024-03-20")).registerDeath(idNumber: yangchen, date: "2024-03-15")
        #expect(overpaid.months.isEmpty)
        #expect(overpaid.amount == .zero)
        #expect(try clerk.store.read { try $0.count("recoveries") } == 0)
    }

    // MARK: self-service import

    private func selfServiceRecipients(_ f: DeskFixture) throws -> Desk {
        let desk = try f.desk()
        try recipient(desk, tashi, "扎西·平措")
        try recipient(desk, droga, "卓嘎")
        return desk
    }

    @Test func aGoodSelfServiceFileCertifiesPassesAndReportsFailures() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try selfServiceRecipients(f)
        let file = """
            # 远程自助认证结果 2023年5月
            id,date,result,reference
            \(tashi),2023-05-20,pass,FACE-0001
            \(droga),2023-05-21,fail,FACE-0002
            """
        let result = try desk.importSelfService(file, file: "selfservice-202305.csv")
        #expect(result.certified.map(\.id) == [tashi])
        #expect(result.certified.map(\.date) == [Self.day("2023-05-20")])
        // The failed row is reported by its line (comment 1, header 2, 扎西·平措 3, 卓嘎 4), not recorded.
        #expect(result.failed.map(\.id) == [droga])
        #expect(result.failed.map(\.line) == [4])
        #expect(try desk.store.read { try $0.count("certifications") } == 1)
        let certification = try #require(try desk.showPerson(tashi).certifications.first)
        #expect(certification.date == Self.day("2023-05-20"))
        #expect(certification.method == .selfService)
        #expect(certification.reference == "FACE-0001")
        // 2023-05-20 + 12 months.
        #expect(try desk.showPerson(tashi).recipient?.due == Self.day("2024-05-20"))
        #expect(try desk.showPerson(droga).certifications.isEmpty)

        // The same file again records nothing new.
        let again = try desk.importSelfService(file, file: "selfservice-202305.csv")
        #expect(again.certified.isEmpty)
        #expect(again.alreadyRecorded == 1)
        #expect(try desk.store.read { try $0.count("certifications") } == 1)
        #expect(try desk.showPerson(tashi).certifications.count == 1)
    }

    @Test func aFileWithOneBadRowIsRefusedNamingTheLineAndImportsNothing() throws {
        let f = try DeskFixture()  // 2023-06-01
        let desk = try selfServiceRecipients(f)
        let stranger = DeskFixture.id(born: "1957-08-08", sequence: 999)  // valid, never registered
        let badCheck = String(tashi.dropLast()) + (tashi.last == "0" ? "1" : "0")
        let good = "id,date,result,reference\n\(tashi),2023-05-20,pass,FACE-0001\n\(droga),2023-05-21,pass,FACE-0002\n"
        let cases: [(what: String, text: String, line: Int)] = [
            ("bad date", good + "\(tashi),2023-02-30,pass,FACE-0003\n", 4),
            ("compact date", good + "\(tashi),20230522,pass,FACE-0003\n", 4),
            ("unknown person", good + "\(stranger),2023-05-22,pass,FACE-0003\n", 4),
            ("bad result", good + "\(tashi),2023-05-22,ok,FACE-0003\n", 4),
            ("bad check character", good + "\(badCheck),2023-05-22,pass,FACE-0003\n", 4),
            ("missing header", "\(tashi),2023-05-20,pass,FACE-0001\n\(droga),2023-05-21,pass,FACE-0002\n", 1),
        ]
        let certifications = try desk.store.read { try $0.count("certifications") }
        let journal = try desk.store.read { try $0.count("journal") }
        for (what, text, line) in cases {
            let error = DeskFixture.refusal { _ = try desk.importSelfService(text, file: "bad.csv") }
            #expect(error?.code == "bad-import-row", "\(what)")
            #expect(error?.kind == .refused, "\(what)")
            #expect(error?.message.zh.contains("第\(line)行") == true, "\(what): \(String(describing: error?.message.zh))")
            #expect(error?.message.en.contains("line \(line)") == true, "\(what): \(String(describing: error?.message.en))")
            #expect(try desk.store.read { try $0.count("certifications") } == certifications, "\(what) imported something")
            #expect(try desk.store.read { try $0.count("journal") } == journal, "\(what) wrote to the journal")
        }
        #expect(try desk.showPerson(tashi).certifications.isEmpty)
        #expect(try desk.showPerson(droga).certifications.isEmpty)
    }

    // MARK: data comparison

    @Test func dataComparisonCertifiesOnlyWithRecentInPersonEvidenceAndUsesItsDate() throws {
        // Everyone registered 2022-01-10, more than 12 months before the business date 2023-06-01.
        let f = try DeskFixture(today: Self.day("2022-01-10"))
        let old = try f.desk()
        try recipient(old, tashi, "扎西·平措", from: "2022-01")
        try recipient(old, droga, "卓嘎", from: "2022-01")
        try recipient(old, tsering, "次仁·旺堆", from: "2022-01")
        try recipient(old, yangchen, "央金", from: "2022-01")
        // 央金 came to the counter on 2022-05-31: one day before the 12-month window (2023-06-01 − 12 months = 2022-06-01).
        _ = try f.desk(on: Self.day("2022-05-31")).registerCard(idNumber: yangchen, number: "C00000001")
        // 卓嘎 came to the counter on 2022-11-20.
        _ = try f.desk(on: Self.day("2022-11-20")).registerCard(idNumber: droga, number: "C00000002")
        // 扎西·平措 settled a hospital bill dated 2023-03-15.
        _ = try f.desk(on: Self.day("2023-03-15")).settle(SettleForm(idNumber: tashi, date: "2023-03-15", visit: "outpatient", level: "1",
                                                                     itemsJSON: DeskFixture.items([("门诊费用", "A", "120.00")])))
        // 次仁·旺堆: nothing since registration.

        let desk = try f.desk(on: Self.day("2023-06-01"))
        // One by one, `data` needs evidence too.
        let noEvidence = DeskFixture.refusal { _ = try desk.certify(idNumber: tsering, method: "data", reference: nil) }
        #expect(noEvidence?.code == "no-evidence")
        let noEvidenceEither = DeskFixture.refusal { _ = try desk.certify(idNumber: yangchen, method: "data", reference: nil) }
        #expect(noEvidenceEither?.code == "no-evidence")

        let (certified, _) = try desk.certifyByData(regionPrefix: "540102")
        #expect(Set(certified.map(\.id)) == [tashi, droga])
        let evidence = Dictionary(uniqueKeysWithValues: certified.map { ($0.id, $0.evidence) })
        #expect(evidence[tashi]?.contains("2023-03-15") == true)
        #expect(evidence[tashi]?.contains("settlement") == true)
        #expect(evidence[droga]?.contains("2022-11-20") == true)

        // The certification carries the evidence's date, not the business date.
        let tashiCerts = try desk.showPerson(tashi).certifications
        #expect(tashiCerts.map(\.date) == [Self.day("2023-03-15")])
        #expect(tashiCerts.map(\.method) == [.data])
        #expect(try desk.showPerson(tashi).recipient?.due == Self.day("2024-03-15"))
        let drogaCerts = try desk.showPerson(droga).certifications
        #expect(drogaCerts.map(\.date) == [Self.day("2022-11-20")])
        #expect(try desk.showPerson(droga).recipient?.due == Self.day("2023-11-20"))
        #expect(try desk.showPerson(tsering).certifications.isEmpty)
        #expect(try desk.showPerson(yangchen).certifications.isEmpty)

        // Again: the same evidence certifies nobody twice.
        let (again, _) = try desk.certifyByData(regionPrefix: "540102")
        #expect(again.isEmpty)
        #expect(try desk.store.read { try $0.count("certifications") } == 2)
    }

    @Test func dataComparisonKeepsToItsRegion() throws {
        let f = try DeskFixture(today: Self.day("2023-05-01"))
        let desk = try f.desk()
        // Both registered 2023-05-01: the registration is in-person evidence.
        try recipient(desk, tashi, "扎西·平措")
        try recipient(desk, kelsang, "格桑·多吉")
        let later = try f.desk(on: Self.day("2023-06-01"))
        let (certified, _) = try later.certifyByData(regionPrefix: "540121")
        #expect(certified.map(\.id) == [kelsang])
        #expect(try later.showPerson(kelsang).certifications.map(\.date) == [Self.day("2023-05-01")])
        #expect(try later.showPerson(tashi).certifications.isEmpty)
    }
}
