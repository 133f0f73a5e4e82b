import CellText
import GuitaiCore

/// A horizontal bar chart drawn in terminal cells: a label, a bar as long as its value is against the largest (or a
/// fixed scale, for percentages), and the value printed beside it, so the chart reads without colour and the numbers
/// never rest on the bars alone.
public struct BarChart: Sendable {
    /// Block characters in eighths of a cell, or ASCII `#` for terminals and printers without them (a CJK terminal
    /// draws the block characters two cells wide; `GUITAI_ASCII=1` chooses ASCII).
    public enum Style: Sendable {
        case blocks
        case ascii

        /// ASCII when `GUITAI_ASCII` is set to anything but `0`, or on the Linux console and dumb terminals.
        public static func from(environment: [String: String]) -> Style {
            if let ascii = environment["GUITAI_ASCII"], !ascii.isEmpty, ascii != "0" { return .ascii }
            return ["linux", "dumb", "vt100"].contains(environment["TERM"] ?? "") ? .ascii : .blocks
        }
    }

    public struct Bar: Sendable {
        public var label: String
        /// The length's measure (a count, fen, tenths of a percent); below 0 draws nothing.
        public var value: Int64
        /// The figure printed beside the bar.
        public var shown: String

        public init(label: String, value: Int64, shown: String) {
            self.label = label
            self.value = value
            self.shown = shown
        }
    }

    public var bars: [Bar]
    /// The value a full bar stands for; nil for the largest bar's.
    public var scale: Int64?

    public init(bars: [Bar], scale: Int64? = nil) {
        self.bars = bars
        self.scale = scale
    }

    private static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The chart's lines: label column, bar, figure right-aligned; `width` cells each, unless a figure is wider than
    /// the room left (the bar keeps at least one cell).
    /// - Parameter labelWidth: the cells of the label column (labels longer are cut with `~`).
    /// - Parameter figureWidth: the least cells of the figure column, so charts drawn one under another keep one bar
    ///   length and one scale reads the same in each.
    public func lines(width: Int, labelWidth: Int, figureWidth least: Int = 1, style: Style) -> [String] {
        let figureWidth = max(least, bars.map { DisplayWidth.of($0.shown) }.max() ?? 1)
        let barCells = max(1, width - labelWidth - figureWidth - 3)
        let top = max(1, scale ?? bars.map(\.value).max() ?? 1)
        return bars.map { bar in
            let label = DisplayWidth.padRight(DisplayWidth.truncate(bar.label, to: labelWidth), to: labelWidth)
            let drawn = Self.bar(value: min(max(0, bar.value), top), top: top, cells: barCells, style: style)
            let figure = String(repeating: " ", count: figureWidth - DisplayWidth.of(bar.shown)) + bar.shown
            return label + " " + DisplayWidth.padRight(drawn, to: barCells) + "  " + figure
        }
    }

    /// A bar of `value / top` of `cells`, in eighths with blocks or whole cells with ASCII; a value above 0 always
    /// shows at least a sliver, so "a little" never reads as "none".
    static func bar(value: Int64, top: Int64, cells: Int, style: Style) -> String {
        guard value > 0, top > 0 else { return "" }
        // value × cells × 8 / top without overflow, whatever the values (fen of a year's settlements).
        let product = Int64(cells * 8).multipliedFullWidth(by: value)
        let eighths = Int(max(1, min(Int64(cells * 8), top.dividingFullWidth(product).quotient)))
        switch style {
        case .blocks:
            let partial = eighths % 8
            return String(repeating: "█", count: eighths / 8) + (partial > 0 ? String(Self.eighths[partial - 1]) : "")
        case .ascii:
            return String(repeating: "#", count: max(1, (eighths + 4) / 8))
        }
    }
}
