/// The edges every procedure checks against a person's life (`domain.md`, "Edges every procedure checks"): nothing
/// is dated before the person was born or after the business date, and after a registered death nothing new starts.
public enum LifeRules {
    /// Refuses a step once a death is registered: no enrolment, benefit, card or e-card step, no certification.
    /// - Throws: `person-deceased` (refused, exit 65) naming the date of death.
    public static func refuseAfterDeath(_ death: LocalDate?, name: String, step: Bilingual) throws(DomainError) {
        guard let death else { return }
        throw DomainError.refused("person-deceased",
                                  zh: "\(name)已于 \(death.iso) 死亡登记，不能再\(step.zh)；如死亡登记有误，请复核员撤销（death reverse）",
                                  en: "\(name) died on \(death.iso): no \(step.en) after the death; if the death was registered in error, a supervisor withdraws it (death reverse)")
    }

    /// Refuses a visit dated after the death; a visit before it is still settled.
    /// - Throws: `person-deceased` naming the date of death.
    public static func refuseVisit(on date: LocalDate, death: LocalDate?, name: String) throws(DomainError) {
        guard let death, date > death else { return }
        throw DomainError.refused("person-deceased",
                                  zh: "\(name)已于 \(death.iso) 死亡，\(date.iso) 的就诊不能结算",
                                  en: "\(name) died on \(death.iso): a visit on \(date.iso) cannot be settled")
    }

    /// Refuses a date before the person's birth or after the business date.
    /// - Parameter what: the date's name in a sentence ("the visit date").
    /// - Throws: `impossible-date` (refused, exit 65).
    public static func checkDate(_ date: LocalDate, of what: Bilingual, birth: LocalDate, businessDate: LocalDate) throws(DomainError) {
        if date < birth {
            throw DomainError.refused("impossible-date", zh: "\(what.zh) \(date.iso) 早于出生日期 \(birth.iso)",
                                      en: "\(what.en.capitalisedFirst) \(date.iso) is before the birth date \(birth.iso)")
        }
        if date > businessDate {
            throw DomainError.refused("impossible-date", zh: "\(what.zh) \(date.iso) 晚于业务日期 \(businessDate.iso)",
                                      en: "\(what.en.capitalisedFirst) \(date.iso) is after the business date \(businessDate.iso)")
        }
    }

    /// Refuses a month before the month of birth or after the business month (the business month itself is allowed).
    /// - Throws: `impossible-date` (refused, exit 65).
    public static func checkMonth(_ month: YearMonth, of what: Bilingual, birth: LocalDate, businessDate: LocalDate) throws(DomainError) {
        if month < birth.yearMonth {
            throw DomainError.refused("impossible-date", zh: "\(what.zh) \(month.iso) 早于出生月份 \(birth.yearMonth.iso)",
                                      en: "\(what.en.capitalisedFirst) \(month.iso) is before the month of birth \(birth.yearMonth.iso)")
        }
        if month > businessDate.yearMonth {
            throw DomainError.refused("impossible-date", zh: "\(what.zh) \(month.iso) 晚于业务月份 \(businessDate.yearMonth.iso)",
                                      en: "\(what.en.capitalisedFirst) \(month.iso) is after the business month \(businessDate.yearMonth.iso)")
        }
    }
}

extension String {
    /// The text with its first letter upper-case, to start an English sentence.
    public var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
