/// The e-card PIN rules: six digits, none of the guessable ones.
public enum PINRules {
    /// Refuses a PIN that is not six digits, six equal digits, an ascending or descending run,
    /// or the holder's birth date (`YYMMDD`, `MMDDYY`, or any PIN starting with `MMDD`).
    public static func check(_ pin: String, birth: LocalDate) -> DomainError? {
        let digits = pin.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard pin.count == 6, digits.count == 6 else {
            return .refused("weak-pin", zh: "密码应为6位数字", en: "The PIN has six digits")
        }
        if Set(digits).count == 1 {
            return .refused("weak-pin", zh: "密码不能是6个相同数字", en: "The PIN cannot be six equal digits")
        }
        let steps = zip(digits, digits.dropFirst()).map { $1 - $0 }
        if steps.allSatisfy({ $0 == 1 }) || steps.allSatisfy({ $0 == -1 }) {
            return .refused("weak-pin", zh: "密码不能是连续递增或递减的数字", en: "The PIN cannot be an ascending or descending run")
        }
        let yy = String.padded(birth.year % 100, to: 2), mm = String.padded(birth.month, to: 2), dd = String.padded(birth.day, to: 2)
        if pin == yy + mm + dd || pin == mm + dd + yy || pin.hasPrefix(mm + dd) {
            return .refused("weak-pin", zh: "密码不能使用出生日期", en: "The PIN cannot be the birth date")
        }
        return nil
    }
}
