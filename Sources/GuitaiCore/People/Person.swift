/// A citizen as the hall knows them. What the ID number implies is derived, never stored twice.
public struct Person: Hashable, Sendable {
    public var id: ResidentID
    public var name: String
    public var ethnicity: String?
    public var household: Household?
    /// Where the person lives and is insured; defaults from the ID number but people move.
    public var regionCode: String
    public var address: String?
    public var phone: String?
    /// A full-time student cannot join the resident pension scheme.
    public var isStudent: Bool
    public var groups: [GroupMembership]

    public init(id: ResidentID, name: String, ethnicity: String? = nil, household: Household? = nil,
                regionCode: String? = nil, address: String? = nil, phone: String? = nil,
                isStudent: Bool = false, groups: [GroupMembership] = []) {
        self.id = id
        self.name = name
        self.ethnicity = ethnicity
        self.household = household
        self.regionCode = regionCode ?? id.regionCode
        self.address = address
        self.phone = phone
        self.isStudent = isStudent
        self.groups = groups
    }

    public func age(on date: LocalDate) -> Int { id.age(on: date) }

    /// The special groups valid on a date, in a stable order.
    public func groups(on date: LocalDate) -> Set<SpecialGroup> {
        Set(groups.filter { $0.isValid(on: date) }.map(\.group))
    }

    /// Checks a name as a clerk types it (`StoredText`, kind `.name`): 1 to 40 characters, printable, the name dot
    /// normalised to `·`.
    public static func validateName(_ name: String) -> Result<String, DomainError> {
        Result { () throws(DomainError) in try StoredText.check(name, as: .name) }
    }

    /// Mobile numbers: 11 digits, `1[3-9]` first.
    public static func validatePhone(_ phone: String) -> Result<String, DomainError> {
        let digits = Array(phone.trimmingSpaces)
        guard digits.count == 11, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              digits[0] == "1", let second = digits[1].wholeNumberValue, second >= 3 else {
            return .failure(.refused("bad-phone", zh: "手机号应为11位数字，以13至19开头",
                                     en: "A mobile number has 11 digits and starts with 13 to 19"))
        }
        return .success(String(digits))
    }

    /// `138****5678`.
    public static func maskPhone(_ phone: String) -> String {
        phone.count == 11 ? String(phone.prefix(3)) + "****" + String(phone.suffix(4)) : phone
    }
}
