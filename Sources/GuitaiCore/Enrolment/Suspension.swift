/// A period in which an enrolment's payment was suspended (暂停缴费) and it covered nothing.
public struct Suspension: Hashable, Sendable {
    public var from: LocalDate
    /// The last day suspended; nil while still suspended.
    public var to: LocalDate?

    public init(from: LocalDate, to: LocalDate? = nil) {
        self.from = from
        self.to = to
    }

    public func contains(_ date: LocalDate) -> Bool { from <= date && (to.map { date <= $0 } ?? true) }
}
