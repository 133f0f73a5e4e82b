/// A bill as a clerk or script hands it in: the items are the contract's JSON array.
public struct SettleForm: Sendable {
    public var idNumber: String
    public var date: String?
    public var visit: String
    public var level: String
    public var major: Bool
    public var itemsJSON: String

    public init(idNumber: String, date: String? = nil, visit: String, level: String, major: Bool = false, itemsJSON: String) {
        self.idNumber = idNumber
        self.date = date
        self.visit = visit
        self.level = level
        self.major = major
        self.itemsJSON = itemsJSON
    }
}
