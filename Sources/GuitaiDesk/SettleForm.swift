import GuitaiCore

/// A bill as a clerk or script hands it in: the items typed on the desk's screen, or the contract's JSON array from the
/// command line, read once by the use case.
public struct SettleForm: Sendable {
    /// The bill's items: values the screen already parsed, or JSON text not yet read.
    enum Items: Sendable {
        case typed([BillItem])
        case json(String)
    }

    public var idNumber: String
    public var date: String?
    public var visit: String
    public var level: String
    public var major: Bool
    let items: Items

    /// A bill from the command line or a script: the items as the contract's JSON (`[{"name", "category", "amount"}]`).
    public init(idNumber: String, date: String? = nil, visit: String, level: String, major: Bool = false, itemsJSON: String) {
        self.idNumber = idNumber
        self.date = date
        self.visit = visit
        self.level = level
        self.major = major
        items = .json(itemsJSON)
    }

    /// A bill from the desk's screen, its items already parsed and checked as they were typed.
    public init(idNumber: String, visit: VisitType, level: HospitalLevel, major: Bool, items: [BillItem]) {
        self.idNumber = idNumber
        self.visit = visit.rawValue
        self.level = String(level.rawValue)
        self.major = major
        self.items = .typed(items)
    }

    /// The items, read from JSON when they came as text.
    /// - Throws: `malformed-bill` naming the item and what is wrong with it.
    func billItems() throws -> [BillItem] {
        switch items {
        case .typed(let items): return items
        case .json(let text): return try BillItemsInput.parse(text)
        }
    }
}
