import GuitaiCore

/// The day close report (日结报表) of one business date, for the hall or one clerk: transactions and money by
/// procedure, the reversals, the day's first and last serial, the journal's head hash, and the close when signed off.
public struct DayReport: Sendable, Equatable {
    /// One procedure's line: how many transactions and the money they moved.
    public struct ProcedureTotal: Sendable, Equatable {
        public var procedure: String
        public var count: Int
        public var amount: Money
    }

    /// A reversal recorded that day: its serial, what it undid, and what it took back.
    public struct ReversalLine: Sendable, Equatable {
        public var serial: String
        public var reverses: String
        public var amount: Money
    }

    /// One operator's share of the day's procedures (the hall's report lists every operator who recorded business).
    public struct OperatorTotal: Sendable, Equatable {
        public var operatorID: String
        public var count: Int
        public var amount: Money
    }

    /// Who signed the day off, when, and the close's serial.
    public struct Close: Sendable, Equatable {
        public var serial: String
        public var operatorID: String
        /// Seconds since 1970.
        public var at: Int64
    }

    public var date: LocalDate
    public var hallCode: String
    public var hallName: String
    /// The clerk reported on; nil for the whole hall.
    public var clerk: String?
    /// Procedures with a count above 0, in `DayLine.procedures` order.
    public var procedures: [ProcedureTotal]
    public var reversals: [ReversalLine]
    public var operators: [OperatorTotal]
    /// Transactions of every kind in the report's scope (procedures, reversals and the rest).
    public var transactions: Int
    public var firstSerial: String?
    public var lastSerial: String?
    /// The hash of the day's last journal entry (before the close, on a closed day); nil on a day without business.
    public var journalHead: String?
    public var close: Close?
    public var isTraining: Bool

    /// The money the procedures moved, summed.
    public var total: Money { procedures.map(\.amount).sum() }

    /// The report over a day's lines, of one clerk or (nil) of the hall.
    /// - Parameter lines: the day's transactions, oldest first, the close left out.
    public init(date: LocalDate, hallCode: String, hallName: String, isTraining: Bool, lines: [DayLine], clerk: String?,
                journalHead: String?, close: Close?) {
        self.date = date
        self.hallCode = hallCode
        self.hallName = hallName
        self.isTraining = isTraining
        self.clerk = clerk
        self.journalHead = journalHead.flatMap { $0.isEmpty ? nil : $0 }
        self.close = close
        let scoped = clerk.map { who in lines.filter { $0.operatorID == who } } ?? lines
        transactions = scoped.count
        // The serials of the hall's own series; a laptop's received that day have theirs.
        let own = scoped.filter { $0.fromLaptop != true }
        firstSerial = own.first?.serial
        lastSerial = own.last?.serial
        let business = scoped.filter { $0.procedure != nil && $0.reverses == nil }
        procedures = DayLine.procedures.compactMap { procedure in
            let of = business.filter { $0.procedure == procedure }
            return of.isEmpty ? nil : ProcedureTotal(procedure: procedure, count: of.count,
                                                      amount: of.map { Money(fen: $0.amountFen) }.sum())
        }
        reversals = scoped.compactMap { line in
            line.reverses.map { ReversalLine(serial: line.serial, reverses: $0, amount: Money(fen: line.amountFen)) }
        }
        // Each operator's share of the procedures' count and money, so the rows add up to the total.
        var byOperator: [String: OperatorTotal] = [:]
        for line in business {
            var entry = byOperator[line.operatorID] ?? OperatorTotal(operatorID: line.operatorID, count: 0, amount: .zero)
            entry.count += 1
            entry.amount = entry.amount + Money(fen: line.amountFen)
            byOperator[line.operatorID] = entry
        }
        operators = byOperator.keys.sorted().compactMap { byOperator[$0] }
    }
}
