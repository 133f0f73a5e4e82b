/// An operator's role, which decides what they may do (separation of duties: admins do no counter work).
public enum Role: String, Sendable, Codable, CaseIterable {
    case clerk
    case supervisor
    case trainer
    case admin

    public var label: Bilingual {
        switch self {
        case .clerk: Bilingual(zh: "经办员", en: "clerk")
        case .supervisor: Bilingual(zh: "复核员", en: "supervisor")
        case .trainer: Bilingual(zh: "培训员", en: "trainer")
        case .admin: Bilingual(zh: "管理员", en: "administrator")
        }
    }

    /// Whether this role may do a kind of work on a store of the given mode.
    public func may(_ work: Work, onTrainingStore training: Bool) -> Bool {
        switch self {
        case .trainer: return training
        case .admin: return work == .administration
        case .supervisor: return work != .administration
        case .clerk: return work == .counter
        }
    }

    /// The kinds of work roles are granted.
    public enum Work: Sendable {
        /// People, enrolment, cards, certification, settlement.
        case counter
        /// Reversals, payment runs, bundles, day close, verification.
        case supervision
        /// Operators and settings.
        case administration
    }
}
