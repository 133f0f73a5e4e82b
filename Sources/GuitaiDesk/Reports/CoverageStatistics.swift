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
    /// Enrolments in force on the date, every scheme listed in `Scheme` order (0 where none).
    public var insured: [(scheme: Scheme, active: Int)]
    public var insuredPeople: Int
    public var ecardsIssued: Int
    public var ecardsActive: Int
    /// E-cards activated of e-cards issued.
    public var ecardActivation: Rate { Rate(ecardsActive, of: ecardsIssued) }
    public var vouchersActive: Int
    /// E-vouchers activated of the people insured.
    public var voucherActivation: Rate { Rate(vouchersActive, of: insuredPeople) }
    /// Living recipients of a monthly benefit (begun by the date's month).
    public var recipients: Int
    /// Recipients due within 30 days (`domain.md` §3: due soon).
    public var certificationDue: Int
    /// Past their due date and not yet suspended by a payment run.
    public var certificationOverdue: Int
    /// Past their due date with payments suspended.
    public var certificationSuspended: Int
    /// Recipients whose certification is in force on the date, of all recipients.
    public var certificationCompletion: Rate { Rate(recipients - certificationOverdue - certificationSuspended, of: recipients) }
    /// Settlements of the date's year up to the date, not reversed.
    public var settlements: Int
    public var settlementTotal: Money
    public var settlementBasic: Money
    public var settlementCriticalIllness: Money
    public var settlementAssistance: Money
    public var settlementPersonal: Money
    /// The outreach campaign's events of the date's year up to the date.
    public var outreachEvents: Int
    public var outreachParticipants: Int
    public var outreachTransactions: Int

    public static func == (a: CoverageStatistics, b: CoverageStatistics) -> Bool {
        a.date == b.date && a.regionPrefix == b.regionPrefix && a.insured.map(\.active) == b.insured.map(\.active)
            && a.insuredPeople == b.insuredPeople && a.ecardsIssued == b.ecardsIssued && a.ecardsActive == b.ecardsActive
            && a.vouchersActive == b.vouchersActive && a.recipients == b.recipients && a.certificationDue == b.certificationDue
            && a.certificationOverdue == b.certificationOverdue && a.certificationSuspended == b.certificationSuspended
            && a.settlements == b.settlements && a.settlementTotal == b.settlementTotal && a.settlementBasic == b.settlementBasic
            && a.settlementCriticalIllness == b.settlementCriticalIllness && a.settlementAssistance == b.settlementAssistance
            && a.settlementPersonal == b.settlementPersonal && a.outreachEvents == b.outreachEvents
            && a.outreachParticipants == b.outreachParticipants && a.outreachTransactions == b.outreachTransactions
    }
}
