/// What a clerk types to register a person; everything the ID number implies is left out.
public struct PersonForm: Sendable {
    public var idNumber: String
    public var name: String
    public var phone: String?
    public var household: String?
    public var regionCode: String?
    public var ethnicity: String?
    public var address: String?
    public var isStudent: Bool
    /// `NAME[:FROM[:TO]]` as on the command line.
    public var groups: [String]

    public init(idNumber: String, name: String, phone: String? = nil, household: String? = nil, regionCode: String? = nil,
                ethnicity: String? = nil, address: String? = nil, isStudent: Bool = false, groups: [String] = []) {
        self.idNumber = idNumber
        self.name = name
        self.phone = phone
        self.household = household
        self.regionCode = regionCode
        self.ethnicity = ethnicity
        self.address = address
        self.isStudent = isStudent
        self.groups = groups
    }
}
