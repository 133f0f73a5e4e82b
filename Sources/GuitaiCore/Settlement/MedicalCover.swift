/// The medical enrolment a settlement is paid under, or why there is none.
public enum MedicalCover: Hashable, Sendable {
    case covered(scheme: Scheme, status: EmploymentStatus?, regionCode: String)
    /// Not enrolled on the date (未参保): no fund pays.
    case notEnrolled
    /// Enrolled, but the waiting period runs until the given date.
    case waiting(until: LocalDate)

    /// The cover on a date among a person's enrolments.
    public static func on(_ date: LocalDate, among enrolments: [Enrolment]) -> MedicalCover {
        let medical = enrolments.filter { $0.scheme.isMedical && $0.isActive(on: date) }
        if let covering = medical.first(where: { $0.covers(date) }) {
            return .covered(scheme: covering.scheme, status: covering.employmentStatus, regionCode: covering.regionCode)
        }
        if let waiting = medical.first { return .waiting(until: waiting.coverFrom) }
        return .notEnrolled
    }
}
