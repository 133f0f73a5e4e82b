import GuitaiCore

/// A business date signed off by a supervisor (日结), as `day_closes` keeps it.
public struct DayCloseRecord: Hashable, Sendable {
    public var date: LocalDate
    /// The close's own serial: the last transaction recorded on the date.
    public var serial: String
    public var operatorID: String
    /// Wall time of the close, seconds since 1970.
    public var closedAt: Int64
    /// The hash of the date's last journal entry before the close (the chain's head for the day).
    public var journalHead: String
    /// The day's report as it stood at the close, in the form the desk wrote it (`DayReport`'s JSON).
    public var report: String

    public init(date: LocalDate, serial: String, operatorID: String, closedAt: Int64, journalHead: String, report: String) {
        self.date = date
        self.serial = serial
        self.operatorID = operatorID
        self.closedAt = closedAt
        self.journalHead = journalHead
        self.report = report
    }
}
