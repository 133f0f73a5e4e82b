import Testing
import GuitaiCore

/// Money in whole fen, ratios in basis points, one half-up rounding: settlement.md, "Money and ratios".
@Suite("Money and ratios")
struct MoneyTests {
    // MARK: parsing yuan

    @Test("yuan with up to two decimals parse to fen", arguments: [
        ("300", 30_000), ("1234.5", 123_450), ("1234.50", 123_450), ("0.05", 5), ("0.5", 50), ("0", 0), ("12345.67", 1_234_567),
    ] as [(String, Int64)])
    func parsesYuan(text: String, fen: Int64) {
        #expect(Money(yuan: text) == Money(fen: fen))
    }

    @Test("three decimals, empty parts and non-numbers are refused", arguments: [
        "1.234", "0.005", "1.", ".5", "", "abc", "1.2.3", "12 345", "1,5", "1.x", "+5",
    ])
    func refusesBadYuan(text: String) {
        #expect(Money(yuan: text) == nil)
    }

    @Test("thousands separators only where allowed")
    func separators() {
        #expect(Money(yuan: "300,000") == nil)
        #expect(Money(yuan: "300,000", allowingSeparators: true) == .yuan(300_000))
        #expect(Money(yuan: "12,345.60", allowingSeparators: true) == Money(fen: 1_234_560))
        #expect(Money(yuan: "1,234.567", allowingSeparators: true) == nil)
        // Commas only between groups of three before the point, as printed: a slip of the finger is not an amount.
        for misplaced in ["1,0,0", "10,00", "1000,000", ",100", "100,", "1,000.5,0", "1,,000"] {
            #expect(Money(yuan: misplaced, allowingSeparators: true) == nil, "\(misplaced) was taken as an amount")
        }
        #expect(Money(yuan: "1,000,000.05", allowingSeparators: true) == Money(fen: 100_000_005))
        #expect(Money(yuan: "-1,000", allowingSeparators: true) == Money(fen: -100_000))
    }

    @Test("a category typed as a clerk writes it")
    func categories() {
        #expect(ItemCategory(typed: "b") == .b && ItemCategory(typed: "乙") == .b && ItemCategory(typed: "丙类") == .c)
        #expect(ItemCategory(typed: "D") == nil && ItemCategory(typed: "甲乙") == nil && ItemCategory(typed: "") == nil)
    }

    @Test("a monthly benefit typed with commas and spaces, within its bounds")
    func monthlyTyped() throws {
        #expect(try Benefit.monthly(typed: " 3,150.50 ").get() == Money(fen: 315_050))
        for wrong in ["0", "1,0,0", "1000000.01", "-205", "两百"] {
            #expect(throws: DomainError.self, "\(wrong)") { try Benefit.monthly(typed: wrong).get() }
        }
    }

    @Test("Money.yuan counts whole yuan in fen")
    func wholeYuan() {
        #expect(Money.yuan(48_000).fen == 4_800_000)
    }

    // MARK: formatting

    @Test("slips show grouped yuan with two decimals", arguments: [
        (1_234_560, "12,345.60"), (0, "0.00"), (5, "0.05"), (100, "1.00"), (99_999, "999.99"), (100_000, "1,000.00"),
        (123_456_789, "1,234,567.89"), (30_000_000, "300,000.00"), (-1_234_560, "-12,345.60"),
    ] as [(Int64, String)])
    func grouped(fen: Int64, text: String) {
        #expect(Money(fen: fen).grouped == text)
    }

    @Test("scripts get the plain form without separators")
    func plain() {
        #expect(Money(fen: 1_234_560).plain == "12345.60")
        #expect(Money(fen: 7).plain == "0.07")
        #expect(Money(fen: -50).plain == "-0.50")
        #expect(Money(yuan: Money(fen: 1_234_567).plain) == Money(fen: 1_234_567))
    }

    @Test("arithmetic and clamping")
    func arithmetic() {
        #expect(Money.yuan(500) - Money.yuan(600) == Money(fen: -10_000))
        #expect((Money.yuan(500) - Money.yuan(600)).clampedAtZero == .zero)
        #expect([Money.yuan(1), Money(fen: 50), Money(fen: 5)].sum() == Money(fen: 155))
    }

    // MARK: ratios

    @Test("percentages parse to basis points", arguments: [
        ("80%", 8_000), ("62.5%", 6_250), ("62.55%", 6_255), ("0%", 0), ("100%", 10_000), ("5%", 500),
    ] as [(String, Int64)])
    func percentParsing(text: String, bp: Int64) {
        #expect(Ratio(percentText: text) == Ratio(basisPoints: bp))
    }

    @Test("percentages finer than a basis point or without % are refused", arguments: ["62.555%", "80", "%", "-5%", "abc%"])
    func percentRefused(text: String) {
        #expect(Ratio(percentText: text) == nil)
    }

    @Test("percent text drops trailing zeros")
    func percentText() {
        #expect(Ratio(basisPoints: 8_000).percentText == "80%")
        #expect(Ratio(basisPoints: 6_250).percentText == "62.5%")
        #expect(Ratio(basisPoints: 6_255).percentText == "62.55%")
        #expect(Ratio(basisPoints: 5).percentText == "0.05%")
    }

    @Test("applying a ratio rounds half up at exactly half a fen", arguments: [
        // 1 fen × 50% = 0.5 → 1
        (1, 5_000, 1),
        // 25 fen × 10% = 2.5 → 3 (banker's rounding would give 2)
        (25, 1_000, 3),
        // 15 fen × 10% = 1.5 → 2
        (15, 1_000, 2),
        // 4 fen × 10% = 0.4 → 0
        (4, 1_000, 0),
        // 1,235 fen × 10% = 123.5 → 124
        (1_235, 1_000, 124),
        // 1,234 fen × 10% = 123.4 → 123
        (1_234, 1_000, 123),
        // 33,333 fen × 60% = 19,999.8 → 20,000
        (33_333, 6_000, 20_000),
        // 4,740,000 fen × 70% = 3,318,000 exactly (in scope 48,000 − deductible 600 = 47,400 yuan × 70% = 33,180.00)
        (4_740_000, 7_000, 3_318_000),
    ] as [(Int64, Int64, Int64)])
    func halfUp(fen: Int64, bp: Int64, expected: Int64) {
        #expect(Money(fen: fen).applying(Ratio(basisPoints: bp)) == Money(fen: expected))
    }

    @Test("a sum of band parts is rounded once, not per band")
    func roundedOnce() {
        // 2 fen at 60% = 1.2 fen; 19,002 fen at 65% = 12,351.3 fen.
        // Once: 2×6000 + 19,002×6500 = 12,000 + 123,513,000 = 123,525,000 fen·bp → 12,352.5 → 12,353 fen.
        // Per band: 1 + 12,351 = 12,352 fen (one fen short).
        let exact = 2 * 6_000 + 19_002 * 6_500 as Int64
        #expect(Ratio.roundHalfUp(fenBasisPoints: exact) == 12_353)
        let perBand = Money(fen: 2).applying(.percent(60)) + Money(fen: 19_002).applying(.percent(65))
        #expect(perBand == Money(fen: 12_352))
    }

    @Test("negative products round half away from zero")
    func negativeHalf() {
        #expect(Ratio.roundHalfUp(fenBasisPoints: -5_000) == -1)
        #expect(Ratio.roundHalfUp(fenBasisPoints: -4_999) == 0)
    }
}
