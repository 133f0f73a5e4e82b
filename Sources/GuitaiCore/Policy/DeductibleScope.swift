/// Whether a deductible (起付线) is paid once a year or at every visit.
public enum DeductibleScope: String, Sendable, Hashable {
    case annual
    case perVisit = "per-visit"

    public var label: Bilingual { self == .annual ? Bilingual(zh: "年度起付线", en: "annual deductible") : Bilingual(zh: "每次起付线", en: "per-visit deductible") }
}
