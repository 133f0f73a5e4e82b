import CellText
import GuitaiCore
import GuitaiDesk
import TerminalKit

/// The hall's statistics on the business date (from F8 with S): insured by scheme, the e-card and e-voucher activation
/// rates, certification, the funds' shares of the year's settlements and outreach, as bar charts with every figure
/// printed beside its bar. Digits narrow it to a region prefix (Enter applies); P previews the 80-column printout.
struct StatisticsPanel: Panel {
    let titleKey = "stats.title"
    var takesText: Bool { true }
    var parksWhenLeft: Bool { false }
    var usesFullWidth: Bool { true }
    var region = TextField(maxLength: 6)
    /// The figures for the region applied last (read when the panel opens and on Enter, not on every draw).
    var statistics: Result<CoverageStatistics, Error>?
    var offset = 0

    init(app: DeskApp) {
        statistics = app.desk.map { desk in Result { try desk.statistics() } }
    }

    private func lines(_ app: DeskApp, width: Int) -> [String] {
        switch statistics {
        case .success(let figures)?:
            return figures.text(language: app.catalogue.language, style: app.chartStyle, width: width)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        case .failure(let error)?:
            return [(error as? DomainError).map { app.catalogue($0.message) } ?? "\(error)"]
        case nil:
            return []
        }
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard let desk = app.desk else { return .stay }
        let visible = max(1, app.terminal.height - 10)
        let count = lines(app, width: app.terminal.width).count
        switch key {
        case .enter:
            let prefix = region.text
            statistics = Result { try desk.statistics(regionPrefix: prefix) }
            offset = 0
        case .down: offset = min(max(0, count - visible), offset + 1)
        case .up: offset = max(0, offset - 1)
        case .pageDown: offset = min(max(0, count - visible), offset + 10)
        case .pageUp: offset = max(0, offset - 10)
        case .character("p"), .character("P"):
            guard case .success(let figures)? = statistics else { return .stay }
            return .open(ReceiptPanel(name: "stats-" + figures.date.iso + (figures.regionPrefix.isEmpty ? "" : "-" + figures.regionPrefix),
                                      text: figures.text(language: app.catalogue.language, style: app.chartStyle),
                                      titleKey: titleKey))
        case .character(let c) where !c.isNumber: break
        default: _ = region.handle(key)
        }
        return .stay
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let c = app.catalogue
        screen.put(c("stats.hint"), x: area.x, y: area.y, role: .hint, limit: area.width)
        screen.put(c("due.region"), x: area.x, y: area.y + 1, role: .label)
        let regionX = area.x + DisplayWidth.of(c("due.region")) + 1
        let cursor = region.render(on: &screen, x: regionX, y: area.y + 1, width: 8, focused: true)
        let rows = max(1, area.height - 2)
        for (index, line) in lines(app, width: area.width).dropFirst(offset).prefix(rows).enumerated() {
            let y = area.y + 2 + index
            screen.put(line, x: area.x, y: y, role: .normal, limit: area.width)
            Self.paintBars(line, on: &screen, x: area.x, y: y, limit: area.width)
        }
        return (cursor, area.y + 1)
    }

    /// Gives the bar characters of a chart line the chart role (colour where the terminal has it).
    private static func paintBars(_ line: String, on screen: inout Screen, x: Int, y: Int, limit: Int) {
        let bars: Set<Character> = ["█", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "#"]
        var column = 0
        for character in line {
            let width = DisplayWidth.of(String(character))
            if column + width > limit { break }
            if bars.contains(character) { screen.put(String(character), x: x + column, y: y, role: .chart, limit: width) }
            column += width
        }
    }
}
