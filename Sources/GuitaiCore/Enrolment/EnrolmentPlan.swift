/// What an accepted enrolment will write: the new enrolment, the pair scheme it ends, and what the receipt says.
public struct EnrolmentPlan: Hashable, Sendable {
    public var enrolment: Enrolment
    /// The open enrolment of the exclusive pair that ends the day before (an explicit switch).
    public var ends: (scheme: Scheme, on: LocalDate)?
    public var contribution: ContributionQuote?
    public var waitingPeriod: WaitingPeriod?
    public var overlapRefund: PensionOverlapRefund?

    public static func == (a: EnrolmentPlan, b: EnrolmentPlan) -> Bool {
        a.enrolment == b.enrolment && a.ends?.scheme == b.ends?.scheme && a.ends?.on == b.ends?.on
            && a.contribution == b.contribution && a.waitingPeriod == b.waitingPeriod && a.overlapRefund == b.overlapRefund
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(enrolment) }
}
