import Foundation
import GuitaiCore

/// The desk's interface text, from `Resources/i18n/<lang>.strings` (`key = text`, `{0}` placeholders).
public struct Catalogue: Sendable {
    public let language: Language
    private let texts: [String: String]

    public init(language: Language, resourcesDirectory: String) throws {
        self.language = language
        let path = resourcesDirectory + "/i18n/" + language.rawValue + ".strings"
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DomainError(.failure, code: "resources-missing", zh: "缺少界面文字 \(path)", en: "Missing interface text \(path)")
        }
        var texts: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            texts[String(line[..<equals]).trimmingSpaces] = String(line[line.index(after: equals)...]).trimmingSpaces
        }
        self.texts = texts
    }

    /// The text for a key with its placeholders filled; the key itself when missing, so a gap shows instead of hiding.
    public func callAsFunction(_ key: String, _ values: String...) -> String {
        var text = texts[key] ?? key
        for (index, value) in values.enumerated() { text = text.replacingOccurrences(of: "{\(index)}", with: value) }
        return text
    }

    /// Whether the catalogue has a text for the key.
    public func has(_ key: String) -> Bool { texts[key] != nil }

    /// A domain sentence in this catalogue's language.
    public func callAsFunction(_ text: Bilingual) -> String { text.text(language) }
}
