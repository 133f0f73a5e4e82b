import Foundation
import GuitaiCore

/// Reads bill items from the contract's JSON: `[{"name", "category": "A"|"B"|"C", "amount": "yuan"}]`.
enum BillItemsInput {
    static func parse(_ json: String) throws -> [BillItem] {
        func refuse(_ zh: String, _ en: String) -> DomainError { .refused("malformed-bill", zh: "费用明细有误：" + zh, en: "Malformed bill: " + en) }
        guard let data = json.data(using: .utf8), let parsed = try? JSONSerialization.jsonObject(with: data) else {
            throw refuse("不是有效的 JSON", "the items are not valid JSON")
        }
        guard let array = parsed as? [Any] else { throw refuse("应为 JSON 数组", "the items should be a JSON array") }
        var items: [BillItem] = []
        for (index, element) in array.enumerated() {
            let n = index + 1
            guard let object = element as? [String: Any] else { throw refuse("第\(n)项不是对象", "item \(n) is not an object") }
            guard let rawName = object["name"] as? String, !rawName.trimmingSpaces.isEmpty else {
                throw refuse("第\(n)项缺少名称 name", "item \(n) has no name")
            }
            let name: String
            do { name = try StoredText.check(rawName, as: .itemName) } catch { throw refuse("第\(n)项：\(error.message.zh)", "item \(n): \(error.message.en)") }
            guard let categoryText = object["category"] as? String, let category = ItemCategory(typed: categoryText) else {
                throw refuse("第\(n)项「\(name)」的类别应为 A、B 或 C", "item \(n) (\(name)) needs category A, B or C")
            }
            guard let amountText = object["amount"] as? String else {
                throw refuse("第\(n)项「\(name)」的金额应写成字符串，如 \"12.50\"", "item \(n) (\(name)) needs its amount as a string such as \"12.50\"")
            }
            guard let amount = Money(yuan: amountText), amount.fen > 0, amount <= Bill.maximumItem else {
                throw refuse("第\(n)项「\(name)」的金额「\(amountText)」应为大于0、不超过\(Bill.maximumItem.grouped)、最多两位小数的元",
                             "item \(n) (\(name)): the amount \"\(amountText)\" should be yuan above zero (at most \(Bill.maximumItem.grouped)) with at most two decimals")
            }
            items.append(BillItem(name: name, category: category, amount: amount))
        }
        return items
    }

    /// The items back as the contract's JSON, for the stored record.
    static func render(_ items: [BillItem]) -> String {
        JSONValue.array(items.map { ["name": .string($0.name), "category": .string($0.category.rawValue), "amount": .money($0.amount)] }).rendered()
    }
}
