import GuitaiCore
import Testing

/// The halls' wall time, UTC+8: a receipt's date and time come from one instant and always agree.
@Suite struct ChinaTimeTests {
    @Test func halfPastElevenAtNightInUTCIsHalfPastSevenNextMorningInTheHall() {
        // 2023-05-31 23:30:00 UTC = 1,685,575,800 s (19,508 days × 86,400 + 84,600).
        let instant: Int64 = 1_685_575_800
        #expect(ChinaTime.date(instant) == LocalDate(year: 2023, month: 6, day: 1))
        #expect(ChinaTime.clock(instant) == "07:30")
        // One second before the hall's midnight: 2023-05-31 15:59:59 UTC.
        #expect(ChinaTime.date(1_685_548_799) == LocalDate(year: 2023, month: 5, day: 31))
        #expect(ChinaTime.clock(1_685_548_799) == "23:59")
    }

    @Test func beforeNineteenSeventyAndAtTheEndsOfTimeNothingTraps() {
        // 1969-12-31 15:00 UTC is 23:00 on 31 December in the hall.
        #expect(ChinaTime.clock(-9 * 3600) == "23:00")
        #expect(ChinaTime.date(-9 * 3600) == LocalDate(year: 1969, month: 12, day: 31))
        _ = ChinaTime.date(.max)
        _ = ChinaTime.clock(.max)
        _ = ChinaTime.clock(.min)
    }
}
