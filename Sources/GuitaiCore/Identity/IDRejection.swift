/// Why an ID number was refused, in words a clerk can act on.
public enum IDRejection: Error, Hashable, Sendable {
    case empty
    case wrongLength(Int)
    case badCharacter(position: Int, character: Character)
    case badCheckCharacter(expected: Character, found: Character)
    case impossibleBirthDate(String)
    case birthDateInFuture(LocalDate)
    case birthBefore1900(LocalDate)
    case unknownRegion(String)
    case trainingRegion(String)

    public var code: String {
        switch self {
        case .empty, .wrongLength: "id-wrong-length"
        case .badCharacter: "id-bad-character"
        case .badCheckCharacter: "id-bad-check-character"
        case .impossibleBirthDate: "id-impossible-date"
        case .birthDateInFuture: "id-future-birth-date"
        case .birthBefore1900: "id-impossible-date"
        case .unknownRegion: "id-unknown-region"
        case .trainingRegion: "id-training-region"
        }
    }

    public var message: Bilingual {
        switch self {
        case .empty:
            Bilingual(zh: "身份证号为空，请输入18位号码", en: "The ID number is empty; enter all 18 characters")
        case .wrongLength(let n):
            Bilingual(zh: "身份证号应为18位（或旧版15位），现有\(n)位，请核对证件",
                      en: "An ID number has 18 characters (or 15 for old ones); this one has \(n): please check the document")
        case .badCharacter(let position, let character):
            Bilingual(zh: "身份证号第\(position)位「\(character)」不是数字（只有第18位可以是X）",
                      en: "Character \(position) (\"\(character)\") is not a digit; only the 18th may be X")
        case .badCheckCharacter(let expected, let found):
            Bilingual(zh: "身份证号第18位校验位应为 \(expected)，现为 \(found)，请核对证件",
                      en: "The check character (18th) should be \(expected), not \(found): please check the document")
        case .impossibleBirthDate(let text):
            Bilingual(zh: "身份证号中的出生日期 \(text) 不存在，请核对证件",
                      en: "The birth date in the number, \(text), is not a real date: please check the document")
        case .birthDateInFuture(let date):
            Bilingual(zh: "身份证号中的出生日期 \(date.iso) 晚于今天，请核对证件",
                      en: "The birth date in the number, \(date.iso), is after today: please check the document")
        case .birthBefore1900(let date):
            Bilingual(zh: "身份证号中的出生日期 \(date.iso) 早于1900年，不可能是在世人员，请核对证件",
                      en: "The birth date in the number, \(date.iso), is before 1900: nobody alive was born then; please check the document")
        case .unknownRegion(let code):
            Bilingual(zh: "身份证号前6位地区码 \(code) 不在行政区划代码表中，请核对证件",
                      en: "The region code \(code) (first 6 digits) is not in the division table: please check the document")
        case .trainingRegion(let code):
            Bilingual(zh: "地区码 \(code) 以99开头，是培训用的虚拟号码，正式库不接受",
                      en: "The region code \(code) starts with 99: a training number, refused outside a training store")
        }
    }
}
