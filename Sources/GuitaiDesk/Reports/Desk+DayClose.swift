import Foundation
import GuitaiCore
import GuitaiStore

/// The day close (日结): the day's business per procedure, of the hall or one clerk, and its sign-off by a supervisor,
/// after which nothing more is recorded on that business date.
extension Desk {
    /// The report of a business date (the business date when nil): of one operator with `clerk`, else of the hall. A
    /// closed day's report is made from the lines the close kept, so it reads the same whenever it is asked for.
    /// - Throws: `bad-date` (usage) for a date that is not `YYYY-MM-DD` within 1990–2099; `operator-not-found` (66) for
    ///   a clerk with no account; `store-damaged` for a kept close that cannot be read.
    public func dayReport(date text: String? = nil, clerk: String? = nil) throws -> DayReport {
        try require(.counter)
        let date = try reportDate(text)
        return try store.read { tx in
            if let clerk, try tx.operatorAccount(id: clerk) == nil {
                throw DomainError.notFound("operator-not-found", zh: "没有编号为 \(StoredText.sanitised(clerk, as: .reference)) 的操作员",
                                           en: "No operator has the id \(StoredText.sanitised(clerk, as: .reference))")
            }
            if let close = try tx.dayClose(on: date) {
                return report(date: date, lines: try Self.keptLines(close), clerk: clerk, head: close.journalHead,
                              close: DayReport.Close(serial: close.serial, operatorID: close.operatorID, at: close.closedAt))
            }
            let entries = try tx.journal(on: date)
            return report(date: date, lines: try dayLines(entries, tx), clerk: clerk, head: Self.head(entries, device: store.hall.deviceID),
                          close: nil)
        }
    }

    /// Signs off a business date (the business date when nil): a supervisor's transaction, the date's last, which keeps
    /// the report as it stands. Afterwards every write dated that day is refused (`day-closed`), the records of who looked
    /// at what excepted.
    /// - Throws: `permission-denied` (77) for anyone but a supervisor; `needs-hall` on an outreach laptop (its work is
    ///   closed where it is received); `bad-date` (usage); `impossible-date` (65) for a date after the business date;
    ///   `day-closed` (65) when the date is closed already; `job-busy` (75) while a payment run is writing.
    public func closeDay(date text: String? = nil) throws -> DayReport {
        try require(.supervision)
        try requireHall(Bilingual(zh: "日结", en: "A day close"))
        let date = try reportDate(text)
        if date > today {
            throw DomainError.refused("impossible-date", zh: "不能日结 \(date.iso)：晚于业务日期 \(today.iso)",
                                      en: "\(date.iso) cannot be closed before it comes: the business date is \(today.iso)")
        }
        // A run writes its lines over several transactions of the day; the close waits for none of them half done.
        let job = try store.exclusiveJob("payments", label: Bilingual(zh: "待遇发放", en: "payment run"))
        defer { withExtendedLifetime(job) {} }
        var context = self.context
        context.businessDate = date
        let operatorID = account.id
        let (closed, _) = try store.write(context, kind: "day.close") { tx -> (DayReport, JSONValue) in
            let entries = try tx.journal(on: date)
            let lines = try dayLines(entries, tx)
            let head = Self.head(entries, device: store.hall.deviceID) ?? ""
            let close = DayCloseRecord(date: date, serial: tx.serial ?? "", operatorID: operatorID, closedAt: context.at,
                                       journalHead: head, report: try Self.keep(lines))
            try tx.insertDayClose(close)
            let report = report(date: date, lines: lines, clerk: nil, head: head,
                                close: DayReport.Close(serial: close.serial, operatorID: operatorID, at: context.at))
            return (report, .object([("date", .string(date.iso)), ("transactions", .int(Int64(lines.count))),
                                     ("total", .money(report.total)), ("reversals", .int(Int64(report.reversals.count))),
                                     ("head", .string(head))]))
        }
        return closed
    }

    private func report(date: LocalDate, lines: [DayLine], clerk: String?, head: String?, close: DayReport.Close?) -> DayReport {
        DayReport(date: date, hallCode: store.hall.code, hallName: store.hall.name, isTraining: store.hall.isTraining,
                  lines: lines, clerk: clerk, journalHead: head, close: close)
    }

