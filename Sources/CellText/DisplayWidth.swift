/// Terminal cell widths, independent of the locale: East Asian wide and fullwidth characters take two cells.
public enum DisplayWidth {
    /// Cells one scalar occupies: 0 for combining marks and controls, 2 for wide, 1 otherwise.
    /// Ambiguous-width characters (such as `·`) count as narrow, as in a UTF-8 terminal outside CJK legacy modes.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v == 0 || v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if (0x0300...0x036F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
        if isWide(v) { return 2 }
        return 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Cells a string occupies.
    public static func of(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + of($1) } }

    /// Pads on the right with spaces to a width in cells (never cuts).
    public static func padRight(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - of(text)))
    }


    /// The longest prefix that fits in a width, with `~` when cut (ASCII: `…` is ambiguous-width and may take two cells).
    public static func truncate(_ text: String, to width: Int) -> String {
        if of(text) <= width { return text }
        var out = ""
        var used = 0
        for character in text {
            let w = of(String(character))
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "~"
    }

    /// Splits text into lines of at most `width` cells, continuation lines indented by `indent` spaces,
    /// preferring a break after a comma, semicolon or space in the last third of a line, and never inside a word or
    /// number of Latin letters and digits when the line has any break before it. Never cuts a character.
    public static func wrap(_ text: String, width: Int, indent: Int = 0) -> [String] {
        var lines: [String] = []
        var rest = Substring(text)
        var prefix = ""
        while of(prefix + String(rest)) > width, width > of(prefix) {
            var head = ""
            var used = of(prefix)
            for character in rest {
                let w = of(String(character))
                if used + w > width { break }
                head.append(character)
                used += w
            }
            // A wide character in a one-cell row still moves on (it overflows, and the screen marks the cut).
            if head.isEmpty, let first = rest.first { head.append(first) }
            // No line starts with closing punctuation (。，）」…): the character before it goes down with it.
            if let next = rest.dropFirst(head.count).first, "。，、；：！？）」』".contains(next), head.count > 1 {
                head.removeLast()
            }
            let next = rest.dropFirst(head.count).first
            if let last = head.last, let next, isWordCharacter(last), isWordCharacter(next),
               let cut = head.lastIndex(where: { " ，；：、。".contains($0) }) {
                // Inside a word or number ("80x24", "Ctrl-O"): break before it, however short the line.
                head = String(head[...cut])
            } else if let cut = head.lastIndex(where: { "，, ；;".contains($0) }),
                      head.distance(from: head.startIndex, to: cut) > head.count * 2 / 3 {
                head = String(head[...cut])
            }
            // A numbered choice ("6 在编僧尼") keeps its number: a line does not end with a number standing alone before a
            // word, whether the break falls after the number or after its space (a list of numbers still wraps).
            let after = rest.dropFirst(head.count)
            let spaced = head.last == " "
            let body = spaced ? head.dropLast() : Substring(head)
            let digits = body.reversed().prefix { $0.isASCII && $0.isNumber }.count
            let follower = spaced ? after.first : (after.first == " " ? after.dropFirst().first : nil)
            if digits > 0, body.dropLast(digits).last == " ", let follower, !(follower.isASCII && follower.isNumber) {
                head = String(body.dropLast(digits))
            }
            lines.append(prefix + head)
            rest = rest.dropFirst(head.count)
            prefix = String(repeating: " ", count: indent)
        }
        lines.append(prefix + String(rest))
        return lines
    }

    /// Letters, digits and the joiners inside words and numbers ("80x24", "Ctrl-O", "1,000.50"), in ASCII.
    private static func isWordCharacter(_ character: Character) -> Bool {
        guard character.isASCII else { return false }
        return character.isLetter || character.isNumber || "-_.,/()%".contains(character)
    }
}
