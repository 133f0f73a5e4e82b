/// An employer's unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters with a check character.
public struct SocialCreditCode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    private static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    private static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Validates a code; lower case is accepted and stored upper case.
    public static func parse(_ input: String) -> Result<SocialCreditCode, DomainError> {
        let text = Array(input.trimmingSpaces.uppercased())
        guard text.count == 18 else {
            return .failure(.refused("bad-employer-code",
                zh: "统一社会信用代码应为18位，现有\(text.count)位",
                en: "A unified social credit code has 18 characters; this one has \(text.count)"))
        }
        var values: [Int] = []
        for (index, character) in text.enumerated() {
            guard let value = alphabet.firstIndex(of: character) else {
                return .failure(.refused("bad-employer-code",
                    zh: "统一社会信用代码第\(index + 1)位「\(character)」不是允许的字符",
                    en: "Character \(index + 1) (\"\(character)\") is not allowed in a unified social credit code"))
            }
            values.append(value)
        }
        let expected = check(for: values)
        guard values[17] == expected else {
            return .failure(.refused("bad-employer-code",
                zh: "统一社会信用代码校验位应为 \(alphabet[expected])，请核对营业执照",
                en: "The code's check character should be \(alphabet[expected]): please check the business licence"))
        }
        return .success(SocialCreditCode(value: String(text)))
    }

    private init(value: String) { self.value = value }

    private static func check(for values: [Int]) -> Int {
        var sum = 0
        for (value, weight) in zip(values, weights) { sum += value * weight }
        return (31 - sum % 31) % 31
    }

    /// Completes 17 characters with their check character (test fixtures, demo employers).
    public static func compose(_ seventeen: String) -> SocialCreditCode {
        let values = seventeen.map { alphabet.firstIndex(of: $0) ?? 0 }
        return SocialCreditCode(value: seventeen + String(alphabet[check(for: values)]))
    }

    public var description: String { value }
}
