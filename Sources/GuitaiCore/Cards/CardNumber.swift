/// A physical social security card's own number (社会保障卡卡号): nine letters and digits, stored upper case.
public struct CardNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public static func parse(_ input: String) -> Result<CardNumber, DomainError> {
        let text = input.trimmingSpaces.uppercased()
        guard text.count == 9, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else {
            return .failure(.refused("bad-card-number", zh: "社保卡卡号应为9位字母或数字，现为「\(input)」",
                                     en: "A card number has 9 letters or digits; \"\(input)\" does not"))
        }
        guard text.contains(where: \.isNumber) else {
            return .failure(.refused("bad-card-number", zh: "社保卡卡号应含数字，请核对卡面", en: "A card number contains digits: please check the card"))
        }
        return .success(CardNumber(value: text))
    }

    private init(value: String) { self.value = value }

    /// Re-reads a number the store accepted earlier.
    public init(stored value: String) { self.value = value }

    public var description: String { value }
}
