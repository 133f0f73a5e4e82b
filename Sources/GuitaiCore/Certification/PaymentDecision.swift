/// What one monthly run decides for one recipient.
public struct PaymentDecision: Hashable, Sendable {
    /// Paid for the run's month (nil when not paid).
    public var paid: Money?
    /// Suspended for the run's month because the certification lapsed.
    public var suspended: Bool
    /// Earlier suspended months now paid, one line for the person.
    public var backPaidMonths: [YearMonth]
    public var backPaid: Money

    public static let nothing = PaymentDecision(paid: nil, suspended: false, backPaidMonths: [], backPaid: .zero)
}
