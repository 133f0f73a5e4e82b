import Testing
import GuitaiCore

/// The edges of domain.md ("Edges every procedure checks") that are pure rules: ID numbers at the edges, bounded
/// printable text, bounded amounts, files from any office, and dates and money that never trap.
/// Check characters below were computed outside the code under test (GB 11643 by hand in a script).
@Suite struct EdgeRulesTests {
    func parse(_ text: String) -> Result<ResidentID, IDRejection> {
        ResidentID.parse(text, today: Fixtures.today, divisions: Fixtures.divisions)
    }

    @Test func birthDatesBefore1900AreRefusedWithTheDateNamed() {
        for (number, date) in [("110101000101010011", "0001-01-01"), ("110101180001010015", "1800-01-01"),
                               ("11010118991231001X", "1899-12-31")] {
            guard case .failure(let rejection) = parse(number) else {
                Issue.record("\(number) was accepted")
                continue
            }
            #expect(rejection.message.zh.contains(date) && rejection.message.en.contains("1900"), "\(rejection.message.en)")
        }
        // 1900-01-01 itself is a possible birth date.
        #expect((try? parse("110101190001010014").get()) != nil)
    }

    @Test func hongKongMacaoAndTaiwanResidencePermitsAreValidAndLabelledAsThePermit() throws {
        let taiwan = try parse("830000198506150032").get()
        #expect(taiwan.birthDate == Fixtures.day("1985-06-15"))
        #expect(taiwan.permit?.zh == "台湾居民居住证")
        #expect(Fixtures.divisions.place(of: "830000").fullName == "台湾居民居住证")
        #expect(try parse("810000199001011230").get().permit?.en.contains("Hong Kong") == true)
        #expect(try parse("820000199001011232").get().permit?.en.contains("Macao") == true)
        // 840000 is no permit and no division.
        guard case .failure(.unknownRegion) = parse("840000198506150034") else {
            Issue.record("840000 was accepted")
            return
        }
    }

