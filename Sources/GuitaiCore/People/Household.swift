/// Household registration type (户籍性质).
public enum Household: String, Sendable, Codable, CaseIterable {
    case urban
    case rural

    /// What a clerk types: the stored word (`urban`, `rural`) or its label in either language (城镇, 农村); nil otherwise.
    public init?(typed text: String) {
        let word = text.trimmingSpaces.lowercased()
        guard let match = Household.allCases.first(where: { [$0.rawValue, $0.label.zh].contains(word) }) else { return nil }
        self = match
    }

    public var label: Bilingual { self == .urban ? Bilingual(zh: "城镇", en: "urban") : Bilingual(zh: "农村", en: "rural") }
}
