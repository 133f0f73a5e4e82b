/// A yearly cap on basic-fund payments of every visit type, optionally together with critical-illness payments (Zhuzhou).
public struct CombinedCap: Sendable, Hashable {
    public var amount: Sourced<Money>
    public var includesCriticalIllness: Bool

    public init(amount: Sourced<Money>, includesCriticalIllness: Bool) {
        self.amount = amount
        self.includesCriticalIllness = includesCriticalIllness
    }
}
