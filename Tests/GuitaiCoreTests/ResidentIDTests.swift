import Testing
import GuitaiCore
import TestSupport

/// The resident ID number (GB 11643-1999) as the counter clerk types it: domain.md, "Identity".
@Suite("Resident ID number")
struct ResidentIDTests {
    let today = Fixtures.today
    let divisions = Fixtures.divisions

    func parse(_ text: String, allowTraining: Bool = false) -> Result<ResidentID, IDRejection> {
        ResidentID.parse(text, today: today, divisions: divisions, allowTraining: allowTraining)
    }

    func rejection(_ text: String, allowTraining: Bool = false) -> IDRejection? {
        if case .failure(let why) = parse(text, allowTraining: allowTraining) { return why }
        return nil
    }

    /// Seventeen digits plus the check character from the test's own reading of the standard (`GB11643`).
    func withCheck(_ seventeen: String) -> String { seventeen + String(GB11643.check(seventeen)) }

    // MARK: accepted numbers

    @Test("the standard's own example 11010519491231002X is valid")
    func standardExample() throws {
        // GB 11643 example. Check: Σ digit×weight over 11010519491231002 with 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
        // = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → table[2] = X.
        let id = try parse("11010519491231002X").get()
        #expect(id.value == "11010519491231002X")
        #expect(id.regionCode == "110105")
    }

    @Test("the standard's weights and table, pinned by their documented values")
    func weightsAsDocumented() {
        // domain.md: weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; sum mod 11 indexes 1 0 X 9 8 7 6 5 4 3 2.
        #expect(GB11643.weights == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
        #expect(String(GB11643.table) == "10X98765432")
        // Numbers worked by hand, one for every remainder 0…10. For 54010219550310 followed by three sequence digits
        // abc, the sum is 5·7+4·9+0·10+1·5+0·8+2·4+1·2+9·1+5·6+5·3+0·7+3·9+1·10+0·5 = 177, plus 8a+4b+2c.
        let worked: [(number: String, sum: Int)] = [
            ("540102195503100051", 177 + 10), ("540102195503100000", 177), ("54010219550310006X", 177 + 12),
            ("540102195503100019", 177 + 2), ("540102195503100078", 177 + 14), ("540102195503100027", 177 + 4),
            ("540102195503100086", 177 + 16), ("540102195503100035", 177 + 6), ("540102195503100094", 177 + 18),
            ("540102195503100043", 177 + 8), ("540102195503100182", 177 + 4 + 16),
        ]
        #expect(Set(worked.map { $0.sum % 11 }) == Set(0...10))
        for (number, sum) in worked {
            #expect(Array("10X98765432")[sum % 11] == number.last, "\(number): the hand computation itself is wrong")
            #expect(ResidentID.checkCharacter(for: Array(number.prefix(17))) == number.last, "\(number)")
            #expect(GB11643.check(String(number.prefix(17))) == number.last, "\(number): the test helper disagrees")
        }
        // And the historic and permit numbers of the edge rules.
        for number in ["11010519491231002X", "440524188001010014", "110101190001010014", "830000198506150032",
                       "810000199001011230", "820000199001011232", "11010118991231001X"] {
            #expect(ResidentID.checkCharacter(for: Array(number.prefix(17))) == number.last, "\(number)")
        }
    }

    @Test("the check character for the first 17 digits follows the weights and the 1 0 X 9 8 … table")
    func checkCharacterComputation() {
        // 167 mod 11 = 2 → X (see standardExample)
        #expect(ResidentID.checkCharacter(for: Array("11010519491231002")) == "X")
        // 44052418800101001: 28+36+0+25+16+16+2+8+48+0+0+9+0+5+0+0+2 = 195; 195 mod 11 = 8 → table[8] = 4
        // (the well-known example 440524188001010014).
        #expect(ResidentID.checkCharacter(for: Array("44052418800101001")) == "4")
    }

    @Test("a lower-case x is accepted and stored upper-case")
    func lowerCaseX() throws {
        let id = try parse("11010519491231002x").get()
        #expect(id.value == "11010519491231002X")
    }

    @Test("surrounding spaces from a paste are ignored")
    func surroundingSpaces() throws {
        #expect(try parse("  11010519491231002X ").get().value == "11010519491231002X")
    }

    @Test("an old 15-digit number is upgraded: 19 inserted and the check character computed")
    func fifteenDigitUpgrade() throws {
        // 110105 491231 002 → 110105 19491231 002 + check X (see standardExample).
        let id = try parse("110105491231002").get()
        #expect(id.value == "11010519491231002X")
        #expect(id.birthDate == Fixtures.day("1949-12-31"))
        #expect(id.value.count == 18)
    }

    @Test("a historic region code (110103 崇文区, merged into 东城区 in 2010) is still accepted")
    func historicRegion() throws {
        #expect(divisions.division("110103")?.isCurrent == false)
        let number = GB11643.number(region: "110103", birth: "1975-04-02", sequence: 15)
        let id = try parse(number).get()
        #expect(id.regionCode == "110103")
        let place = divisions.place(of: id.regionCode)
        #expect(place.county == "崇文区")
        #expect(place.fullName == "北京市崇文区")
    }

