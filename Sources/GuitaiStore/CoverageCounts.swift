import GuitaiCore

/// The counts the hall's statistics are made of, for people under a region prefix on a date (`coverageCounts`).
public struct CoverageCounts: Hashable, Sendable {
    /// Enrolments in force on the date, by scheme.
    public var activeByScheme: [Scheme: Int]
    /// People with at least one enrolment in force on the date.
    public var insuredPeople: Int
    /// E-cards issued by the date and not cancelled by it.
    public var ecardsIssued: Int
    /// Of those, the ones active now and since the date or before (the store keeps each card's current state and
    /// since when, not its history: a card active on the date and suspended since is not counted).
    public var ecardsActive: Int
    /// Medical e-vouchers activated by the date on an e-card not cancelled.
    public var vouchersActive: Int
    /// Settlements recorded from the first of the date's year to the date and not reversed by it; amounts in fen.
    public var settlements: Int
    public var settlementTotal: Money
    public var settlementBasic: Money
    public var settlementCriticalIllness: Money
    public var settlementAssistance: Money
    public var settlementPersonal: Money
}
