/// Outpatient (普通门诊) or inpatient (住院) care.
public enum VisitType: String, Sendable, Codable, CaseIterable {
    case outpatient
    case inpatient

    public var label: Bilingual { self == .outpatient ? Bilingual(zh: "门诊", en: "outpatient") : Bilingual(zh: "住院", en: "inpatient") }
}