    @Test("a number born today is accepted")
    func bornToday() throws {
        let number = GB11643.number(region: "540102", birth: "20240601", sequence: 2)
        #expect(try parse(number).get().birthDate == today)
    }

    // MARK: derived facts

    @Test("birth date, sex and age are derived from the number")
    func derivedFacts() throws {
        let id = try parse("11010519491231002X").get()
        #expect(id.birthDate == Fixtures.day("1949-12-31"))
        // sequence 002: the last digit 2 is even → female
        #expect(id.sex == .female)
        // 1949-12-31 → 2024-06-01: the birthday of 2024 has not come yet → 74
        #expect(id.age(on: Fixtures.day("2024-06-01")) == 74)
        #expect(id.age(on: Fixtures.day("2024-12-30")) == 74)
        #expect(id.age(on: Fixtures.day("2024-12-31")) == 75)
    }

    @Test("an odd sequence digit is male, an even one female")
    func sexFromSequence() {
        let born = Fixtures.day("1980-05-12")
        for (sequence, sex) in [(11, Sex.male), (22, .female), (109, .male)] {
            let id = ResidentID(stored: GB11643.number(region: "540102", birth: born.compact, sequence: sequence))
            #expect(id?.sex == sex, "sequence \(sequence)")
        }
    }

    @Test("a composed number parses back to itself")
    func composeRoundTrip() throws {
        let composed = ResidentID.compose(region: "540102", birth: Fixtures.day("1980-05-12"), sequence: 11)
        #expect(composed.value == GB11643.number(region: "540102", birth: "19800512", sequence: 11))
        #expect(try parse(composed.value).get() == composed)
    }

    @Test("place names for a Lhasa number: 西藏自治区 / 拉萨市 / 城关区")
    func placeNames() {
        let place = divisions.place(of: "540102")
        #expect(place.province == "西藏自治区")
        #expect(place.prefecture == "拉萨市")
        #expect(place.county == "城关区")
        #expect(place.shortName == "城关区")
        #expect(place.fullName == "西藏自治区拉萨市城关区")
    }

    @Test("place names for a prefecture code have no county, and 市辖区 is left out of the full name")
    func placeNamesPrefectureAndCityDistrict() {
        let lhasa = divisions.place(of: "540100")
        #expect(lhasa.county == nil)
        #expect(lhasa.fullName == "西藏自治区拉萨市")
        let chaoyang = divisions.place(of: "110105")
        #expect(chaoyang.prefecture == "市辖区")
        #expect(chaoyang.fullName == "北京市朝阳区")
    }

    @Test("on screens the number is masked: first 6 and last 4")
    func masked() throws {
        let id = try parse("11010519491231002X").get()
        #expect(id.masked == "110105********002X")
        #expect("\(id)" == "110105********002X")
    }

    // MARK: rejections

    @Test("wrong lengths are refused with the length found", arguments: [
        ("1101051949123100", 16), ("11010519491231002", 17), ("11010519491231002XX", 19), ("11010549123100", 14),
    ])
    func wrongLength(text: String, count: Int) {
        let why = rejection(text)
        #expect(why == .wrongLength(count))
        #expect(why?.code == "id-wrong-length")
        #expect(why?.message.zh.contains("\(count)位") == true)
        #expect(why?.message.en.contains("has \(count)") == true)
    }

    @Test("an empty entry is refused as empty")
    func empty() {
        #expect(rejection("") == .empty)
        #expect(rejection("   ") == .empty)
    }

    @Test("a letter inside the number is refused with its position")
    func badCharacter() {
        // position 15 is the first sequence digit
        let why = rejection("11010519491231A02X")
        #expect(why == .badCharacter(position: 15, character: "A"))
        #expect(why?.code == "id-bad-character")
        #expect(why?.message.zh.contains("第15位") == true)
        #expect(why?.message.en.contains("Character 15") == true)
    }

    @Test("X anywhere but the 18th character is refused")
    func xNotLast() {
        #expect(rejection("1101051949123100X2") == .badCharacter(position: 17, character: "X"))
        #expect(rejection("11010549123100X") == .badCharacter(position: 15, character: "X"))
    }

    @Test("a wrong check character is refused naming the expected one")
    func badCheckCharacter() {
        // 11010519491231002 → X (standardExample); typed as 1
        let why = rejection("110105194912310021")
        #expect(why == .badCheckCharacter(expected: "X", found: "1"))
        #expect(why?.code == "id-bad-check-character")
        #expect(why?.message.zh.contains("应为 X") == true)
        #expect(why?.message.en.contains("should be X") == true)
    }

    @Test("an impossible birth date (20230230) is refused", arguments: ["20230230", "20231301", "20230000", "19000229"])
    func impossibleDate(_ birth: String) {
        let number = withCheck("540102" + birth + "011")
        let why = rejection(number)
        #expect(why == .impossibleBirthDate(birth))
        #expect(why?.code == "id-impossible-date")
        #expect(why?.message.zh.contains(birth) == true)
        #expect(why?.message.en.contains("not a real date") == true)
    }

