import GuitaiCore

/// One bill item as a clerk types it on the settlement screen: `name category amount`, as `药品 B 120.50`.
///
/// The last word is the amount in yuan (up to two decimals; thousands grouped with commas as on a printed bill,
/// `1,000.00`), the word before it the category (`A`, `B` or `C`, either case), the rest the name. Each refusal names
/// the part that is wrong.
public enum BillLine {
    /// - Returns: the item, or `bad-item` naming the wrong part (the shape, the category, the amount or the name).
    public static func parse(_ text: String) -> Result<BillItem, DomainError> {
        let words = halfWidth(text).split(separator: " ").map(String.init)
        guard words.count >= 3 else {
            return .failure(.refused("bad-item", zh: "明细写法：名称 类别 金额，三部分以空格分开，如 药品 B 120.50",
                                     en: "Write an item as name, category and amount, parted by spaces: medicine B 120.50"))
        }
        let categoryText = words[words.count - 2], amountText = words[words.count - 1]
        guard let category = ItemCategory(rawValue: ["甲": "A", "乙": "B", "丙": "C"][categoryText] ?? categoryText.uppercased()) else {
            return .failure(.refused("bad-item", zh: "类别「\(categoryText)」应为 A、B 或 C（甲类、乙类、丙类）",
                                     en: "The category \"\(categoryText)\" should be A, B or C"))
        }
        guard isGroupedWell(amountText), let amount = Money(yuan: amountText, allowingSeparators: true) else {
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

    /// What a Chinese input method types in full width (`Ｂ　１２０．５０`, the ideographic space, the ideographic comma in
    /// `1、000`… not that) read as the ASCII it stands for: full-width forms U+FF01–FF5E and the ideographic space U+3000.
    private static func halfWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Commas only between groups of three digits before the decimal point (`1,000`, `12,345.60`), or none at all.
    private static func isGroupedWell(_ text: String) -> Bool {
        guard text.contains(",") else { return true }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 && parts[1].contains(",") { return false }
        let whole = parts[0]
        let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count) else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}
