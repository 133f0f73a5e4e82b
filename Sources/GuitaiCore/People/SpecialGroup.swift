/// A special group (特殊群体) that changes contributions, subsidies or settlement.
public enum SpecialGroup: String, Sendable, CaseIterable, Codable, Comparable {
    case tekun
    case dibao
    case fanpin
    case disabled
    case border
    case monastic
    case flexible
    case migrant
    case platform

    /// The short Chinese name clerks type and say (低保 for 低保对象).
    public var shortZh: String {
        switch self {
        case .tekun: "特困"
        case .dibao: "低保"
        case .fanpin: "返贫"
        case .disabled: "残疾"
        case .border: "边境"
        case .monastic: "僧尼"
        case .flexible: "灵活就业"
        case .migrant: "农民工"
        case .platform: "新业态"
        }
    }

    /// What a clerk types for a group: the stored word, its Chinese name or the short one; nil otherwise.
    public init?(typed text: String) {
        let word = text.trimmingSpaces.lowercased()
        guard let match = SpecialGroup.allCases.first(where: { [$0.rawValue, $0.label.zh, $0.shortZh].contains(word) }) else {
            return nil
        }
        self = match
    }

    public var label: Bilingual {
        switch self {
        case .tekun: Bilingual(zh: "特困人员", en: "extreme poverty (tekun)")
        case .dibao: Bilingual(zh: "低保对象", en: "minimum living allowance (dibao)")
        case .fanpin: Bilingual(zh: "返贫致贫监测对象", en: "at risk of poverty (fanpin)")
        case .disabled: Bilingual(zh: "重度残疾人", en: "severely disabled")
        case .border: Bilingual(zh: "边境一线群众", en: "border-line resident")
        case .monastic: Bilingual(zh: "在编僧尼", en: "registered monastic")
        case .flexible: Bilingual(zh: "灵活就业人员", en: "flexible worker")
        case .migrant: Bilingual(zh: "农民工", en: "migrant worker")
        case .platform: Bilingual(zh: "新业态从业人员", en: "platform worker")
        }
    }

    public static func < (a: SpecialGroup, b: SpecialGroup) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}
