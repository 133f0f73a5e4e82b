import GuitaiCore
import TerminalKit

/// The rules a desk field checks as the clerk leaves it, from the same domain rules the write applies, so a mistake is
/// named at the field where it was typed and never first after the confirmation.
enum FieldChecks {
    /// A social security card number: nine letters or digits (`CardNumber`).
    static func cardNumber() -> Form.Field {
        Form.Field(labelKey: "card.number", field: TextField(maxLength: 9)) { text in
            if case .failure(let error) = CardNumber.parse(text) { return error }
            return nil
        }
    }

    /// A mobile number: eleven digits, 13 to 19 first (`Person.validatePhone`).
    static func phone() -> Form.Field {
        Form.Field(labelKey: "register.phone", field: TextField(maxLength: 11), check: phoneRefusal)
    }

    static func phoneRefusal(_ text: String) -> DomainError? {
        if case .failure(let error) = Person.validatePhone(text) { return error }
        return nil
    }

    /// How the citizen's identity was checked, in either language: the stored word (`document`, `face`) or nil.
    static func identityMethod(_ text: String) -> String? {
        ["document": "document", "证件": "document", "face": "face", "人脸": "face"][text.trimmingSpaces.lowercased()]
    }

    static func identityCheck(_ text: String) -> DomainError? {
        identityMethod(text) != nil ? nil
            : .refused("bad-check", zh: "身份核验方式填 证件 或 人脸", en: "Type document or face")
    }

    /// The one-time activation code from the issue receipt: eight digits.
    static func activationCode(_ text: String) -> DomainError? {
        let code = text.trimmingSpaces
        return code.count == 8 && code.allSatisfy({ $0.isASCII && $0.isNumber }) ? nil
            : .refused("bad-code", zh: "激活码是回执上的8位数字", en: "The activation code is the receipt's eight digits")
    }

    /// The video call's reference: required, and storable.
    static func videoReference(_ text: String) -> DomainError? {
        if text.trimmingSpaces.isEmpty {
            return .refused("no-reference", zh: "请填写视频通话的编号", en: "Type the video call's reference")
        }
        return StoredText.refusal(of: text, as: .reference)
    }

    /// A monthly amount, by the rule the benefit itself applies.
    static func amount(_ text: String) -> DomainError? {
        if case .failure(let error) = Benefit.monthly(typed: text) { return error }
        return nil
    }

    /// A month written YYYY-MM.
    static func month(_ text: String) -> DomainError? {
        YearMonth(iso: text.trimmingSpaces) == nil
            ? .refused("bad-month", zh: "月份写作 YYYY-MM，如 2023-07", en: "Write the month as YYYY-MM, e.g. 2023-07") : nil
    }

    /// A real date written YYYY-MM-DD.
    static func date(_ text: String) -> DomainError? {
        LocalDate(iso: text.trimmingSpaces) == nil
            ? .refused("bad-date", zh: "日期写作 YYYY-MM-DD，且是真实日期，如 2023-05-20",
                       en: "Write a real date as YYYY-MM-DD, e.g. 2023-05-20") : nil
    }

    /// y/n in either language; nil when the answer is neither.
    static func yesOrNo(_ text: String) -> Bool? {
        ["y": true, "yes": true, "是": true, "n": false, "no": false, "否": false][text.trimmingSpaces.lowercased()]
    }

    static let notYesOrNo = DomainError.refused("bad-answer", zh: "请填 y（是）或 n（否）", en: "Type y or n")
}
