import GuitaiCore
import GuitaiStore

extension Desk {
    /// How many days before the due date a recipient counts as due (`domain.md` §3: due soon is within 30 days).
    public static let dueSoonDays = 30

    /// The hall's statistics on a date (the business date when nil) for people under a region prefix (empty: all).
    /// - Throws: `bad-region` or `bad-date` (usage).
    public func statistics(regionPrefix: String = "", date text: String? = nil) throws -> CoverageStatistics {
        try require(.counter)
        try checkRegionPrefix(regionPrefix)
        let date = try reportDate(text)
        return try store.read { tx in
            let counts = try tx.coverageCounts(regionPrefix: regionPrefix, on: date)
            let owed = try tx.paymentState(for: date.yearMonth).owed
            var recipients = 0, due = 0, overdue = 0, suspended = 0
            for r in try tx.recipients(regionPrefix: regionPrefix) where r.benefit.start <= date.yearMonth {
                if let died = r.benefit.deathDate, died <= date { continue }
                recipients += 1
                if CertificationCycle.standing(on: date, due: r.due) == .overdue {
                    if owed[r.benefitUUID]?.isEmpty == false { suspended += 1 } else { overdue += 1 }
                } else if r.due <= date.adding(days: Self.dueSoonDays) {
                    due += 1
                }
            }
            let yearStart = LocalDate(year: date.year, month: 1, day: 1) ?? date
            let activity = try tx.activityReport(from: yearStart, to: date)
            return CoverageStatistics(
                date: date, regionPrefix: regionPrefix, hallName: store.hall.name, isTraining: store.hall.isTraining,
                insured: Scheme.allCases.map { ($0, counts.activeByScheme[$0] ?? 0) }, insuredPeople: counts.insuredPeople,
                ecardsIssued: counts.ecardsIssued, ecardsActive: counts.ecardsActive, vouchersActive: counts.vouchersActive,
                recipients: recipients, certificationDue: due, certificationOverdue: overdue, certificationSuspended: suspended,
                settlements: counts.settlements, settlementTotal: counts.settlementTotal, settlementBasic: counts.settlementBasic,
                settlementCriticalIllness: counts.settlementCriticalIllness, settlementAssistance: counts.settlementAssistance,
                settlementPersonal: counts.settlementPersonal, outreachEvents: activity.events,
                outreachParticipants: activity.participants,
                outreachTransactions: activity.transactionsByKind.map(\.count).reduce(0, +))
        }
    }
}
