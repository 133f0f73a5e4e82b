import GuitaiCore

/// Who is writing, where and when: stamped on the journal entry of every business transaction.
public struct WriteContext: Sendable {
    public var operatorID: String
    public var counter: String
    public var businessDate: LocalDate
    /// Wall time in seconds since 1970.
    public var at: Int64

    public init(operatorID: String, counter: String, businessDate: LocalDate, at: Int64) {
        self.operatorID = operatorID
        self.counter = counter
        self.businessDate = businessDate
        self.at = at
    }
}
