/// Sex as encoded in the ID number's sequence digit (odd male, even female).
public enum Sex: String, Sendable, Codable {
    case male
    case female

    public var label: Bilingual {
        self == .male ? Bilingual(zh: "男", en: "male") : Bilingual(zh: "女", en: "female")
    }
}
