import GuitaiCore

/// One bill item as a clerk types it on the settlement screen: `name category amount`, as `药品 B 120.50`.
///
/// The last word is the amount in yuan (up to two decimals; thousands grouped with commas as on a printed bill,
/// `1,000.00`), the word before it the category (`A`, `B` or `C`, either case), the rest the name. Each refusal names
/// the part that is wrong.
public enum BillLine {
    /// - Returns: the item, or `bad-item` naming the wrong part (the shape, the category, the amount or the name).
    public static func parse(_ text: String) -> Result<BillItem, DomainError> {
        let words = InputText.halfWidth(text).split(separator: " ").map(String.init)
        guard words.count >= 3 else {
            return .failure(.refused("bad-item", zh: "明细写法：名称 类别 金额，三部分以空格分开，如 药品 B 120.50",
                                     en: "Write an item as name, category and amount, parted by spaces: medicine B 120.50"))
        }
        let categoryText = words[words.count - 2], amountText = words[words.count - 1]
        guard let category = ItemCategory(typed: categoryText) else {
            return .failure(.refused("bad-item", zh: "类别「\(categoryText)」应为 A、B 或 C（甲类、乙类、丙类）",
                                     en: "The category \"\(categoryText)\" should be A, B or C"))
        }
        guard let amount = Money(yuan: amountText, allowingSeparators: true) else {
            return .failure(.refused("bad-item", zh: "金额「\(amountText)」应为元，最多两位小数，如 120.50 或 1,000",
                                     en: "The amount \"\(amountText)\" should be yuan with at most two decimals, as 120.50 or 1,000"))
        }
        guard amount.fen > 0 else {
            return .failure(.refused("bad-item", zh: "金额应大于 0", en: "The amount should be above zero"))
        }
        guard amount <= Bill.maximumItem else {
            return .failure(.refused("bad-item", zh: "单项金额不能超过 \(Bill.maximumItem.grouped) 元",
                                     en: "One item is at most \(Bill.maximumItem.grouped) yuan"))
        }
        do {
            let name = try StoredText.check(words.dropLast(2).joined(separator: " "), as: .itemName)
            return .success(BillItem(name: name, category: category, amount: amount))
        } catch {
            return .failure(error)
        }
    }
}
