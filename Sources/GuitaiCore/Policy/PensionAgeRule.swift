/// The age at which each pension scheme starts paying: a monthly benefit needs the person to reach it by the first
/// month paid (`domain.md`, "Benefits need a pension").
public struct PensionAgeRule: Sendable, Hashable {
    public var resident: Sourced<Int>
    public var employeeMale: Sourced<Int>
    public var employeeFemale: Sourced<Int>

    public init(resident: Sourced<Int>, employeeMale: Sourced<Int>, employeeFemale: Sourced<Int>) {
        self.resident = resident
        self.employeeMale = employeeMale
        self.employeeFemale = employeeFemale
    }

    /// Resident pension at 60 (国发〔2014〕8号); the statutory retirement age for the employee pension, men 60 and
    /// women workers 50 (国发〔1978〕104号), before the gradual rise that began in 2025. A hall's policy file may set
    /// its own in `[pension-age]`.
    public static let national = PensionAgeRule(
        resident: Sourced(60, source: "national: 国发〔2014〕8号"),
        employeeMale: Sourced(60, source: "national: 国发〔1978〕104号"),
        employeeFemale: Sourced(50, source: "national: 国发〔1978〕104号"))

    /// The age for a scheme and sex; nil for schemes that pay no pension.
    public func age(for scheme: Scheme, sex: Sex) -> Sourced<Int>? {
        switch scheme {
        case .residentPension: resident
        case .employeePension: sex == .male ? employeeMale : employeeFemale
        default: nil
        }
    }
}
