/// Where an enrolment stands (参保状态).
public enum EnrolmentStatus: String, Sendable, Codable, CaseIterable {
    case active
    case suspended
    case terminated
    case transferred

    public var label: Bilingual {
        switch self {
        case .active: Bilingual(zh: "参保缴费", en: "active")
        case .suspended: Bilingual(zh: "暂停缴费", en: "suspended")
        case .terminated: Bilingual(zh: "终止", en: "terminated")
        case .transferred: Bilingual(zh: "转出", en: "transferred out")
        }
    }

    /// Whether the person still counts as enrolled (for duplicate-enrolment rules).
    public var isOpen: Bool { self == .active || self == .suspended }
}
