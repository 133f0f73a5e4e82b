/// The escape sequences terminals send for the editing and function keys, decoded whatever the terminal claims to be.
///
/// ncurses decodes the sequences of the terminal named by `TERM`, but a PuTTY session reports `xterm` and sends
/// `ESC [1~` for Home, where xterm sends `ESC [H`. The forms here are those of xterm, PuTTY, rxvt, VT220 and the
/// Linux console (ECMA-48 control sequences `ESC [ params final`, SS3 `ESC O final`); modifiers (`ESC [1;5H`,
/// Ctrl-Home) are dropped, so the key still acts.
public enum EscapeSequence {
    /// The unmodified forms of every key here, without the leading ESC: what a terminal backend teaches ncurses.
    public static let commonForms: [(tail: String, key: Key)] = {
        var forms: [(String, Key)] = [
            ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left), ("OA", .up), ("OB", .down), ("OC", .right), ("OD", .left),
            ("[H", .home), ("[F", .end), ("OH", .home), ("OF", .end), ("[Z", .backTab),
            ("OP", .function(1)), ("OQ", .function(2)), ("OR", .function(3)), ("OS", .function(4)),
            ("[[A", .function(1)), ("[[B", .function(2)), ("[[C", .function(3)), ("[[D", .function(4)), ("[[E", .function(5)),
        ]
        for (number, key) in tildeKeys.sorted(by: { $0.key < $1.key }) { forms.append(("[\(number)~", key)) }
        return forms
    }()

    /// The longest sequence after ESC a key sends (`[24;8~` with modifiers, rxvt's forms), with room to spare.
    static let maximumLength = 16

    /// `ESC [n~`: VT220 editing keys (1 and 7 Home, 4 and 8 End as PuTTY and rxvt send them) and function keys.
    private static let tildeKeys: [Int: Key] = [
        1: .home, 2: .insert, 3: .delete, 4: .end, 5: .pageUp, 6: .pageDown, 7: .home, 8: .end,
        11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
        17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
        23: .function(11), 24: .function(12),
    ]

    private static let finalKeys: [Character: Key] = [
        "A": .up, "B": .down, "C": .right, "D": .left, "H": .home, "F": .end, "Z": .backTab,
        "P": .function(1), "Q": .function(2), "R": .function(3), "S": .function(4),
    ]

    /// How far the characters after ESC go towards a sequence.
    public enum Reading: Equatable, Sendable {
        /// Not a sequence this decoder reads (a lone Esc, or Alt with a key): the characters stand for themselves.
        case notASequence
        /// A sequence so far; more characters are needed.
        case incomplete
        /// A whole sequence: the key it names, or nil for a sequence that names no key the desk uses (ignored).
        case complete(Key?)
    }

    /// Reads the characters that followed ESC.
    public static func read(_ tail: [Character]) -> Reading {
        guard let introducer = tail.first else { return .incomplete }
        switch introducer {
        case "O":
            // SS3, with a modifier in some terminals (`ESC O 2 P`, Shift-F1): digits, then the final letter.
            for character in tail.dropFirst() {
                guard let value = character.asciiValue else { return .complete(nil) }
                if (0x30...0x3F).contains(value) { continue }
                return .complete((0x40...0x7E).contains(value) ? finalKeys[character] : nil)
            }
            return .incomplete
        case "[":
            // The Linux console's F1–F5: ESC [ [ A … E.
            if tail.count >= 2, tail[1] == "[" {
                guard tail.count >= 3 else { return .incomplete }
                let keys: [Character: Key] = ["A": .function(1), "B": .function(2), "C": .function(3), "D": .function(4), "E": .function(5)]
                return .complete(keys[tail[2]])
            }
            // ECMA-48: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
            // rxvt ends the editing and function keys with `$` (Shift), `^` (Ctrl) or `@` (both) instead of `~`.
            // No key's sequence is longer than this: a pasted ESC [ and a run of digits ends here, as no key.
            guard tail.count <= maximumLength else { return .complete(nil) }
            var parameters = ""
            for character in tail.dropFirst() {
                guard let value = character.asciiValue else { return .complete(nil) }
                if "~$^@".contains(character), let code = parameters.split(separator: ";").first.flatMap({ Int($0) }) {
                    return .complete(tildeKeys[code])
                }
                switch value {
                case 0x20...0x3F: parameters.append(character)
                case 0x40...0x7E: return .complete(finalKeys[character])
                default: return .complete(nil)
                }
            }
            return .incomplete
        default:
            return .notASequence
        }
    }
}
