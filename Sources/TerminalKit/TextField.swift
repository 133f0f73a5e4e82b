import CellText

/// An editable line of text with a cursor, measured in cells so Chinese input edits and scrolls correctly.
public struct TextField: Equatable, Sendable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = 60) {
        characters = Array(text)
        cursor = characters.count
        self.maxLength = maxLength
    }

    public var text: String { String(characters) }

    public mutating func set(_ text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    /// Applies an editing key; returns false for keys a field does not use (Enter, Tab, arrows up and down…).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .character(let c):
            guard characters.count < maxLength, !c.isNewline else { return true }
            characters.insert(c, at: cursor)
            cursor += 1
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete:
            if cursor < characters.count { characters.remove(at: cursor) }
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .control("a"): cursor = 0
        case .end, .control("e"): cursor = characters.count
        case .control("u"): characters.removeFirst(cursor); cursor = 0
        case .control("k"): characters.removeLast(characters.count - cursor)
        default: return false
        }
        return true
    }

    /// Draws the field in `width` cells, scrolled so the cursor shows; returns the cursor's column.
    @discardableResult
    public func render(on screen: inout Screen, x: Int, y: Int, width: Int, focused: Bool, mask: Bool = false) -> Int {
        let role: CellRole = focused ? .focusedField : .field
        screen.fill(Rect(x: x, y: y, width: width, height: 1), role: role)
        let shown = mask ? Array(repeating: Character("*"), count: characters.count) : characters
        // Scroll: start at the first character that leaves the cursor inside the field.
        var start = 0
        while DisplayWidth.of(String(shown[start..<cursor])) > width - 1 { start += 1 }
        screen.put(String(shown[start...]), x: x, y: y, role: role, limit: width)
        return x + DisplayWidth.of(String(shown[start..<cursor]))
    }
}
