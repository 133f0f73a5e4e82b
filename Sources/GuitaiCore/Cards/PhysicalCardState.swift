/// Where a physical card stands. A temporary loss lapses by itself; the others last until a clerk acts.
public enum PhysicalCardState: String, Sendable, CaseIterable {
    case normal
    case temporaryLoss = "temporary-loss"
    case formalLoss = "formal-loss"
    case locked
    case cancelled

    public var label: Bilingual {
        switch self {
        case .normal: Bilingual(zh: "正常", en: "normal")
        case .temporaryLoss: Bilingual(zh: "临时挂失", en: "temporarily reported lost")
        case .formalLoss: Bilingual(zh: "正式挂失", en: "formally reported lost")
        case .locked: Bilingual(zh: "锁定（密码错误次数过多）", en: "locked after wrong PINs")
        case .cancelled: Bilingual(zh: "注销", en: "cancelled")
        }
    }
}