    /// A date typed for a report, or the business date.
    func reportDate(_ text: String?) throws -> LocalDate {
        guard let text else { return today }
        let shown = StoredText.sanitised(text, as: .reference)
        // Written right but no such day (2023-02-30): say that, not how to write a date.
        if LocalDate(iso: text) == nil, text.count == 10, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") }),
           text.split(separator: "-").map(\.count) == [4, 2, 2] {
            throw DomainError(.usage, code: "bad-date", zh: "日期 \(shown) 不存在", en: "There is no such day as \(shown)")
        }
        guard let date = LocalDate(iso: text), date >= BusinessDateRange.first, date <= BusinessDateRange.last else {
            throw DomainError(.usage, code: "bad-date", zh: "日期「\(StoredText.sanitised(text, as: .reference))」应写作 YYYY-MM-DD（1990至2099年）",
                              en: "The date \"\(StoredText.sanitised(text, as: .reference))\" should be YYYY-MM-DD, 1990 to 2099")
        }
        return date
    }

    /// What each of a day's transactions counts as. A settlement's money comes from its own row, a payment run's from
    /// its journal entry; a reversal takes back what the transaction it undid counted.
    private func dayLines(_ entries: [JournalEntry], _ tx: StoreTransaction) throws -> [DayLine] {
        func moved(kind: String, serial: String, payload: [String: Any]) throws -> Int64 {
            switch kind {
            case "settle":
                guard let s = try tx.settlement(serial: serial) else { return 0 }
                return (s.basic + s.criticalIllness + s.assistance).fen
            case "payments.run":
                guard let text = payload["total"] as? String, let total = Money(yuan: text) else {
                    throw DomainError(.failure, code: "store-damaged", zh: "库已损坏：待遇发放 \(serial) 的日志没有可读的总额",
                                      en: "The store is damaged: payment run \(serial) records no readable total")
                }
                return total.fen
            default:
                return 0
            }
        }
        func laptop(_ entry: JournalEntry) -> Bool? { entry.device == store.hall.deviceID ? nil : true }
        return try entries.filter { $0.kind != "day.close" }.map { entry in
            let fields = entry.fields
            if entry.kind.hasSuffix(".reverse") {
                let original = fields["reversed"] as? String ?? ""
                let undone = try tx.journalEntry(serial: original)
                let amount = try undone.map { try moved(kind: $0.kind, serial: $0.serial, payload: $0.fields) } ?? 0
                return DayLine(serial: entry.serial, operatorID: entry.operatorID, kind: entry.kind, procedure: nil,
                               reverses: original, fromLaptop: laptop(entry), amountFen: amount)
            }
            return DayLine(serial: entry.serial, operatorID: entry.operatorID, kind: entry.kind,
                           procedure: DayLine.procedure(ofKind: entry.kind), reverses: nil, fromLaptop: laptop(entry),
                           amountFen: try moved(kind: entry.kind, serial: entry.serial, payload: fields))
        }
    }

    /// The hash of the day's last entry of this store's own: the journal's head that day.
    private static func head(_ entries: [JournalEntry], device: String) -> String? {
        entries.last { $0.device == device && $0.kind != "day.close" }?.hash
    }

    private static func keep(_ lines: [DayLine]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(lines), as: UTF8.self)
    }

    private static func keptLines(_ close: DayCloseRecord) throws -> [DayLine] {
        do {
            return try JSONDecoder().decode([DayLine].self, from: Data(close.report.utf8))
        } catch {
            throw DomainError(.failure, code: "store-damaged", zh: "库已损坏：\(close.date.iso) 的日结报表无法读取",
                              en: "The store is damaged: the day close of \(close.date.iso) cannot be read")
        }
    }
}

extension Desk {
    /// Whether the business date (or another) is closed: the desk marks it in its header.
    public func isDayClosed(_ date: LocalDate? = nil) -> Bool {
        (try? store.read { try $0.dayClose(on: date ?? today) }) != nil
    }

    /// Every operator's name by id, for reports that name who did the day's business.
    public func operatorNames() throws -> [String: String] {
        try require(.counter)
        return try store.read { try $0.operatorNames() }
    }
}
