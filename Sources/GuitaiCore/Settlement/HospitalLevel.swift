/// Hospital level: 1 (一级及以下, primary care included), 2 or 3.
public enum HospitalLevel: Int, Sendable, Codable, CaseIterable {
    case one = 1
    case two = 2
    case three = 3

    public var label: Bilingual {
        switch self {
        case .one: Bilingual(zh: "一级及以下", en: "level 1 or primary")
        case .two: Bilingual(zh: "二级", en: "level 2")
        case .three: Bilingual(zh: "三级", en: "level 3")
        }
    }
}
