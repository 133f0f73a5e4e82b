/// A valid resident ID number (公民身份号码, GB 11643-1999), always 18 characters with an upper-case `X`.
public struct ResidentID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The normalised 18-character number; this is also the social security number.
    public let value: String

    private init(unchecked value: String) { self.value = value }

    /// Re-reads a number the store accepted earlier: shape and check character only, since the division table
    /// of today need not be the one it was accepted under.
    public init?(stored value: String) {
        // The usual case on its bytes: 17 digits, the check character, a real date (no region table).
        let fast: Bool? = value.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.count == 18, let (_, birth) = ResidentID.checkedDigits(bytes, lowerX: false) else { return false }
            return birth != nil
        }
        if let fast {
            guard fast else { return nil }
            self.value = value
            return
        }
        let characters = Array(value)
        guard characters.count == 18, characters[0..<17].allSatisfy({ $0.isASCII && $0.isNumber }),
              ResidentID.checkCharacter(for: characters[0..<17]) == characters[17],
              LocalDate(compact: value.dropFirst(6).prefix(8)) != nil else { return nil }
        self.value = value
    }

    /// Division codes beginning with this are synthetic: only a training store accepts them.
    public static let trainingPrefix = "99"

    /// The region codes of the residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, since
    /// 2018): numbers that start with them are valid though they name no division of the mainland.
    public static let permitRegions: [String: Bilingual] = [
        "810000": Bilingual(zh: "香港居民居住证", en: "residence permit, Hong Kong resident"),
        "820000": Bilingual(zh: "澳门居民居住证", en: "residence permit, Macao resident"),
        "830000": Bilingual(zh: "台湾居民居住证", en: "residence permit, Taiwan resident"),
    ]

    /// Nobody alive was born before this, and the 15-digit form implies 19xx: earlier birth dates are refused.
    public static let earliestBirth = LocalDate(year: 1900, month: 1, day: 1) ?? .earliest

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// The check character for the first 17 digits.
    public static func checkCharacter(for seventeenDigits: some Sequence<Character>) -> Character {
        var sum = 0
        for (digit, weight) in zip(seventeenDigits, weights) { sum += (digit.wholeNumberValue ?? 0) * weight }
        return checkCharacters[sum % 11]
    }

    /// Validates and normalises a number typed by a clerk or read from a file.
    /// Accepts lower-case `x` and old 15-digit numbers (upgraded with `19` and a computed check character).
    public static func parse(
        _ input: String, today: LocalDate, divisions: DivisionTable, allowTraining: Bool = false
    ) -> Result<ResidentID, IDRejection> {
        if let canonical = parseCanonical(input, today: today, divisions: divisions, allowTraining: allowTraining) {
            return .success(canonical)
        }
        let text = input.trimmingSpaces.uppercased()
        guard !text.isEmpty else { return .failure(.empty) }
        let characters = Array(text)
        guard characters.count == 18 || characters.count == 15 else { return .failure(.wrongLength(characters.count)) }
        for (index, character) in characters.enumerated() {
            let isDigit = character.isASCII && character.isNumber
            let isFinalX = index == 17 && character == "X"
            if !isDigit && !isFinalX { return .failure(.badCharacter(position: index + 1, character: character)) }
        }
        var full = characters
        if characters.count == 15 {
            full = Array(characters[0..<6]) + ["1", "9"] + Array(characters[6..<15])
            full.append(checkCharacter(for: full))
        }
        let expected = checkCharacter(for: full[0..<17])
        if characters.count == 18, full[17] != expected {
            return .failure(.badCheckCharacter(expected: expected, found: full[17]))
        }
        let birthText = String(full[6..<14])
        guard let birth = LocalDate(compact: Substring(birthText)) else {
            return .failure(.impossibleBirthDate(birthText))
        }
        if birth > today { return .failure(.birthDateInFuture(birth)) }
        if birth < earliestBirth { return .failure(.birthBefore1900(birth)) }
        let region = String(full[0..<6])
        if region.hasPrefix(trainingPrefix) {
            if !allowTraining { return .failure(.trainingRegion(region)) }
        } else if !divisions.contains(region) && permitRegions[region] == nil {
            return .failure(.unknownRegion(region))
        }
        return .success(ResidentID(unchecked: String(full)))
    }

    /// The common case on its UTF-8 bytes: exactly 18 characters, digits and a final `X` or `x`, valid. Builds no
    /// string unless the `x` must be raised; returns nil for anything else, which `parse` then reads the careful way
    /// (and explains when it refuses). The same rules: GB 11643 check, a real birth date from 1900 to today, a known
    /// region (training codes only when allowed).
    private static func parseCanonical(
        _ input: String, today: LocalDate, divisions: DivisionTable, allowTraining: Bool
    ) -> ResidentID? {
        guard input.utf8.count == 18 else { return nil }
        let accepted: (valid: Bool, lowerX: Bool)? = input.utf8.withContiguousStorageIfAvailable { bytes in
            let last = bytes[17]
            guard let (region, birth) = checkedDigits(bytes, lowerX: true), let date = birth,
                  date <= today, date >= earliestBirth else { return (false, false) }
            if region / 10_000 == 99 {
                guard allowTraining else { return (false, false) }
            } else if !divisions.contains(code: region) {
                return (false, false)
            }
            return (true, last == 0x78)
        }
        guard let accepted, accepted.valid else { return nil }
        return ResidentID(unchecked: accepted.lowerX ? input.uppercased() : input)
    }

    /// Eighteen bytes read as a number: seventeen digits whose GB 11643 check character is the last byte (`x` too when
    /// `lowerX`). Returns the region as an integer and the birth date when it is a real day; nil when not digits or
    /// the check fails. Shared by `parse` and `init(stored:)`.
    private static func checkedDigits(_ bytes: UnsafeBufferPointer<UInt8>, lowerX: Bool) -> (region: Int, birth: LocalDate?)? {
        var sum = 0, region = 0, birth = 0
        for index in 0..<17 {
            let digit = Int(bytes[index]) &- 48
            guard digit >= 0 && digit <= 9 else { return nil }
            sum &+= digit &* weights[index]
            if index < 6 { region = region &* 10 &+ digit } else if index < 14 { birth = birth &* 10 &+ digit }
        }
        let check: UInt8 = lowerX && bytes[17] == 0x78 ? 0x58 : bytes[17]
        guard check == checkBytes[sum % 11] else { return nil }
        return (region, LocalDate(year: birth / 10_000, month: birth / 100 % 100, day: birth % 100))
    }

    private static let checkBytes: [UInt8] = checkCharacters.map { $0.asciiValue ?? 0 }

    /// Builds a number from its parts, computing the check character (training data, tests).
    public static func compose(region: String, birth: LocalDate, sequence: Int) -> ResidentID {
        let seq = String(repeating: "0", count: 3 - String(sequence).count) + String(sequence)
        let body = Array(region + birth.compact + seq)
        return ResidentID(unchecked: String(body) + String(checkCharacter(for: body)))
    }

    public var regionCode: String { String(value.prefix(6)) }

    /// Read from the number, which was checked to hold a real date when it was accepted.
    public var birthDate: LocalDate {
        LocalDate(compact: value.dropFirst(6).prefix(8)) ?? .earliest
    }

    public var sex: Sex {
        let sequenceDigit = value.utf8.dropFirst(16).first.map { Int($0) - 48 } ?? 0
        return sequenceDigit % 2 == 1 ? .male : .female
    }

    /// The permit the number belongs to, when it is a Hong Kong, Macao or Taiwan resident's permit number.
    public var permit: Bilingual? { ResidentID.permitRegions[regionCode] }

    public func age(on date: LocalDate) -> Int { birthDate.wholeYears(until: date) }

    /// Whether the number is a synthetic one for training.
    public var isTraining: Bool { value.hasPrefix(ResidentID.trainingPrefix) }

    /// First 6 and last 4 shown: `540102********1234`.
    public var masked: String { String(value.prefix(6)) + String(repeating: "*", count: 8) + String(value.suffix(4)) }

    public var description: String { masked }

    public static func < (a: ResidentID, b: ResidentID) -> Bool { a.value < b.value }
}
