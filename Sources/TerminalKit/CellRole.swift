/// What a cell means on screen; a theme turns roles into colours or, on monochrome terminals, into bold and reverse.
public enum CellRole: UInt8, Sendable, CaseIterable {
    case normal
    case title
    case label
    case field
    case focusedField
    case selection
    case hint
    case error
    case amount
    case keyBar
    case watermark
    /// A bar of a chart: coloured where the terminal has colour; the figure printed beside it carries the meaning.
    case chart
}
