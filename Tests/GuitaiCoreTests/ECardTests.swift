import Testing
import GuitaiCore

/// The e-card's life (domain.md §2): none → issued → active ⇄ suspended → cancelled; re-issue after cancellation.
@Suite struct ECardTests {
    /// Every state, "none" (no e-card yet) included.
    static let states: [ECardStatus?] = [nil, .issued, .active, .suspended, .cancelled]

    /// The legal moves, written out by hand from the spec; everything else is illegal.
    static let legal: [String: ECardStatus] = [
        "none/issue": .issued,
        "issued/activate": .active,
        "issued/cancel": .cancelled,
        "active/suspend": .suspended,
        "active/cancel": .cancelled,
        "suspended/resume": .active,
        "suspended/cancel": .cancelled,
        "cancelled/issue": .issued,  // re-issue after cancellation
    ]

    static func key(_ state: ECardStatus?, _ step: ECardStep) -> String { "\(state?.rawValue ?? "none")/\(step.rawValue)" }

    @Test(arguments: states, ECardStep.allCases)
    func everyStepFromEveryState(state: ECardStatus?, step: ECardStep) {
        let expected = Self.legal[Self.key(state, step)]
        switch Result(catching: { () throws(DomainError) -> ECardStatus in try step.next(from: state) }) {
        case .success(let next):
            #expect(next == expected, "\(Self.key(state, step)) went to \(next)")
        case .failure(let error):
            #expect(expected == nil, "\(Self.key(state, step)) should go to \(String(describing: expected)) but was refused: \(error)")
            #expect(error.code == "illegal-transition")
            #expect(error.kind == .refused)
            // The refusal names the current state, in both languages.
            let zh = state?.label.zh ?? "未签发"
            let en = state?.label.en ?? "not issued"
            #expect(error.message.zh.contains(zh), "\(error.message.zh) does not name \(zh)")
            #expect(error.message.en.contains(en), "\(error.message.en) does not name \(en)")
        }
    }

    @Test func theTableCoversEightLegalMovesOutOfTwentyFive() {
        var legalCount = 0
        for state in Self.states {
            for step in ECardStep.allCases where (try? step.next(from: state)) != nil { legalCount += 1 }
        }
        // 5 states × 5 steps = 25 pairs, of which exactly the 8 listed in `legal` are allowed.
        #expect(legalCount == 8)
    }

    @Test func aCancelledCardCanBeIssuedAgainButNotRevived() throws {
        #expect(try ECardStep.issue.next(from: .cancelled) == .issued)
        for step in [ECardStep.activate, .resume, .suspend, .cancel] {
            #expect(throws: DomainError.self) { try step.next(from: .cancelled) }
        }
    }

    @Test func aFullLifeRunsThroughEveryState() throws {
        var status: ECardStatus? = nil
        for (step, expected) in [(ECardStep.issue, ECardStatus.issued), (.activate, .active), (.suspend, .suspended),
                                 (.resume, .active), (.suspend, .suspended), (.cancel, .cancelled), (.issue, .issued)] {
            status = try step.next(from: status)
            #expect(status == expected)
        }
    }
}
