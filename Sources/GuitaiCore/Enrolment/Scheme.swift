/// An insurance scheme (险种) a person can be enrolled in.
public enum Scheme: String, Sendable, CaseIterable, Codable {
    case residentPension = "resident-pension"
    case employeePension = "employee-pension"
    case residentMedical = "resident-medical"
    case employeeMedical = "employee-medical"
    case unemployment
    case workInjury = "work-injury"
    case maternity

    public var label: Bilingual {
        switch self {
        case .residentPension: Bilingual(zh: "城乡居民基本养老保险", en: "resident basic pension")
        case .employeePension: Bilingual(zh: "企业职工基本养老保险", en: "employee basic pension")
        case .residentMedical: Bilingual(zh: "城乡居民基本医疗保险", en: "resident basic medical insurance")
        case .employeeMedical: Bilingual(zh: "职工基本医疗保险", en: "employee basic medical insurance")
        case .unemployment: Bilingual(zh: "失业保险", en: "unemployment insurance")
        case .workInjury: Bilingual(zh: "工伤保险", en: "work-injury insurance")
        case .maternity: Bilingual(zh: "生育保险", en: "maternity insurance")
        }
    }

    /// The other scheme of a mutually exclusive pair, if this scheme has one.
    public var exclusivePartner: Scheme? {
        switch self {
        case .residentPension: .employeePension
        case .employeePension: .residentPension
        case .residentMedical: .employeeMedical
        case .employeeMedical: .residentMedical
        default: nil
        }
    }

    public var isMedical: Bool { self == .residentMedical || self == .employeeMedical }
}
