/// A recipient on the due list, read through `certification_due`'s index with what the list shows.
public struct DueRecipient: Sendable {
    public var recipient: RecipientRecord
    /// Whether payment runs have stopped months that are not yet back-paid: an overdue recipient who owes months is
    /// listed as suspended.
    public var owesMonths: Bool
}