    @Test("29 February is accepted in a leap year")
    func leapDay() throws {
        #expect(try parse(withCheck("540102" + "20000229" + "011")).get().birthDate == Fixtures.day("2000-02-29"))
    }

    @Test("a birth date after today is refused")
    func futureBirth() {
        let tomorrow = Fixtures.day("2024-06-02")
        let number = GB11643.number(region: "540102", birth: "20240602", sequence: 11)
        let why = rejection(number)
        #expect(why == .birthDateInFuture(tomorrow))
        #expect(why?.code == "id-future-birth-date")
        #expect(why?.message.zh.contains("2024-06-02") == true)
        #expect(why?.message.en.contains("after today") == true)
    }

    @Test("a region code not in the division table is refused")
    func unknownRegion() {
        #expect(!divisions.contains("540199"))
        let number = GB11643.number(region: "540199", birth: "1980-05-12", sequence: 11)
        let why = rejection(number)
        #expect(why == .unknownRegion("540199"))
        #expect(why?.code == "id-unknown-region")
        #expect(why?.message.zh.contains("540199") == true)
        #expect(why?.message.en.contains("not in the division table") == true)
    }

    @Test("a training number (region 99…) is refused by a real store and accepted by a training store")
    func trainingRegion() throws {
        let number = GB11643.number(region: "990102", birth: "1988-08-08", sequence: 21)
        let why = rejection(number)
        #expect(why == .trainingRegion("990102"))
        #expect(why?.code == "id-training-region")
        #expect(why?.message.zh.contains("培训") == true)
        #expect(why?.message.en.contains("training") == true)
        let id = try parse(number, allowTraining: true).get()
        #expect(id.isTraining)
        #expect(id.value == number)
    }

    @Test("every one-character change of a real number is judged as the standard says (the parser's byte path)")
    func everyNearMissIsJudgedByTheRules() {
        let valid = GB11643.number(region: "540102", birth: "1955-03-10", sequence: 123)
        for position in 0..<18 {
            for replacement in Array("0123456789Xx") {
                var characters = Array(valid)
                characters[position] = replacement
                let text = String(characters)
                let upper = text.uppercased()
                let body = String(upper.prefix(17))
                // The rules as the test reads them: digits, the check character, a real date by today, a known region.
                let digitsOnly = body.allSatisfy { $0.isASCII && $0.isNumber }
                let y = Int(upper.dropFirst(6).prefix(4)) ?? 0, m = Int(upper.dropFirst(10).prefix(2)) ?? 0
                let d = Int(upper.dropFirst(12).prefix(2)) ?? 0
                let monthDays = [31, y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
                let realDate = y >= 1900 && (1...12).contains(m) && d >= 1 && d <= monthDays[m - 1 < 0 ? 0 : min(m - 1, 11)]
                let notFuture = (y, m, d) <= (today.year, today.month, today.day)
                let expected = digitsOnly && GB11643.check(body) == upper.last && realDate && notFuture
                    && divisions.contains(String(upper.prefix(6)))
                switch parse(text) {
                case .success(let id):
                    #expect(expected, "\(text) was accepted")
                    #expect(id.value == upper)
                case .failure:
                    #expect(!expected, "\(text) was refused")
                }
            }
        }
    }

    @Test("the division table answers the same for a code's number as for its six characters")
    func divisionLookupByNumberAgreesWithText() {
        var known = 0
        for number in 0..<1_000_000 where number % 7 == 0 || number % 100 == 2 || number % 10_000 == 0 {
            let text = String(repeating: "0", count: 6 - String(number).count) + String(number)
            #expect(divisions.contains(code: number) == divisions.contains(text), "\(text)")
            if divisions.contains(text) { known += 1 }
        }
        #expect(known > 100)
        #expect(divisions.contains(code: 810000) && !divisions.contains(code: -1) && !divisions.contains(code: 1_000_000))
    }

    @Test("allowTraining does not let an unknown real region through")
    func allowTrainingStillChecksRealRegions() {
        let number = GB11643.number(region: "540199", birth: "1980-05-12", sequence: 11)
        #expect(rejection(number, allowTraining: true) == .unknownRegion("540199"))
    }

    @Test("every rejection speaks plain words in both languages, never an internal name")
    func plainWordsEverywhere() {
        let all: [IDRejection] = [
            .empty, .wrongLength(16), .badCharacter(position: 3, character: "A"),
            .badCheckCharacter(expected: "X", found: "1"), .impossibleBirthDate("20230230"),
            .birthDateInFuture(Fixtures.day("2030-01-01")), .unknownRegion("540199"), .trainingRegion("990102"),
        ]
        for why in all {
            #expect(!why.message.zh.isEmpty && !why.message.en.isEmpty)
            // zh text is Chinese, en text is not
            #expect(why.message.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(why)")
            #expect(!why.message.en.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(why)")
            for internalName in ["wrongLength", "badCharacter", "badCheck", "impossibleBirthDate", "unknownRegion", "trainingRegion", "IDRejection"] {
                #expect(!why.message.en.contains(internalName) && !why.message.zh.contains(internalName))
            }
        }
    }
}
