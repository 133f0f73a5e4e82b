import GuitaiCore

/// A benefit recipient with what the due lists and the payment run need, read in one query.
public struct RecipientRecord: Hashable, Sendable {
    public var benefitUUID: String
    public var personUUID: String
    public var idNumber: String
    public var name: String
    public var regionCode: String
    public var benefit: Benefit
    public var lastCertified: LocalDate?
    public var lastMethod: CertificationMethod?

    public var due: LocalDate { CertificationCycle.nextDue(lastCertified: lastCertified, benefitStart: benefit.start) }
}
