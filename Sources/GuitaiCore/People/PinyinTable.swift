/// The first letters of each character's pinyin readings, for finding people by name initials (`zxpc` → 扎西·平措).
public struct PinyinTable: Sendable {
    private let initials: [Character: String]

    /// Reads `character<TAB>letters` lines; `#` starts a comment line.
    public init(tsv text: String) {
        var table: [Character: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count >= 2, fields[0].count == 1 else { continue }
            table[fields[0].first!] = String(fields[1].filter { $0.isASCII && $0.isLetter }).lowercased()
        }
        self.initials = table
    }

    public var count: Int { initials.count }

    /// A GLOB pattern with one bracket per name character: the letters any of its readings start with.
    /// Separators such as `·` and spaces are skipped; Latin letters stand for themselves.
    public func pattern(for name: String) -> String {
        var pattern = ""
        for character in name {
            if character.isASCII {
                if character.isLetter { pattern += "[" + character.lowercased() + "]" }
                continue
            }
            if let letters = initials[character], !letters.isEmpty { pattern += "[" + letters + "]" }
        }
        return pattern
    }
}
