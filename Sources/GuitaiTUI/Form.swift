import CellText
import TerminalKit

/// A form declared as data: labelled fields, one focused; Enter moves to the next and reports the last.
struct Form {
    struct Field {
        var labelKey: String
        var field: TextField
        var secret = false
    }

    var fields: [Field]
    var focus = 0

    init(_ fields: [Field]) { self.fields = fields }

    subscript(_ index: Int) -> String { fields[index].field.text }

    mutating func set(_ index: Int, _ text: String) { fields[index].field.set(text) }

    enum Outcome { case edited, moved, submitted, unhandled }

    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .enter:
            if focus == fields.count - 1 { return .submitted }
            focus += 1
            return .moved
        case .tab, .down:
            focus = (focus + 1) % fields.count
            return .moved
        case .backTab, .up:
            focus = (focus + fields.count - 1) % fields.count
            return .moved
        default:
            return fields[focus].field.handle(key) ? .edited : .unhandled
        }
    }

    /// Draws label and field per row from `y`; returns the focused field's cursor.
    func render(on screen: inout Screen, x: Int, y: Int, width: Int, catalogue: Catalogue) -> (x: Int, y: Int)? {
        let labelWidth = min(28, fields.map { DisplayWidth.of(catalogue($0.labelKey)) }.max() ?? 0) + 2
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
