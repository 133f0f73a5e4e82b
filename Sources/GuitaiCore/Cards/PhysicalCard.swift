/// A physical social security card: its number, validity, and state with the rules for changing it.
public struct PhysicalCard: Hashable, Sendable {
    /// A card is valid for ten years from issue.
    public static let validityYears = 10
    /// A temporary loss report lapses by itself after this many days unless made formal
    /// (illustrative: provinces set 5 to 15 days).
    public static let temporaryLossDays = 5

    public var number: CardNumber
    public var regionCode: String
    public var issuedOn: LocalDate
    public var state: PhysicalCardState
    public var stateSince: LocalDate

    public init(number: CardNumber, regionCode: String, issuedOn: LocalDate, state: PhysicalCardState = .normal,
                stateSince: LocalDate? = nil) {
        self.number = number
        self.regionCode = regionCode
        self.issuedOn = issuedOn
        self.state = state
        self.stateSince = stateSince ?? issuedOn
    }

    public var validUntil: LocalDate { issuedOn.adding(months: 12 * PhysicalCard.validityYears).adding(days: -1) }

    /// The state on a date, with a temporary loss that has lapsed counted as normal again.
    public func effectiveState(on date: LocalDate) -> PhysicalCardState {
        if state == .temporaryLoss, date > stateSince.adding(days: PhysicalCard.temporaryLossDays) { return .normal }
        return state
    }

    /// Why the card (and so the e-card) cannot be used on a date, or nil when it can.
    public func unusableReason(on date: LocalDate) -> Bilingual? {
        let current = effectiveState(on: date)
        if current != .normal {
            return Bilingual(zh: "实体社保卡\(current.label.zh)（自 \(stateSince.iso) 起）", en: "the physical card is \(current.label.en) since \(stateSince.iso)")
        }
        if date > validUntil {
            return Bilingual(zh: "实体社保卡已于 \(validUntil.iso) 过期，请换领新卡", en: "the physical card expired on \(validUntil.iso): a new card is needed")
        }
        return nil
    }

    /// A change a clerk can make to a card.
    public enum Change: String, Sendable, CaseIterable {
        case reportTemporaryLoss = "temporary-loss"
        case reportFormalLoss = "formal-loss"
        case found
        case lock
        case unlock
        case cancel

        public var label: Bilingual {
            switch self {
            case .reportTemporaryLoss: Bilingual(zh: "临时挂失", en: "report temporarily lost")
            case .reportFormalLoss: Bilingual(zh: "正式挂失", en: "report formally lost")
            case .found: Bilingual(zh: "解除挂失", en: "report found")
            case .lock: Bilingual(zh: "锁定", en: "lock")
            case .unlock: Bilingual(zh: "解锁", en: "unlock")
            case .cancel: Bilingual(zh: "注销", en: "cancel")
            }
        }

        var allowedFrom: Set<PhysicalCardState> {
            switch self {
            case .reportTemporaryLoss: [.normal]
            case .reportFormalLoss: [.normal, .temporaryLoss]
            case .found: [.temporaryLoss]
            case .lock: [.normal]
            case .unlock: [.locked]
            case .cancel: [.normal, .temporaryLoss, .formalLoss, .locked]
            }
        }

        var target: PhysicalCardState {
            switch self {
            case .reportTemporaryLoss: .temporaryLoss
            case .reportFormalLoss: .formalLoss
            case .found, .unlock: .normal
            case .lock: .locked
            case .cancel: .cancelled
            }
        }
    }

    /// Applies a change on a date, refusing an illegal one with the current state named.
    public func applying(_ change: Change, on date: LocalDate) throws(DomainError) -> PhysicalCard {
        let current = effectiveState(on: date)
        guard change.allowedFrom.contains(current) else {
            throw .refused("illegal-transition", zh: "社保卡当前状态为「\(current.label.zh)」，不能\(change.label.zh)",
                           en: "The card is \(current.label.en): it cannot be \(change.label.en)")
        }
        var card = self
        card.state = change.target
        card.stateSince = date
        return card
    }
}
