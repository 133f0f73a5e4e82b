/// Who may draw a monthly benefit (`domain.md`, "Benefits need a pension").
public enum BenefitRules {
    /// Decides the scheme a benefit is paid from and checks that the person may draw it from `start`: an enrolment
    /// in that pension scheme begun by the end of the first month and not ended before it, and the scheme's pension
    /// age reached by then.
    /// - Parameters:
    ///   - requested: the scheme asked for; nil picks the person's employee pension, else their resident pension.
    ///   - enrolments: every enrolment of the person, open or closed.
    /// - Throws: `not-eligible` (refused, exit 65) naming what is missing; `impossible-date` for a start month
    ///   before birth or after the business month.
    public static func scheme(requested: Scheme?, start: YearMonth, person: Person, enrolments: [Enrolment],
                              ages: PensionAgeRule, businessDate: LocalDate) throws(DomainError) -> Scheme {
        try LifeRules.checkMonth(start, of: Bilingual(zh: "待遇起始月份", en: "the first month of the benefit"),
                                 birth: person.id.birthDate, businessDate: businessDate)
        // An enrolment that began by the end of the first month and had not ended (or been transferred out) before it.
        let pensions = enrolments.filter {
            ($0.scheme == .residentPension || $0.scheme == .employeePension) && $0.from <= start.lastDay
                && ($0.to.map { $0 >= start.firstDay } ?? !($0.status == .terminated || $0.status == .transferred))
        }
        let scheme: Scheme
        if let requested {
            guard requested == .residentPension || requested == .employeePension else {
                throw DomainError(.usage, code: "unknown-scheme", zh: "待遇险种应为 resident-pension 或 employee-pension",
                                  en: "The benefit's scheme is resident-pension or employee-pension")
            }
            guard pensions.contains(where: { $0.scheme == requested }) else {
                throw DomainError.refused("not-eligible",
                                          zh: "\(person.name)在 \(start.iso) 前没有参加\(requested.label.zh)，不能领取该险种的待遇",
                                          en: "\(person.name) was not enrolled in the \(requested.label.en) by \(start.iso): no benefit from it")
            }
            scheme = requested
        } else if pensions.contains(where: { $0.scheme == .employeePension }) {
            scheme = .employeePension
        } else if pensions.contains(where: { $0.scheme == .residentPension }) {
            scheme = .residentPension
        } else {
            throw DomainError.refused("not-eligible",
                                      zh: "\(person.name)在 \(start.iso) 前没有参加任何养老保险，不能领取月待遇",
                                      en: "\(person.name) was enrolled in no pension scheme by \(start.iso): no monthly benefit")
        }
        guard let age = ages.age(for: scheme, sex: person.id.sex) else { return scheme }
        let reached = person.id.birthDate.adding(months: 12 * age.value)
        if reached > start.lastDay {
            throw DomainError.refused("not-eligible",
                                      zh: "\(scheme.label.zh)待遇须年满\(age.value)周岁（\(age.source)），\(person.name)于 \(reached.iso) 才满\(age.value)周岁",
                                      en: "The \(scheme.label.en) pays from age \(age.value) (\(age.source)); \(person.name) reaches it on \(reached.iso)")
        }
        return scheme
    }
}
