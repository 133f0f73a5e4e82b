import GuitaiCore

/// One thing a scenario step checks in the store, never in the keys pressed: the step is done when the business it
/// teaches was recorded. Only business dated on or after the classroom date counts, so the store's own history never
/// passes a check.
public struct ScenarioCondition: Codable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// The person `id` is registered.
        case registered
        /// `id` has an enrolment in `scheme` with `status` (default active; several parted by `|`), and with that grade in yuan when `grade` is given (`any`: some grade).
        case enrolled
        /// `id`'s e-card is in `status` (several states parted by `|`: any of them).
        case ecard
        /// `id`'s medical e-voucher is active.
        case voucher
        /// `id` was certified, by `method` when given.
        case certified
        /// `id`'s benefit has a payment line of `payment` kind (`paid`, `back-paid`, `suspended`) for `month`.
        case paid
        /// `id`'s death is registered, with `overpaid` yuan to recover when given.
        case death
        /// `id` has a settlement not reversed (`status` `any`: reversed or not) recorded on or after the classroom date, of `total` yuan when given, with all three layers paying when `layers`.
        case settled
        /// A settlement of `id` was reversed.
        case reversed
        /// The one-time list of documents of screen `topic` was printed.
        case notice
    }

    public var kind: Kind
    public var id: String?
    public var scheme: String?
    public var status: String?
    public var grade: String?
    public var method: String?
    public var payment: String?
    public var month: String?
    public var total: String?
    public var overpaid: String?
    public var layers: Bool?
    public var topic: String?

    /// Whether a state is one `status` names (or `otherwise`, when it names none): one state, or several parted by
    /// `|` (`issued|active`).
    func accepts(_ state: String, otherwise: String? = nil) -> Bool {
        (status ?? otherwise)?.split(separator: "|").contains(Substring(state)) ?? false
    }
}
