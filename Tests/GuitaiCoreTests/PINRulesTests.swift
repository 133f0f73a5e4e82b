import Testing
import GuitaiCore

/// The e-card PIN (domain.md §2): six digits, refusing six equal digits, runs, and the birth date.
/// The holder in most cases is born 1958-11-02: YYMMDD 581102, MMDDYY 110258, MMDD 1102.
@Suite struct PINRulesTests {
    static let birth = Fixtures.day("1958-11-02")

    @Test(arguments: ["000000", "111111", "555555", "999999"])
    func sixEqualDigitsAreRefused(pin: String) {
        #expect(PINRules.check(pin, birth: Self.birth)?.code == "weak-pin")
    }

    @Test(arguments: ["012345", "123456", "345678", "456789"])
    func ascendingRunsAreRefused(pin: String) {
        #expect(PINRules.check(pin, birth: Self.birth)?.code == "weak-pin")
    }

    @Test(arguments: ["987654", "654321", "543210", "876543"])
    func descendingRunsAreRefused(pin: String) {
        #expect(PINRules.check(pin, birth: Self.birth)?.code == "weak-pin")
    }

    @Test(arguments: [
        ("1958-11-02", "581102"), ("1958-11-02", "110258"), ("1958-11-02", "110200"), ("1958-11-02", "110299"),
        // Months and days below ten keep their leading zero: 1990-03-07 → 900307, 030790, 0307xx.
        ("1990-03-07", "900307"), ("1990-03-07", "030790"), ("1990-03-07", "030741"),
        // A year in the 2000s: 2001-01-05 → 010105, 010501, 0105xx.
        ("2001-01-05", "010105"), ("2001-01-05", "010501"), ("2001-01-05", "010577"),
    ])
    func theBirthDateIsRefused(born: String, pin: String) {
        let problem = PINRules.check(pin, birth: Fixtures.day(born))
        #expect(problem?.code == "weak-pin", "\(pin) for someone born \(born) was accepted")
        #expect(problem?.kind == .refused)
        #expect(problem?.message.zh.contains("出生日期") == true)
    }

    @Test(arguments: ["739146", "581103", "110358", "991102", "102958", "123465", "135792", "864200"])
    func aGoodPINIsAccepted(pin: String) {
        // 581103 and 110358 are one digit off the birth date; 991102 holds MMDD but not at the start;
        // 123465 breaks the run at the end; 864200 has a repeated digit but is no run.
        #expect(PINRules.check(pin, birth: Self.birth) == nil, "\(pin) was refused")
    }

    @Test(arguments: ["12a456", "12345", "1234567", "", "１２３４５６", "73914 ", "7391-6", "七三九一四六"])
    func nonDigitsAndWrongLengthsAreRefused(pin: String) {
        let problem = PINRules.check(pin, birth: Self.birth)
        #expect(problem != nil, "\(pin) was accepted")
        #expect(problem?.kind == .refused)
    }

    // MARK: phones

    @Test(arguments: ["13912345678", "13012345678", "15987654321", "18600001111", "19912345678", " 13812345678 "])
    func elevenDigitMobileNumbersAreAccepted(phone: String) throws {
        let accepted = try Person.validatePhone(phone).get()
        #expect(accepted == phone.filter { $0 != " " })
    }

    @Test(arguments: ["1391234567", "139123456789", "12812345678", "11812345678", "10012345678", "23912345678",
                      "1391234567a", "139-1234-567", "", "１３９１２３４５６７８"])
    func otherPhonesAreRefused(phone: String) {
        switch Person.validatePhone(phone) {
        case .success(let value): Issue.record("\(phone) was accepted as \(value)")
        case .failure(let error): #expect(error.kind == .refused)
        }
    }

    @Test func phonesAreMaskedOnScreens() {
        #expect(Person.maskPhone("13812345678") == "138****5678")
    }
}
