/// A sentence in both interface languages; the catalogue picks one at display time.
public struct Bilingual: Hashable, Sendable, Codable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// A text that reads the same in both languages: a number, a serial, a date.
    public init(both text: String) {
        self.init(zh: text, en: text)
    }

    public func text(_ language: Language) -> String { language == .en ? en : zh }
}

/// The interface languages Guitai speaks.
public enum Language: String, Sendable, CaseIterable {
    case zh
    case en
}
