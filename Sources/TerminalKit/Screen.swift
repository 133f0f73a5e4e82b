import CellText

/// An in-memory grid of cells: widgets draw into it, a terminal backend shows it, tests read it as text.
public struct Screen: Equatable, Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    private var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    public mutating func clear() {
        cells = Array(repeating: .blank, count: width * height)
        cuts = []
    }

    /// Fills a rectangle with spaces of a role (a selection bar, a field's background).
    public mutating func fill(_ rect: Rect, role: CellRole) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) { self[x, y] = Cell(" ", role: role) }
        }
    }

    /// A place where text was cut to fit: where it was written and the whole text, for tests that must see every value.
    public struct Cut: Equatable, Sendable {
        public let x: Int
        public let y: Int
        public let text: String
    }

    /// Every text cut to fit since the screen was made, in drawing order.
    public private(set) var cuts: [Cut] = []

    /// Writes text from (x, y), never past `limit` cells nor the screen's edge; returns the cells used.
    /// Text that does not fit ends in `~` (the one mark of a cut, ASCII because `…` is ambiguous-width) and is recorded
    /// in `cuts`. A wide character that would straddle the limit is never half drawn.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: CellRole = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let room = min(width, x + (limit ?? width)) - x
        guard room > 0 else { return 0 }
        var shown = text
        if DisplayWidth.of(text) > room {
            shown = DisplayWidth.truncate(text, to: room)
            cuts.append(Cut(x: x, y: y, text: text))
        }
        var column = x
        for character in shown {
            let piece = String(character)
            let w = DisplayWidth.of(piece)
            if w == 0 { continue }
            if column >= 0 {
                clearWide(at: column, y: y)
                self[column, y] = Cell(piece, role: role)
                if w == 2 {
                    clearWide(at: column + 1, y: y)
                    self[column + 1, y] = Cell("", role: role, isContinuation: true)
                }
            }
            column += w
        }
        return column - x
    }

    /// Writes text wrapped to `width` cells from (x, y), continuation lines indented by `indent`, on at most
    /// `maxRows` rows (the last one marked `~` when more would follow); returns the rows used.
    @discardableResult
    public mutating func paragraph(_ text: String, x: Int, y: Int, width: Int, maxRows: Int = Int.max, indent: Int = 0,
                                   role: CellRole = .normal) -> Int {
        guard width > 0, maxRows > 0 else { return 0 }
        var lines = DisplayWidth.wrap(text, width: width, indent: indent)
        if lines.count > maxRows {
            // The last row carries the rest, so `put` cuts it and marks the cut.
            let rest = lines[maxRows...].map { String($0.drop(while: { $0 == " " })) }.joined(separator: " ")
            lines = Array(lines.prefix(maxRows - 1)) + [lines[maxRows - 1] + " " + rest]
        }
        for (index, line) in lines.enumerated() { put(line, x: x, y: y + index, role: role, limit: width) }
        return lines.count
    }

    /// Lays pieces (a label with its value, a key with what it does) left to right separated by `gap` spaces, starting
    /// a new row when the next piece would not fit in `width` cells, so no piece is ever split; returns the rows used.
    @discardableResult
    public mutating func flow(_ pieces: [String], x: Int, y: Int, width: Int, gap: Int = 3, maxRows: Int = .max,
                              role: CellRole = .normal) -> Int {
        guard maxRows > 0 else { return 0 }
        var row = 0, column = 0
        for piece in pieces where !piece.isEmpty {
            let w = DisplayWidth.of(piece)
            if column > 0 && column + gap + w > width {
                // The rows given are full: what is left is marked as cut on the last one.
                guard row + 1 < maxRows else {
                    put(" ~", x: x + column, y: y + row, role: role, limit: width - column)
                    break
                }
                row += 1
                column = 0
            }
            if column > 0 { column += gap }
            column += put(piece, x: x + column, y: y + row, role: role, limit: width - column)
        }
        return row + 1
    }

    /// Overwriting half of a wide character blanks its other half, so no stray continuation is left.
    private mutating func clearWide(at x: Int, y: Int) {
        if self[x, y].isContinuation, x > 0 { self[x - 1, y] = Cell(" ", role: self[x - 1, y].role) }
        if x + 1 < width, self[x + 1, y].isContinuation, !self[x, y].isContinuation,
           DisplayWidth.of(self[x, y].text) == 2 {
            self[x + 1, y] = Cell(" ", role: self[x + 1, y].role)
        }
    }

    /// The screen as text, one line per row, trailing spaces removed: what tests compare.
    public var text: String {
        (0..<height).map { row($0) }.joined(separator: "\n")
    }

    public func row(_ y: Int) -> String {
        var line = ""
        for x in 0..<width where !self[x, y].isContinuation { line += self[x, y].text }
        while line.hasSuffix(" ") { line.removeLast() }
        return line
    }

    /// The rows that differ from a previous frame: a backend redraws only these.
    public func changedRows(since previous: Screen?) -> [Int] {
        guard let previous, previous.width == width, previous.height == height else { return Array(0..<height) }
        return (0..<height).filter { y in
            cells[(y * width)..<((y + 1) * width)] != previous.cells[(y * width)..<((y + 1) * width)]
        }
    }
}
