import GuitaiCore

/// One thing `verify` found wrong, naming the table and the row (its key) it is about.
public struct VerificationProblem: Hashable, Sendable {
    public var table: String
    public var row: String
    public var message: Bilingual

    init(table: String, row: String, zh: String, en: String) {
        self.table = table
        self.row = row
        self.message = Bilingual(zh: zh, en: en)
    }
}
