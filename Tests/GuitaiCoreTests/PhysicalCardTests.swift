import Testing
import GuitaiCore

/// The physical social security card (domain.md §2): number, ten-year validity, loss reports, lock, cancellation.
@Suite struct PhysicalCardTests {
    static let issued = Fixtures.day("2023-06-01")

    static func card(_ state: PhysicalCardState = .normal, since: LocalDate = issued) throws -> PhysicalCard {
        PhysicalCard(number: try CardNumber.parse("A12345678").get(), regionCode: "540102", issuedOn: issued,
                     state: state, stateSince: since)
    }

    /// Legal changes, by hand: a loss report only on a normal card (a temporary one may be made formal),
    /// "found" only ends a temporary loss, unlock only a locked card, and a cancelled card is final.
    static let legal: [String: PhysicalCardState] = [
        "normal/temporary-loss": .temporaryLoss,
        "normal/formal-loss": .formalLoss,
        "normal/lock": .locked,
        "normal/cancel": .cancelled,
        "temporary-loss/formal-loss": .formalLoss,
        "temporary-loss/found": .normal,
        "temporary-loss/cancel": .cancelled,
        "formal-loss/cancel": .cancelled,
        "locked/unlock": .normal,
        "locked/cancel": .cancelled,
    ]

    @Test(arguments: PhysicalCardState.allCases, PhysicalCard.Change.allCases)
    func everyChangeFromEveryState(state: PhysicalCardState, change: PhysicalCard.Change) throws {
        let card = try Self.card(state)
        // The day after the state began: a temporary loss is still in force.
        let day = Self.issued.adding(days: 1)
        let expected = Self.legal["\(state.rawValue)/\(change.rawValue)"]
        switch Result(catching: { () throws(DomainError) -> PhysicalCard in try card.applying(change, on: day) }) {
        case .success(let changed):
            #expect(changed.state == expected, "\(state) + \(change) gave \(changed.state)")
            #expect(changed.stateSince == day)
            #expect(changed.number == card.number)
        case .failure(let error):
            #expect(expected == nil, "\(state) + \(change) should give \(String(describing: expected)) but was refused")
            #expect(error.code == "illegal-transition")
            #expect(error.message.zh.contains(state.label.zh), "\(error.message.zh) does not name \(state.label.zh)")
            #expect(error.message.en.contains(state.label.en))
        }
    }

    @Test func aTemporaryLossLapsesByItself() throws {
        let reported = Fixtures.day("2023-07-10")
        let card = try Self.card().applying(.reportTemporaryLoss, on: reported)
        #expect(card.state == .temporaryLoss)
        #expect(card.effectiveState(on: reported) == .temporaryLoss)
        // In force for five days after the report (DECISIONS: 5 days, illustrative): to 2023-07-15 inclusive.
        #expect(card.effectiveState(on: Fixtures.day("2023-07-11")) == .temporaryLoss)
        #expect(card.effectiveState(on: Fixtures.day("2023-07-15")) == .temporaryLoss)
        #expect(card.unusableReason(on: Fixtures.day("2023-07-11")) != nil)
        // From the sixth day: normal again, usable, and "found" no longer applies (the card is normal: named).
        let later = Fixtures.day("2023-07-16")
        #expect(card.effectiveState(on: later) == .normal)
        #expect(card.unusableReason(on: later) == nil)
        switch Result(catching: { () throws(DomainError) -> PhysicalCard in try card.applying(.found, on: later) }) {
        case .success: Issue.record("a lapsed temporary loss was ended again")
        case .failure(let error):
            #expect(error.code == "illegal-transition")
            #expect(error.message.zh.contains("正常"))
        }
        // A new loss report can be made once the old one has lapsed.
        #expect(try card.applying(.reportTemporaryLoss, on: later).state == .temporaryLoss)
    }

    @Test func aFormalLossAndALockNeverLapse() throws {
        let day = Fixtures.day("2023-07-10")
        let years = day.adding(days: 1000)
        #expect(try Self.card().applying(.reportFormalLoss, on: day).effectiveState(on: years) == .formalLoss)
        #expect(try Self.card().applying(.lock, on: day).effectiveState(on: years) == .locked)
        // A temporary loss made formal inside the period stays formal.
        let formal = try Self.card().applying(.reportTemporaryLoss, on: day).applying(.reportFormalLoss, on: day.adding(days: 2))
        #expect(formal.effectiveState(on: years) == .formalLoss)
    }

    @Test func aCardIsValidForTenYears() throws {
        let card = try Self.card()
        // Issued 2023-06-01: + 120 months = 2033-06-01; the last valid day is the day before.
        #expect(card.validUntil == Fixtures.day("2033-05-31"))
        #expect(card.unusableReason(on: Fixtures.day("2033-05-31")) == nil)
        let reason = try #require(card.unusableReason(on: Fixtures.day("2033-06-01")))
        #expect(reason.zh.contains("过期"))
        #expect(reason.zh.contains("2033-05-31"))
        #expect(reason.en.contains("expired"))
        // Another issue date: 2019-12-15 → valid through 2029-12-14.
        var other = card
        other.issuedOn = Fixtures.day("2019-12-15")
        #expect(other.validUntil == Fixtures.day("2029-12-14"))
        #expect(PhysicalCard.validityYears == 10)
    }

    @Test(arguments: [PhysicalCardState.temporaryLoss, .formalLoss, .locked, .cancelled])
    func everyStateButNormalMakesTheCardUnusableAndSaysWhy(state: PhysicalCardState) throws {
        let since = Fixtures.day("2023-07-10")
        let card = try Self.card(state, since: since)
        let reason = try #require(card.unusableReason(on: since.adding(days: 1)))
        #expect(reason.zh.contains(state.label.zh), "\(reason.zh) does not name \(state.label.zh)")
        #expect(reason.en.contains(state.label.en))
        #expect(reason.zh.contains("2023-07-10"))
    }

    @Test func aNormalCardInsideItsValidityIsUsable() throws {
        #expect(try Self.card().unusableReason(on: Fixtures.day("2025-01-01")) == nil)
        #expect(try Self.card().effectiveState(on: Fixtures.day("2025-01-01")) == .normal)
    }

    // MARK: card number

    @Test(arguments: [("A12345678", "A12345678"), ("a1234567b", "A1234567B"), (" 123456789 ", "123456789"), ("Y00000001", "Y00000001")])
    func goodCardNumbersAreStoredUpperCase(input: String, stored: String) throws {
        #expect(try CardNumber.parse(input).get().value == stored)
    }

    @Test(arguments: ["A1234567", "A123456789", "A1234-678", "A1234 678", "卡12345678", "A１2345678", ""])
    func badCardNumbersAreRefused(input: String) {
        switch CardNumber.parse(input) {
        case .success(let number): Issue.record("\(input) was accepted as \(number)")
        case .failure(let error):
            #expect(error.code == "bad-card-number")
            #expect(error.kind == .refused)
        }
    }
}
