import GuitaiCore
import GuitaiDesk
import Testing
import TerminalKit
import TestSupport
@testable import GuitaiTUI

/// The whole procedure on the desk: enrolment's grade, start date and status on its confirmation; benefits, deaths and
/// suspended months on the certification screen; the e-voucher after the e-card.
@Suite struct ProcedureOnTheDeskTests {
    @Test func theEnrolmentConfirmationChoosesTheGradeAndShowsSubsidyAndPaidOnBehalf() throws {
        let desk = try DeskHarness.withTashi()
        // Resident pension is the first scheme; 扎西·平措 is on dibao, so the government pays the lowest grade (100).
        var screen = desk.keys(.function(2), .enter)
        #expect(screen.contains("请确认") && screen.contains("缴费档次（元/年）") && screen.contains("100.00"), "\(screen)")
        #expect(screen.contains("政府代缴 100.00"), "\(screen)")
        // One grade up: 200 a year, of which he pays 200 - 100 = 100 and the subsidy is the policy's below-500 one.
        screen = desk.keys(.right)
        #expect(screen.contains("200.00") && screen.contains("个人年缴费 100.00"), "\(screen)")
        // A start date back in the year, typed on the confirmation.
        desk.keys(.character("D"), .control("u")); desk.type("2023-01-01")
        screen = desk.keys(.enter)
        #expect(screen.contains("2023-01-01"), "\(screen)")
        let receipt = desk.keys(.enter)
        #expect(receipt.contains("回执：参保登记") && receipt.contains("200.00") && receipt.contains("2023-01-01"), "\(receipt)")
        let enrolment = try #require(try desk.app.desk?.showPerson(DeskHarness.tashi).enrolments.first { $0.enrolment.scheme == .residentPension })
        #expect(enrolment.enrolment.grade == Money(fen: 20_000) && enrolment.enrolment.from == LocalDate(year: 2023, month: 1, day: 1))
    }

    @Test func theCertificationScreenShowsSuspendedMonthsAndWhatCertifyingBringsBack() throws {
        let desk = try DeskHarness()
        desk.login()
        let supervisor = try Desk.open(storePath: desk.storePath, operatorID: "ciren", password: "super-password",
                                       clock: FixedClock(date: DeskHarness.today), resources: DeskHarness.resources)
        let run = try supervisor.paymentsRun(month: "2023-06")
        let suspended = try #require(run.suspended.first { $0.name == "卓玛央金" }, "the run did not suspend the overdue pensioner")
        #expect(suspended.months == [YearMonth(year: 2023, month: 6)])
        desk.type("zmyj"); desk.keys(.enter)
        let screen = desk.keys(.function(4))
        // One month suspended at 205 a month: 205.00 back-paid once certified.
        #expect(screen.contains("暂停发放 2023-06 至 2023-06，共 1 个月；认证后下次发放补发 205.00 元"), "\(screen)")
    }

    @Test func aBenefitIsStartedAndADeathRegisteredOnTheDesk() throws {
        let desk = try DeskHarness.withTashi()
        // A benefit is drawn from a pension enrolment.
        _ = try desk.app.desk?.enrol(EnrolmentForm(idNumber: DeskHarness.tashi, scheme: "resident-pension", from: "2010-01-01"))
        desk.keys(.function(4), .character("4"))
        desk.type("1,200.50"); desk.keys(.enter); desk.type("2023-06")
        var screen = desk.keys(.enter, .enter)
        #expect(screen.contains("回执：开始发放月待遇") && screen.contains("1,200.50"), "\(screen)")
        #expect(try desk.app.desk?.showPerson(DeskHarness.tashi).recipient?.benefit.monthly == Money(fen: 120_050))
        desk.keys(.escape, .character("5")); desk.type("2023-05-40")
        #expect(desk.keys(.enter).contains("死亡日期（YYYY-MM-DD）："))
        desk.keys(.control("u")); desk.type("2023-06-01")
        screen = desk.keys(.enter, .enter)
        // Nothing was paid yet: nothing to recover.
        #expect(screen.contains("回执：登记死亡") && screen.contains("多发待遇应追回") && screen.contains("0.00"), "\(screen)")
        #expect(try desk.app.desk?.showPerson(DeskHarness.tashi).deathDate == DeskHarness.today)
        #expect(desk.keys(.escape).contains("已登记死亡：2023-06-01"))
    }

    @Test func theEVoucherIsActivatedAfterTheECard() throws {
        let desk = try DeskHarness.withTashi()
        desk.keys(.function(3), .character("1")); desk.type("A12345678"); desk.keys(.enter, .enter, .escape)
        desk.keys(.character("2")); desk.type("802514"); desk.keys(.enter)
        // The e-voucher declined at issue.
        desk.keys(.control("u")); desk.type("否"); desk.keys(.enter, .enter, .escape)
        #expect(try desk.app.desk?.showPerson(DeskHarness.tashi).ecard?.voucherOn == nil)
        let receipt = desk.keys(.character("0"), .enter)
        #expect(receipt.contains("回执：激活医保电子凭证"), "\(receipt)")
        #expect(try desk.app.desk?.showPerson(DeskHarness.tashi).ecard?.voucherOn == DeskHarness.today)
    }
}
