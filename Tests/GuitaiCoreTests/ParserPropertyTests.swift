import PropertyBased
import Testing
import GuitaiCore

/// Nothing traps (domain.md): random input to every parser and to the settlement engine is refused cleanly or
/// accepted, and what is accepted is well formed. Each run draws a new seed; a failure prints the seed, which
/// `.fixedSeed` replays.
@Suite struct ParserPropertyTests {
    /// Characters a parser cares about, plus what a hostile input adds: other scripts, controls, CRLF, bidi, emoji.
    static let hostile: [Character] = ["中", "藏", "\u{0}", "\u{7}", "\r\n", "\r", "\n", "\t", "\u{202E}", "\u{2066}",
                                       "💥", "\u{85}", "\u{FEFF}", "·", "é"]

    static func characters(_ alphabet: String) -> [Character] { Array(alphabet) + hostile }

    static let idText = Gen<Character?>.element(of: characters("0123456789Xx -")).map { $0 ?? " " }.string(of: 0...20)
    static let moneyText = Gen<Character?>.element(of: characters("0123456789.,-+e ")).map { $0 ?? " " }.string(of: 0...24)
    static let dateText = Gen<Character?>.element(of: characters("0123456789-")).map { $0 ?? " " }.string(of: 0...12)
    static let policyJunk = Gen<Character?>.element(of: characters("0123456789.%|=- abcnone[]")).map { $0 ?? " " }.string(of: 0...30)

    @Test func idNumbersAreJudgedWithoutTrappingAndAcceptedOnesAreWellFormed() async {
        await propertyCheck(count: 3000, input: Self.idText) { text in
            guard case .success(let id) = ResidentID.parse(text, today: Fixtures.today, divisions: Fixtures.divisions) else { return }
            #expect(id.value.count == 18)
            #expect(id.birthDate >= ResidentID.earliestBirth && id.birthDate <= Fixtures.today)
            #expect(ResidentID(stored: id.value) == id)
        }
        // Near misses of a real number: every single-character change.
        let valid = Array("540102195503101230")
        await propertyCheck(count: 2000, input: Gen.int(in: 0...17), Gen<Character?>.element(of: Array("0123456789Xx中\u{0}"))) { index, character in
            var chars = valid
            chars[index] = character ?? "0"
            _ = ResidentID.parse(String(chars), today: Fixtures.today, divisions: Fixtures.divisions)
        }
    }

    @Test func moneyTextParsesOrIsRefusedAndRoundTrips() async {
        await propertyCheck(count: 3000, input: Self.moneyText) { text in
            guard let money = Money(yuan: text, allowingSeparators: true) else { return }
            #expect(Money(yuan: money.plain) == money)
        }
        await propertyCheck(count: 2000, input: Gen.int64(in: -999_999_999_999_999...999_999_999_999_999)) { fen in
            let money = Money(fen: fen)
            #expect(Money(yuan: money.plain) == money)
            #expect(Money(yuan: money.grouped, allowingSeparators: true) == money)
        }
    }

    @Test func datesAndMonthsParseOrAreRefusedAndTheirArithmeticNeverTraps() async {
        await propertyCheck(count: 3000, input: Self.dateText, Gen.int(in: .min ... .max)) { text, offset in
            if let date = LocalDate(iso: text) {
                #expect(date.iso == text)
                _ = date.adding(days: offset)
                _ = date.adding(months: offset)
                _ = date.yearMonth.adding(months: offset).lastDay
            }
            if let month = YearMonth(iso: text) {
                #expect(month.iso == text)
                _ = month.adding(months: offset).firstDay
            }
        }
    }

    @Test func policyFilesWithAnyLineDamagedAreReadOrRefusedWithALine() async {
        let lines = Fixtures.policyText("xizang-2023").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        await propertyCheck(count: 1500, input: Gen.int(in: 0...(lines.count - 1)), Self.policyJunk, Gen.int(in: 0...3)) { index, replacement, how in
            var damaged = lines
            switch how {
            case 0: damaged[index] = replacement
            case 1: damaged.remove(at: index)
            case 2: damaged.insert(replacement, at: index)
                damaged.insert("[" + replacement + "]", at: index)
            default:
                if let equals = damaged[index].firstIndex(of: "=") {
                    damaged[index] = String(damaged[index][...equals]) + " " + replacement
                }
            }
            let text = damaged.joined(separator: how == 3 ? "\r\n" : "\n")
            do {
                let policy = try Fixtures.reader.read(text, file: "damaged.policy")
                #expect(!policy.id.isEmpty)
            } catch let error as PolicyError {
                let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
                #expect(error.line >= 0 && error.line <= lineCount)
            } catch {
                Issue.record("not a policy error: \(error)")
            }
        }
    }

