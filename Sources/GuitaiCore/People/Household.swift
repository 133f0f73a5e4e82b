/// Household registration type (户籍性质).
public enum Household: String, Sendable, Codable, CaseIterable {
    case urban
    case rural

    public var label: Bilingual { self == .urban ? Bilingual(zh: "城镇", en: "urban") : Bilingual(zh: "农村", en: "rural") }
}