    @Test func textIsBoundedAndPrintableAndNamesKeepTheirDot() throws {
        #expect(try StoredText.check("扎西.平措", as: .name) == "扎西·平措")
        #expect(try StoredText.check("阿旺•次仁・多吉‧罗布", as: .name) == "阿旺·次仁·多吉·罗布")
        #expect(try StoredText.check("  卓玛  ", as: .name) == "卓玛")
        // Control characters (C0, DEL, C1) and bidirectional overrides and isolates are refused in every kind.
        let forbidden: [Unicode.Scalar] = ["\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9F}", "\u{202A}", "\u{202E}",
                                           "\u{2066}", "\u{2069}"]
        for kind in TextKind.allCases {
            for scalar in forbidden {
                let text = "卓" + String(Character(scalar)) + "玛"
                #expect(throws: DomainError.self, "\(kind) accepted U+\(String(scalar.value, radix: 16))") {
                    try StoredText.check(text, as: kind)
                }
            }
        }
        // Characters that print nothing: zero-width space, direction marks, byte-order mark, line separator, tags.
        for invisible in ["\u{200B}", "\u{200F}", "\u{061C}", "\u{FEFF}", "\u{2028}", "\u{E0001}"] {
            #expect(throws: DomainError.self, "\(invisible.unicodeScalars.first?.value ?? 0)") { try StoredText.check("卓" + invisible + "玛", as: .name) }
        }
        // The zero-width non-joiner and joiner shape letters in Arabic-script names (Uyghur) and are kept.
        #expect(try StoredText.check("مۇھەممەت\u{200C}ئىلى", as: .name) == "مۇھەممەت\u{200C}ئىلى")
        #expect(try StoredText.check("ئا\u{200D}بدۇ", as: .name) == "ئا\u{200D}بدۇ")
        // A "character" of a thousand combining marks is refused, and says why.
        let stacked = "e" + String(repeating: "\u{0301}", count: 1000)
        #expect(throws: DomainError.self) { try StoredText.check(stacked, as: .name) }
        // A newline inside a name is a control character too (a password pasted with its Enter).
        #expect(throws: DomainError.self) { try StoredText.check("卓玛\n123", as: .name) }
        // Limits, in characters: 40 for a name, 64 for a reference, 100 for a reason.
        #expect(throws: Never.self) { try StoredText.check(String(repeating: "藏", count: 40), as: .name) }
        #expect(throws: DomainError.self) { try StoredText.check(String(repeating: "藏", count: 41), as: .name) }
        #expect(throws: DomainError.self) { try StoredText.check(String(repeating: "A", count: 65), as: .reference) }
        #expect(throws: DomainError.self) { try StoredText.check(String(repeating: "因", count: 101), as: .reason) }
        #expect(throws: DomainError.self) { try StoredText.check("", as: .name) }
        #expect(try StoredText.checkOptional("  ", as: .reference) == nil)
        #expect(throws: DomainError.self) { try StoredText.check("lhasa/2023", as: .policyID) }
    }

    @Test func filesFromAnyOfficeReadTheSameAndGBKIsNamed() throws {
        let text = "id,date,result\n540102,2023-05-30,pass\n"
        let bytes = Array(text.utf8)
        #expect(try InputText.decode(bytes, file: "a.csv") == text)
        #expect(try InputText.decode([0xEF, 0xBB, 0xBF] + bytes, file: "a.csv") == text)
        let windows = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        #expect(try InputText.decode([0xEF, 0xBB, 0xBF] + windows, file: "a.csv") == text)
        #expect(try InputText.decode(Array("a\rb\r".utf8), file: "mac.txt") == "a\nb\n")
        // 扎西 in GBK: D4 FA CE F7.
        let gbk: [UInt8] = Array("name\n".utf8) + [0xD4, 0xFA, 0xCE, 0xF7] + Array("\n".utf8)
        do {
            _ = try InputText.decode(gbk, file: "excel.csv")
            Issue.record("GBK was read as text")
        } catch {
            #expect(error.code == "not-utf8")
            #expect(error.message.zh.contains("GBK") && error.message.zh.contains("UTF-8") && error.message.zh.contains("excel.csv"))
            #expect(error.message.en.contains("GBK") && error.message.en.contains("Save As"))
        }
        #expect(throws: DomainError.self) { try InputText.decode([0xFF, 0xFE, 0x61, 0x00], file: "utf16.txt") }
        // 药品 in GBK (D2A9 C6B7) is also valid UTF-8, "ҩƷ": a file with such letters and no Chinese at all is GBK.
        let short: [UInt8] = Array(#"[{"name":""#.utf8) + [0xD2, 0xA9, 0xC6, 0xB7] + Array(#"","category":"A","amount":"5"}]"#.utf8)
        #expect(throws: DomainError.self) { try InputText.decode(short, file: "bill.json") }
        // UTF-8 Chinese beside it is read as it is.
        #expect(try InputText.decode(Array("药品 ҩƷ".utf8), file: "mixed.txt") == "药品 ҩƷ")
        #expect(throws: DomainError.self) { try InputText.decode([0x61, 0x00, 0x62], file: "binary") }
    }

    @Test func policyAmountsAbove10MillionYuanAreRefusedWithTheLineNamed() {
        let text = Fixtures.policyText("xizang-2023").replacingOccurrences(of: "cap = 250000 | illustrative",
                                                                         with: "cap = 99999999999999.99 | illustrative")
        do {
            _ = try Fixtures.reader.read(text, file: "big.policy")
            Issue.record("a 100-trillion cap was accepted")
        } catch {
            let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("99999999999999.99") }.map { $0 + 1 }
            #expect(error.line == line)
            #expect(error.problem.en.contains("10,000,000.00"))
        }
        // Exactly 10,000,000.00 is still an amount.
        let edge = Fixtures.policyText("xizang-2023").replacingOccurrences(of: "cap = 250000 | illustrative", with: "cap = 10000000 | illustrative")
        #expect((try? Fixtures.reader.read(edge, file: "edge.policy")) != nil)
    }

    @Test func sectionsAndKeysOfDotsAloneAreRefusedNotATrap() {
        // `[.]` then `. = 1` makes the key "...", which once split into nothing and trapped.
        for extra in ["[.]\n. = 1 | x", "[..]\n.. = 2", "[basic]\n. = 1 | x", "[]\nx = 1"] {
            let text = Fixtures.policyText("xizang-2023") + "\n" + extra + "\n"
            #expect(throws: PolicyError.self, "\(extra)") { try Fixtures.reader.read(text, file: "dots.policy") }
        }
    }

    @Test func aPolicyLineWithAControlCharacterIsRefused() {
        let text = Fixtures.policyText("xizang-2023").replacingOccurrences(of: "title = 西藏自治区 2023", with: "title = 西藏\u{202E}自治区")
        #expect(throws: PolicyError.self) { try Fixtures.reader.read(text, file: "bidi.policy") }
    }

    @Test func pensionAgesAndABackDatingLimitComeFromThePolicyWithNationalDefaults() throws {
        #expect(Fixtures.xizang.pensionAge.resident.value == 60)
        #expect(Fixtures.xizang.pensionAge.employeeMale.value == 60)
        #expect(Fixtures.xizang.pensionAge.employeeFemale.value == 50)
        #expect(Fixtures.xizang.backdateLimitDays == nil)
        let hall = """
            [policy]
            id = hall-2023
            regions = 5401
            year = 2023
            extends = xizang-2023

            [pension-age]
            employee-female = 55 | hall: cadres

            [enrolment]
            backdate-limit-days = 365 | hall rule
            """
        let policy = try Fixtures.reader.read(hall, file: "hall.policy")
        #expect(policy.pensionAge.employeeFemale.value == 55)
        #expect(policy.pensionAge.employeeMale.value == 60)
        #expect(policy.backdateLimitDays?.value == 365)
    }

    @Test func datesAndMonthsNeverTrapAtTheEndsOfTheCalendar() {
        let last = Fixtures.day("9999-12-31")
        #expect(last.adding(days: 1) == last)
        #expect(last.adding(months: 12) == last)
        #expect(Fixtures.day("0001-01-01").adding(days: -1) == Fixtures.day("0001-01-01"))
        #expect(Fixtures.day("2023-06-01").adding(months: Int.max) == last)
        #expect(Fixtures.day("2023-06-01").adding(days: Int.min) == Fixtures.day("0001-01-01"))
        #expect(YearMonth(iso: "9999-12")?.adding(months: 1) == YearMonth(iso: "9999-12"))
        #expect(YearMonth(iso: "0001-01")?.adding(months: -1) == YearMonth(iso: "0001-01"))
        // Inside the calendar the arithmetic is the ordinary one.
        #expect(Fixtures.day("2024-01-31").adding(months: 1) == Fixtures.day("2024-02-29"))
        #expect(Fixtures.day("2023-12-31").adding(days: 1) == Fixtures.day("2024-01-01"))
    }

    @Test func moneyArithmeticNeverTraps() {
        let most = Money(fen: .max), least = Money(fen: .min)
        #expect(most + Money(fen: 1) == most)
        #expect(least - Money(fen: 1) == least)
        #expect(least + Money(fen: -1) == least)
        #expect(Money(fen: 1) - least == most)
        #expect(most.times(2) == most)
        #expect(Money(fen: -5).times(Int.max) == least)
        #expect(Ratio(basisPoints: 10_000).apply(to: most) == most)
        #expect(Ratio(basisPoints: 5_000).apply(to: Money(fen: 3)) == Money(fen: 2))   // 1.5 fen, half up
        #expect(Ratio(basisPoints: 5_000).apply(to: Money(fen: -3)) == Money(fen: -2))
        #expect(Money.yuan(.max) == most)
        // Ordinary sums are exact.
        #expect(Money(fen: 123_456) + Money(fen: 654) == Money(fen: 124_110))
    }

    @Test func businessDatesOutside1990To2099AreAUsageError() {
        for day in ["1989-12-31", "2100-01-01", "9999-01-01", "0001-01-01"] {
            #expect(throws: DomainError.self, "\(day)") { try BusinessDateRange.check(Fixtures.day(day)) }
        }
        for day in ["1990-01-01", "2099-12-31", "2023-06-01"] {
            #expect(throws: Never.self, "\(day)") { try BusinessDateRange.check(Fixtures.day(day)) }
        }
    }
}
