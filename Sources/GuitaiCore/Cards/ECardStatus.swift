/// The electronic social security card's status (电子社保卡). "None" is the absence of a record.
public enum ECardStatus: String, Sendable, CaseIterable {
    case issued
    case active
    case suspended
    case cancelled

    public var label: Bilingual {
        switch self {
        case .issued: Bilingual(zh: "已签发待激活", en: "issued, awaiting activation")
        case .active: Bilingual(zh: "已激活", en: "active")
        case .suspended: Bilingual(zh: "已暂停", en: "suspended")
        case .cancelled: Bilingual(zh: "已注销", en: "cancelled")
        }
    }
}
