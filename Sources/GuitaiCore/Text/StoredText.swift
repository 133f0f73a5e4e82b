/// Checks a text before it is stored (`domain.md`, "Text is bounded and printable").
///
/// Spaces and tabs at either end are dropped; the text must then fit its kind's limit and hold no control character
/// (C0, DEL, C1) and no bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069), which could make a name
/// read differently on a screen than in the store. In names, the dots typed for the name dot (`.`, `•`, `・`, `‧`)
/// are stored as `·` (U+00B7), as in 扎西·次仁.
public enum StoredText {
    /// The name dot, and what clerks type for it.
    public static let nameDot: Character = "·"
    public static let nameDotVariants: Set<Character> = [".", "•", "・", "‧"]

    /// - Returns: the text as it is stored.
    /// - Throws: `bad-name` or `bad-text` (refused, exit 65) naming the field and the problem.
    public static func check(_ text: String, as kind: TextKind) throws(DomainError) -> String {
        var value = text.trimmingSpaces
        if kind == .name { value = String(value.map { nameDotVariants.contains($0) ? nameDot : $0 }) }
        if value.isEmpty && !kind.mayBeEmpty {
            throw DomainError.refused(kind.code, zh: "\(kind.label.zh)不能为空", en: "\(kind.label.en) cannot be empty")
        }
        if value.count > kind.limit {
            throw DomainError.refused(kind.code, zh: "\(kind.label.zh)最多\(kind.limit)个字，现有\(value.count)个",
                                      en: "\(kind.label.en) has at most \(kind.limit) characters; this one has \(value.count)")
        }
        // Characters are counted as the eye sees them; one may stack combining marks (Tibetan script does), but never
        // so many that a "40-character" name holds megabytes.
        if value.unicodeScalars.count > kind.limit * 4 {
            throw DomainError.refused(kind.code, zh: "\(kind.label.zh)含有过多叠加符号，请重新输入",
                                      en: "\(kind.label.en) stacks too many combining marks: type it again")
        }
        if let bad = value.unicodeScalars.first(where: isForbidden) {
            let code = "U+" + String(bad.value, radix: 16, uppercase: true).leftZeroPadded(4)
            throw DomainError.refused(kind.code, zh: "\(kind.label.zh)含有不可见的控制字符（\(code)），请重新输入",
                                      en: "\(kind.label.en) holds an invisible control character (\(code)): type it again")
        }
        if kind == .policyID, !value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            throw DomainError.refused(kind.code, zh: "政策编号只能由字母、数字和 - _ . 组成",
                                      en: "A policy id has only letters, digits, -, _ and .")
        }
        return value
    }

    /// The refusal `check` would throw, or nil when the text will do: for a form that checks a field as it is left.
    public static func refusal(of text: String, as kind: TextKind) -> DomainError? {
        do {
            _ = try check(text, as: kind)
            return nil
        } catch {
            return error
        }
    }

    /// Like `check`, for an optional field: nil or an empty text stay nil.
    public static func checkOptional(_ text: String?, as kind: TextKind) throws(DomainError) -> String? {
        guard let text else { return nil }
        let value = try check(text, as: kind)
        return value.isEmpty ? nil : value
    }

    /// Unicode's controls (category Cc: C0, DEL, C1) and every character that prints nothing (category Cf: the
    /// bidirectional embeddings, overrides and isolates, zero-width spaces, direction marks, the byte-order mark, tags;
    /// Zl and Zp: line and paragraph separators), except the zero-width joiner and non-joiner that some scripts need.
    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value == 0x200C || scalar.value == 0x200D { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate: return true
        default: return false
        }
    }
}

extension String {
    func leftZeroPadded(_ width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}

extension StoredText {
    /// A text the product composes from what was typed (an audit's reason holding a search), made storable rather
    /// than refused: forbidden characters dropped, cut to the kind's limit.
    public static func sanitised(_ text: String, as kind: TextKind) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isForbidden($0) })
        return String(String(scalars).prefix(kind.limit))
    }
}
