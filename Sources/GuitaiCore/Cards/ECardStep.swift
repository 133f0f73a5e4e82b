/// A step in the e-card's life: issue (or re-issue), activate, suspend, resume, cancel.
public enum ECardStep: String, Sendable, CaseIterable {
    case issue
    case activate
    case suspend
    case resume
    case cancel

    public var label: Bilingual {
        switch self {
        case .issue: Bilingual(zh: "签发", en: "issued")
        case .activate: Bilingual(zh: "激活", en: "activated")
        case .suspend: Bilingual(zh: "暂停", en: "suspended")
        case .resume: Bilingual(zh: "恢复", en: "resumed")
        case .cancel: Bilingual(zh: "注销", en: "cancelled")
        }
    }

    /// The status after this step from a current status (nil: no e-card yet), or a refusal naming the current status.
    public func next(from current: ECardStatus?) throws(DomainError) -> ECardStatus {
        let allowed: Set<ECardStatus?> = switch self {
        case .issue: [nil, .cancelled]
        case .activate: [.issued]
        case .suspend: [.active]
        case .resume: [.suspended]
        case .cancel: [.issued, .active, .suspended]
        }
        guard allowed.contains(current) else {
            let state = current?.label ?? Bilingual(zh: "未签发", en: "not issued")
            throw .refused("illegal-transition", zh: "电子社保卡当前状态为「\(state.zh)」，不能\(label.zh)",
                           en: "The e-card is \(state.en): it cannot be \(label.en)")
        }
        return switch self {
        case .issue: .issued
        case .activate, .resume: .active
        case .suspend: .suspended
        case .cancel: .cancelled
        }
    }
}
