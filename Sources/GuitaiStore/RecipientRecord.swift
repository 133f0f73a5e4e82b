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
    /// The latest certification on or before the date the recipients were read for (a payment run's first day).
    public var certifiedBy: LocalDate?

    public var due: LocalDate { CertificationCycle.nextDue(lastCertified: lastCertified, benefitStart: benefit.start) }

    /// The due date of the certification in force on the read date.
    public var dueAsOf: LocalDate { CertificationCycle.nextDue(lastCertified: certifiedBy, benefitStart: benefit.start) }
}
