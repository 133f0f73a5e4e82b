/// One `key = value | source` line of a policy file, with where it was read.
struct PolicyEntry: Sendable {
    var value: String
    var source: String?
    var line: Int
    var file: String

    /// The source after `|`; checked present by `EntryReader.sourced` before it is read.
    var sourceText: String { source ?? "" }
}

/// Splits a policy file into `section.key` entries; knows the syntax, not the meaning.
enum PolicyLexer {
    static func entries(of text: String, file: String) throws(PolicyError) -> [(key: String, entry: PolicyEntry)] {
        var section = ""
        var result: [(String, PolicyEntry)] = []
        var seen: Set<String> = []
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = index + 1
            let line = stripComment(String(raw)).trimmingSpaces
            if line.isEmpty { continue }
            if let bad = line.unicodeScalars.first(where: { $0 != "\t" && StoredText.isForbidden($0) }) {
                throw PolicyError(file: file, line: lineNumber, zh: "含有不可见的控制字符 U+\(String(bad.value, radix: 16, uppercase: true))",
                                  en: "holds an invisible control character U+\(String(bad.value, radix: 16, uppercase: true))")
            }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw PolicyError(file: file, line: lineNumber, zh: "节标题缺少 ]", en: "a section header lacks its closing ]")
                }
                section = String(line.dropFirst().dropLast()).split(separator: " ").joined(separator: " ")
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw PolicyError(file: file, line: lineNumber, zh: "应为「键 = 值 | 来源」", en: "expected `key = value | source`")
            }
            guard !section.isEmpty else {
                throw PolicyError(file: file, line: lineNumber, zh: "参数出现在任何 [节] 之前", en: "a parameter before any [section]")
            }
            let key = String(line[..<equals]).trimmingSpaces
            var rest = String(line[line.index(after: equals)...])
            var source: String?
            if let bar = rest.firstIndex(of: "|") {
                let text = String(rest[rest.index(after: bar)...]).trimmingSpaces
                source = text
                rest = String(rest[..<bar])
                if text.isEmpty {
                    throw PolicyError(file: file, line: lineNumber, zh: "「|」之后的来源为空", en: "the source after `|` is empty")
                }
            }
            let value = rest.trimmingSpaces
            guard !key.isEmpty, !value.isEmpty else {
                throw PolicyError(file: file, line: lineNumber, zh: "键或值为空", en: "the key or the value is empty")
            }
            let fullKey = section + "." + key
            guard seen.insert(fullKey).inserted else {
                throw PolicyError(file: file, line: lineNumber, zh: "[\(section)] 中的 \(key) 重复出现",
                                  en: "\(key) appears twice in [\(section)]")
            }
            result.append((fullKey, PolicyEntry(value: value, source: source, line: lineNumber, file: file)))
        }
        return result
    }

    /// Removes a `#` comment; a `#` inside a value is not allowed, so the first one starts the comment.
    private static func stripComment(_ line: String) -> String {
        guard let hash = line.firstIndex(of: "#") else { return line }
        return String(line[..<hash])
    }
}
