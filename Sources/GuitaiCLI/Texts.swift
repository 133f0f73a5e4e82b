import GuitaiCore

/// Picks the Chinese or English form of a sentence for command-line text output.
struct Texts {
    let language: Language

    init(_ language: Language) { self.language = language }

    func callAsFunction(_ zh: String, _ en: String) -> String { language == .en ? en : zh }

    func callAsFunction(_ text: Bilingual) -> String { text.text(language) }
}
