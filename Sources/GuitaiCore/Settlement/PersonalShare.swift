/// What the patient pays, and why.
public struct PersonalShare: Hashable, Sendable {
    public var outOfScope: Money
    public var bPrepay: Money
    /// In-scope cost no fund covers because the person is not enrolled or still waiting.
    public var notCovered: Money
    public var deductible: Money
    public var coPayment: Money
    public var aboveCaps: Money

    public var total: Money { outOfScope + bPrepay + notCovered + deductible + coPayment + aboveCaps }
}