    @Test func anyPolicyTheReaderAcceptsSettlesEveryBillWithPartsThatAddUp() async {
        // Each parameter given a random value of its own kind; whatever the reader accepts must settle cleanly.
        let lines = Fixtures.policyText("xizang-2023").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let valued = lines.indices.filter { lines[$0].contains("=") && lines[$0].contains("|") }
        let bill = Bill(date: Fixtures.day("2023-06-01"), visit: .inpatient, level: .three, major: true,
                        items: [BillItem(name: "床位", category: .a, amount: .yuan(300_000)), BillItem(name: "药", category: .b, amount: .yuan(50_000))])
        await propertyCheck(count: 1500, input: Gen<Int?>.element(of: valued), Gen.int(in: 0...10_000), Gen.int64(in: 0...1_000_000_000)) { index, basisPoints, fen in
            guard let index else { return }
            var text = lines
            let line = text[index]
            let key = line.split(separator: "=")[0]
            let source = line.split(separator: "|").last.map(String.init) ?? "x"
            let percent = String(basisPoints / 100) + "." + String(basisPoints % 100 / 10) + String(basisPoints % 10) + "%"
            let amount = Money(fen: fen).plain
            text[index] = key + "= " + (line.contains("%") ? percent : amount) + " |" + source
            guard let policy = try? Fixtures.reader.read(text.joined(separator: "\n"), file: "random.policy") else { return }
            for groups: Set<SpecialGroup> in [[], [.tekun], [.dibao, .border]] {
                do {
                    let result = try SettlementEngine.settle(bill, cover: .covered(scheme: .residentMedical, status: nil, regionCode: "540102"),
                                                             groups: groups, policy: policy, yearToDate: YearToDate())
                    #expect(result.basicPaid.fen + result.criticalIllnessPaid.fen + result.assistancePaid.fen + result.personal.total.fen
                            == 35_000_000, "\(text[index])")
                } catch let error as DomainError {
                    #expect(error.code != "settlement-invariant", "\(text[index]) accepted, then the engine failed")
                } catch {
                    Issue.record("not a domain error: \(error)")
                }
            }
        }
    }

    @Test func theEngineSettlesAnyBoundedBillOrRefusesItAndThePartsAddUpToTheItems() async throws {
        let policies = [Fixtures.xizang, Fixtures.zhuzhou, Fixtures.xizang2025]
        let item = Gen.int64(in: 1...Money.maximumEntered.fen).map { $0 }
        let items = Gen.int(in: 0...2).array(of: 1...12)
        await propertyCheck(count: 1500, input: items, item.array(of: 12), Gen.int(in: 0...1_000_000_000_000), Gen.int(in: 0...511),
                            Gen.int(in: 0...7)) { categories, amounts, spent, groupBits, shape in
            let bill = Bill(date: Fixtures.day("2023-06-01"), visit: shape & 1 == 0 ? .outpatient : .inpatient,
                            level: HospitalLevel(rawValue: 1 + shape % 3) ?? .one, major: shape & 4 != 0,
                            items: zip(categories, amounts).map { category, fen in
                                BillItem(name: "项", category: [ItemCategory.a, .b, .c][category], amount: Money(fen: fen))
                            })
            var ytd = YearToDate()
            ytd.basicPaid[.inpatient] = Money(fen: Int64(spent))
            ytd.criticalIllnessBase = Money(fen: Int64(spent / 2))
            ytd.assistancePaid = Money(fen: Int64(spent / 3))
            let groups = Set(SpecialGroup.allCases.enumerated().filter { groupBits & (1 << $0.offset) != 0 }.map(\.element))
            let scheme: Scheme = shape & 2 == 0 ? .residentMedical : .employeeMedical
            let covers: [MedicalCover] = [.covered(scheme: scheme, status: scheme == .employeeMedical ? .retired : nil, regionCode: "540102"),
                                          .notEnrolled, .waiting(until: Fixtures.day("2023-09-01"))]
            for policy in policies {
                for cover in covers {
                    do {
                        let result = try SettlementEngine.settle(bill, cover: cover, groups: groups, policy: policy, yearToDate: ytd)
                        var total: Int64 = 0
                        for item in bill.items { total += item.amount.fen }
                        let parts = [result.basicPaid, result.criticalIllnessPaid, result.assistancePaid, result.personal.total]
                        #expect(parts.allSatisfy { $0.fen >= 0 })
                        #expect(parts.reduce(0) { $0 + $1.fen } == total)
                    } catch let error as DomainError {
                        #expect(error.kind == .refused || error.kind == .failure)
                    } catch {
                        Issue.record("not a domain error: \(error)")
                    }
                }
            }
        }
    }
}
