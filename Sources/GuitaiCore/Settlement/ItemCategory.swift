/// The catalogue category of a bill item: A fully in scope, B in scope after a personal pre-pay share, C out of scope.
public enum ItemCategory: String, Sendable, Codable, CaseIterable {
    case a = "A"
    case b = "B"
    case c = "C"

    /// A category as typed: `A`, `B` or `C` in either case, or 甲, 乙, 丙 (甲类, 乙类, 丙类); nil otherwise.
    public init?(typed text: String) {
        let word = text.trimmingSpaces.uppercased()
        let names: [ItemCategory: [String]] = [.a: ["甲", "甲类"], .b: ["乙", "乙类"], .c: ["丙", "丙类", "自费"]]
        guard let match = ItemCategory.allCases.first(where: { $0.rawValue == word || names[$0, default: []].contains(word) }) else {
            return nil
        }
        self = match
    }

    public var label: Bilingual {
        switch self {
        case .a: Bilingual(zh: "甲类", en: "category A")
        case .b: Bilingual(zh: "乙类", en: "category B")
        case .c: Bilingual(zh: "丙类/自费", en: "category C (self-paid)")
        }
    }
}
