/// An employee-medical member's status, which picks the policy row (在职 / 退休).
public enum EmploymentStatus: String, Sendable, Codable, CaseIterable {
    case inService = "in-service"
    case retired

    public var label: Bilingual { self == .inService ? Bilingual(zh: "在职", en: "in service") : Bilingual(zh: "退休", en: "retired") }
}
