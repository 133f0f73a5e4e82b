/// A medical bill to settle: when, what kind of care, where, and its items.
public struct Bill: Hashable, Sendable {
    /// The settlement date (discharge date for inpatients).
    public var date: LocalDate
    public var visit: VisitType
    public var level: HospitalLevel
    /// Flagged 重特大疾病: raises the assistance cap.
    public var major: Bool
    public var items: [BillItem]

    public init(date: LocalDate, visit: VisitType, level: HospitalLevel, major: Bool = false, items: [BillItem]) {
        self.date = date
        self.visit = visit
        self.level = level
        self.major = major
        self.items = items
    }

    public func total(of category: ItemCategory) -> Money {
        items.filter { $0.category == category }.map(\.amount).sum()
    }

    /// The largest single item a counter settles (10 million yuan); beyond it the amount is a typing error,
    /// and the bound keeps every product of fen and basis points far inside 64 bits.
    public static let maximumItem = Money.maximumEntered
    public static let maximumItems = 1_000

    /// Refuses bills no counter should settle: no items, too many, an amount not above zero or beyond belief.
    public func validate() -> DomainError? {
        if items.isEmpty {
            return .refused("empty-bill", zh: "账单没有费用明细", en: "The bill has no items")
        }
        if items.count > Bill.maximumItems {
            return .refused("malformed-bill", zh: "账单明细超过\(Bill.maximumItems)项，请分单结算",
                            en: "The bill has more than \(Bill.maximumItems) items: settle it in parts")
        }
        if let big = items.firstIndex(where: { $0.amount > Bill.maximumItem }) {
            return .refused("malformed-bill", zh: "第\(big + 1)项「\(items[big].name)」金额超过\(Bill.maximumItem.grouped)元，请核对",
                            en: "Item \(big + 1) (\(items[big].name)) is above \(Bill.maximumItem.grouped) yuan: please check it")
        }
        if let bad = items.firstIndex(where: { $0.amount.fen <= 0 }) {
            return .refused("bad-bill-item", zh: "第\(bad + 1)项「\(items[bad].name)」金额应大于0",
                            en: "Item \(bad + 1) (\(items[bad].name)) must have an amount above zero")
        }
        return nil
    }
}
