import GuitaiCore
import GuitaiStore

extension Desk {
    /// The hall's statistics on a date (the business date when nil) for people under a region prefix (empty: all).
    /// - Throws: `bad-region` or `bad-date` (usage).
    public func statistics(regionPrefix: String = "", date text: String? = nil) throws -> CoverageStatistics {
        try require(.counter)
        try checkRegionPrefix(regionPrefix)
        let date = try reportDate(text)
        return try store.read { tx in
            let owed = try tx.owedMonths()
            var recipients = 0, due = 0, overdue = 0, suspended = 0
            // Each recipient as they stood on the date: the certification in force then, not one made since.
            for r in try tx.recipients(regionPrefix: regionPrefix, asOf: date) where r.benefit.start <= date.yearMonth {
                if let died = r.benefit.deathDate, died <= date { continue }
                recipients += 1
                switch CertificationCycle.standing(on: date, due: r.dueAsOf) {
                case .overdue: if owed[r.benefitUUID]?.isEmpty == false { suspended += 1 } else { overdue += 1 }
                case .dueSoon: due += 1
                default: break
                }
            }
            let yearStart = LocalDate(year: date.year, month: 1, day: 1) ?? date
            let activity = try tx.activityReport(from: yearStart, to: date)
            return CoverageStatistics(
                date: date, regionPrefix: regionPrefix, hallName: store.hall.name, isTraining: store.hall.isTraining,
                counts: try tx.coverageCounts(regionPrefix: regionPrefix, on: date), recipients: recipients,
                certificationDue: due, certificationOverdue: overdue, certificationSuspended: suspended,
                outreachEvents: activity.events, outreachParticipants: activity.participants,
                outreachTransactions: activity.transactionsByKind.map(\.count).reduce(0, +))
        }
    }
}
