/// GB 11643-1999 worked from the standard, for test fixtures: the check character of seventeen digits, and whole
/// numbers built from their parts. It shares no code with the product, so a fault in the product's check cannot hide
/// in the fixtures.
public enum GB11643 {
    /// The standard's weights for digits 1 to 17.
    public static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for `sum mod 11` = 0 … 10.
    public static let table: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The check character of seventeen digits.
    public static func check(_ seventeen: String) -> Character {
        var sum = 0
        for (character, weight) in zip(seventeen, weights) { sum += (character.wholeNumberValue ?? 0) * weight }
        return table[sum % 11]
    }

    /// An 18-character number: a six-digit region, a birth date `YYYYMMDD`, a sequence (0…999) and its check character.
    public static func number(region: String, birth: String, sequence: Int) -> String {
        let digits = String(sequence)
        let body = region + birth.filter(\.isNumber) + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
        return body + String(check(body))
    }
}
