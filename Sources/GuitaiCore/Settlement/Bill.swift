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

    /// Refuses bills no counter should settle: no items, an amount not above zero.
    public func validate() -> DomainError? {
        if items.isEmpty {
            return .refused("empty-bill", zh: "账单没有费用明细", en: "The bill has no items")
        }
        if let bad = items.firstIndex(where: { $0.amount.fen <= 0 }) {
            return .refused("bad-bill-item", zh: "第\(bad + 1)项“\(items[bad].name)”金额应大于0",
                            en: "Item \(bad + 1) (\(items[bad].name)) must have an amount above zero")
        }
        return nil
    }
}
