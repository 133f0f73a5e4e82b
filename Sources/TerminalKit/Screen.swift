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

    public mutating func clear() { cells = Array(repeating: .blank, count: width * height) }

    /// Fills a rectangle with spaces of a role (a selection bar, a field's background).
    public mutating func fill(_ rect: Rect, role: CellRole) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) { self[x, y] = Cell(" ", role: role) }
        }
    }

    /// Writes text from (x, y), never past `limit` cells nor the screen's edge; returns the cells used.
    /// A wide character that would straddle the limit is replaced by a space, never half drawn.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: CellRole = .normal, limit: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let end = min(width, x + (limit ?? width))
        var column = x
        for character in text {
            let piece = String(character)
            let w = DisplayWidth.of(piece)
            if w == 0 { continue }
            if column + w > end {
                if column < end { self[column, y] = Cell(" ", role: role) }
                column = end
                break
            }
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
