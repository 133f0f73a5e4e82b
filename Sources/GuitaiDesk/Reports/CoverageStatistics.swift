import GuitaiCore
import GuitaiStore

/// The hall's figures on a date for the people under a region prefix: who is insured under each scheme, how far the
/// e-card and the medical e-voucher have reached, where certification stands, what the funds paid on settlements this
/// year, and the outreach campaign's work. The rates are the ones provinces report (`domain.md` §2: e-vouchers
/// activated of the insured, as Qamdo's 289,500 of 740,500).
public struct CoverageStatistics: Sendable, Equatable {
    public var date: LocalDate
    /// The region prefix the figures cover; empty for the whole store.
    public var regionPrefix: String
    public var hallName: String
    public var isTraining: Bool
    /// Enrolments, e-cards, e-vouchers and settlements counted in the store (`CoverageCounts`).
    public var counts: CoverageCounts
    /// Living recipients of a monthly benefit (begun by the date's month).
    public var recipients: Int
    /// Recipients due within `CertificationCycle.dueSoonDays` (`domain.md` §3: due soon is within 30 days).
    public var certificationDue: Int
    /// Past their due date and not yet suspended by a payment run.
    public var certificationOverdue: Int
    /// Past their due date with payments suspended.
    public var certificationSuspended: Int
    /// The outreach campaign's events of the date's year up to the date, the people who came, the business done there.
    public var outreachEvents: Int
    public var outreachParticipants: Int
    public var outreachTransactions: Int

    /// Enrolments in force on the date, every scheme listed in `Scheme` order (0 where none).
    public var insured: [(scheme: Scheme, active: Int)] { Scheme.allCases.map { ($0, counts.activeByScheme[$0] ?? 0) } }
    /// E-cards activated of e-cards issued.
    public var ecardActivation: Rate { Rate(counts.ecardsActive, of: counts.ecardsIssued) }
    /// E-vouchers activated of the people insured.
    public var voucherActivation: Rate { Rate(counts.vouchersActive, of: counts.insuredPeople) }
    /// Recipients whose certification is in force on the date, of all recipients.
    public var certificationCompletion: Rate { Rate(recipients - certificationOverdue - certificationSuspended, of: recipients) }
}
