import GuitaiCore
import GuitaiStore

/// A recipient on a due list.
public struct DueEntry: Sendable {
    public var recipient: RecipientRecord
    /// `due-soon`, `overdue` or `suspended` (overdue with payments already stopped).
    public var state: String
}
