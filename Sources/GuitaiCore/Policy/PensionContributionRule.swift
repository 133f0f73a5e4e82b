/// Resident pension: contribution grades, the subsidy on them, and who has the lowest grade paid for them.
public struct PensionContributionRule: Sendable, Hashable {
    /// The national grades, 100 to 2000 yuan a year.
    public static let nationalGrades: [Money] = [100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1500, 2000].map { Money.yuan($0) }

    public var extraGrades: Sourced<[Money]>
    public var subsidyBelow500: Sourced<Money>
    public var subsidyFrom500: Sourced<Money>
    public var paidOnBehalfGroups: Sourced<Set<SpecialGroup>>
    public var monthlyBasicPension: Sourced<Money>

    public init(extraGrades: Sourced<[Money]>, subsidyBelow500: Sourced<Money>, subsidyFrom500: Sourced<Money>,
                paidOnBehalfGroups: Sourced<Set<SpecialGroup>>, monthlyBasicPension: Sourced<Money>) {
        self.extraGrades = extraGrades
        self.subsidyBelow500 = subsidyBelow500
        self.subsidyFrom500 = subsidyFrom500
        self.paidOnBehalfGroups = paidOnBehalfGroups
        self.monthlyBasicPension = monthlyBasicPension
    }

    public var grades: [Money] { (PensionContributionRule.nationalGrades + extraGrades.value).sorted() }

    public func subsidy(for grade: Money) -> Sourced<Money> { grade < .yuan(500) ? subsidyBelow500 : subsidyFrom500 }
}
