/// One line of a medical bill.
public struct BillItem: Hashable, Sendable {
    public var name: String
    public var category: ItemCategory
    public var amount: Money

    public init(name: String, category: ItemCategory, amount: Money) {
        self.name = name
        self.category = category
        self.amount = amount
    }
}
