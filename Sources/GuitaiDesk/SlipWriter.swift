import CellText
import GuitaiCore

/// Builds the lines of an 80-column slip or receipt, measuring in terminal cells: rules, centred titles, pairs of
/// labelled values, wrapped text and right-aligned amounts, none ever cut without the `~` mark.
struct SlipWriter {
    /// Every slip and receipt is 80 cells wide: a dot-matrix printer's line.
    static let width = 80

    let language: Language
    var lines: [String] = []

    func t(_ zh: String, _ en: String) -> String { language == .en ? en : zh }

    /// Set once any illustrative parameter has been marked, so the slip ends with the note explaining `*`.
    let illustrativeShown = SlipFlag(false)

    func mark<V>(_ value: Sourced<V>) -> String {
        if value.isIllustrative { illustrativeShown.value = true }
        return value.isIllustrative ? "*" : ""
    }

    mutating func rule(_ character: Character) { lines.append(String(repeating: character, count: SlipWriter.width)) }

    /// A paragraph wrapped at 80 cells, so no figure is ever cut off; its later lines indented (6 cells, or under a
    /// labelled value's column).
    mutating func text(_ text: String, indent: Int = 6) { lines += DisplayWidth.wrap(text, width: SlipWriter.width, indent: indent) }

    mutating func centered(_ text: String) {
        let pad = max(0, (SlipWriter.width - DisplayWidth.of(text)) / 2)
        lines.append(DisplayWidth.truncate(String(repeating: " ", count: pad) + text, to: SlipWriter.width))
    }

    mutating func pair(_ left: String, _ right: String) {
        let half = SlipWriter.width / 2
        lines.append(DisplayWidth.padRight(DisplayWidth.truncate(left, to: half - 1), to: half)
                     + DisplayWidth.truncate(right, to: half))
    }

    /// A label on the left and an amount right-aligned at column 80.
    mutating func amount(_ label: String, _ amount: Money, currency: String = "") {
        let figure = currency + amount.grouped
        let room = SlipWriter.width - DisplayWidth.of(figure) - 1
        lines.append(DisplayWidth.padRight(DisplayWidth.truncate(label, to: room), to: room) + " " + figure)
    }
}

/// A shared flag a writer's non-mutating helpers can set.
final class SlipFlag {
    var value: Bool
    init(_ value: Bool) { self.value = value }
}
