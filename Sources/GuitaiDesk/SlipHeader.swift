import GuitaiCore

/// The slip's header: hall, serial, date, operator, and the marks a slip must carry (preview, training).
public struct SlipHeader: Sendable {
    public var hallName: String
    public var serial: String?
    public var date: LocalDate
    public var operatorName: String
    public var operatorID: String
    /// The counter window the slip was made at.
    public var window: String
    /// When it was made, in seconds since 1970 (printed in China Standard Time).
    public var at: Int64
    public var isPreview: Bool
    public var isTraining: Bool
    public var policyIsHallDefault: Bool
}
