/// The catalogue category of a bill item: A fully in scope, B in scope after a personal pre-pay share, C out of scope.
public enum ItemCategory: String, Sendable, Codable, CaseIterable {
    case a = "A"
    case b = "B"
    case c = "C"

    public var label: Bilingual {
        switch self {
        case .a: Bilingual(zh: "甲类", en: "category A")
        case .b: Bilingual(zh: "乙类", en: "category B")
        case .c: Bilingual(zh: "丙类/自费", en: "category C (self-paid)")
        }
    }
}
