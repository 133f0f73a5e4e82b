import CellText
import GuitaiCore
import TerminalKit

/// A form declared as data: labelled fields, one focused; Enter moves to the next and reports the last. Each field
/// may carry its own check, run as the clerk leaves it, so a mistake is named where it was made.
struct Form {
    struct Field {
        var labelKey: String
        var field: TextField
        var secret = false
        /// The field's rule (a PIN's, a phone number's): the refusal in plain words, or nil when the text will do.
        var check: ((String) -> DomainError?)?
    }

    var fields: [Field]
    var focus = 0
    /// The texts the form was given before the clerk typed (a phone on file, the usual answers): not work to lose.
    private var given: [String]

    init(_ fields: [Field]) {
        self.fields = fields
        given = fields.map(\.field.text)
    }

    /// What the fields hold now counts as given, not typed.
    mutating func markGiven() { given = fields.map(\.field.text) }

    subscript(_ index: Int) -> String { fields[index].field.text }

    mutating func set(_ index: Int, _ text: String) { fields[index].field.set(text) }

    /// A secret typed twice: true when `again` matches `first`; otherwise `again` is emptied, takes the focus, and
    /// the desk says the two differ.
    mutating func confirms(_ first: Int, again: Int, app: DeskApp) -> Bool {
        guard self[first] != self[again] else { return true }
        set(again, "")
        focus = again
        app.say(app.catalogue("operators.mismatch"), error: true)
        return false
    }

    enum Outcome {
        case edited, moved, submitted, unhandled
        /// The focused field's check refused what it holds; the focus stays on it.
        case refused(labelKey: String, DomainError)
    }

    /// The first field whose check refuses its text, from `start`.
    private func firstRefusal() -> (index: Int, error: DomainError)? {
        for index in fields.indices {
            if let check = fields[index].check, let error = check(fields[index].field.text) { return (index, error) }
        }
        return nil
    }

    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .backTab, .up:
            // Going back to correct an earlier field is always allowed; the field left is checked on the way forward.
            focus = (focus + fields.count - 1) % fields.count
            return .moved
        case .enter, .tab, .down:
            // Leaving a field forward checks it; a refused field keeps the focus and its text.
            if let check = fields[focus].check, let error = check(fields[focus].field.text) {
                return .refused(labelKey: fields[focus].labelKey, error)
            }
            switch key {
            case .enter:
                if focus == fields.count - 1 {
                    if let refusal = firstRefusal() {
                        focus = refusal.index
                        return .refused(labelKey: fields[refusal.index].labelKey, refusal.error)
                    }
                    return .submitted
                }
                focus += 1
            default: focus = (focus + 1) % fields.count
            }
            return .moved
        default:
            return fields[focus].field.handle(key) ? .edited : .unhandled
        }
    }

    /// Whether the clerk typed anything into it: a text other than the one given.
    var isTouched: Bool { zip(fields, given).contains { $0.field.text != $1 } }

    /// Draws label and field per row from `y`; returns the focused field's cursor.
    func render(on screen: inout Screen, x: Int, y: Int, width: Int, catalogue: Catalogue) -> (x: Int, y: Int)? {
        // Labels whole (up to half the width); the fields take the rest.
        let labelWidth = min(width / 2, fields.map { DisplayWidth.of(catalogue($0.labelKey)) }.max() ?? 0) + 2
        var cursor: (x: Int, y: Int)?
        for (index, item) in fields.enumerated() {
            let row = y + index * 2
            screen.put(catalogue(item.labelKey), x: x, y: row, role: .label, limit: labelWidth)
            let column = item.field.render(on: &screen, x: x + labelWidth, y: row, width: max(10, width - labelWidth),
                                           focused: index == focus, mask: item.secret)
            if index == focus { cursor = (column, row) }
        }
        return cursor
    }
}
