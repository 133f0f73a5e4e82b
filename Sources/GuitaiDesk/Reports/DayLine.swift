import GuitaiCore

/// One transaction of a business day as the day close counts it: who, which procedure, how much money it moved.
/// A close keeps these lines as they were, so a closed day's report is made again from them unchanged.
public struct DayLine: Codable, Hashable, Sendable {
    public var serial: String
    public var operatorID: String
    /// The journal's kind of transaction (`settle`, `enrol.reverse`).
    public var kind: String
    /// The procedure it counts under (`DayLine.procedures`), nil for a reversal and for what is no counter business
    /// (a policy loaded, a slice of a payment run, a record of who looked at what).
    public var procedure: String?
    /// For a reversal, the serial it undid.
    public var reverses: String?
    /// Whether an outreach laptop recorded it (received at the hall that day); nil for the hall's own.
    public var fromLaptop: Bool?
    /// The money moved, in fen: a settlement's fund payments (basic + critical illness + assistance), a payment run's
    /// payments; for a reversal, what it took back. 0 where no money moves.
    public var amountFen: Int64

    /// The procedures of `report day`, in the order they are listed (`cli.md`).
    public static let procedures = ["registration", "enrolment", "card", "ecard", "certification", "benefit", "death",
                                    "payment-run", "settlement", "outreach", "operator"]

    /// A procedure's name on reports.
    public static func label(of procedure: String) -> Bilingual {
        switch procedure {
        case "registration": Bilingual(zh: "人员登记", en: "Registration")
        case "enrolment": Bilingual(zh: "参保登记", en: "Enrolment")
        case "card": Bilingual(zh: "社保卡", en: "Social security card")
        case "ecard": Bilingual(zh: "电子社保卡", en: "E-card")
        case "certification": Bilingual(zh: "待遇资格认证", en: "Certification")
        case "benefit": Bilingual(zh: "待遇核定", en: "Benefit")
        case "death": Bilingual(zh: "死亡登记", en: "Death")
        case "payment-run": Bilingual(zh: "待遇发放", en: "Payment run")
        case "settlement": Bilingual(zh: "一站式结算", en: "Settlement")
        case "outreach": Bilingual(zh: "外出服务", en: "Outreach")
        case "operator": Bilingual(zh: "操作员管理", en: "Operators")
        default: Bilingual(both: procedure)
        }
    }

    /// The procedure a journal kind counts under; nil when it is none of `procedures`.
    public static func procedure(ofKind kind: String) -> String? {
        let family = kind.split(separator: ".").first.map(String.init) ?? kind
        switch kind {
        case "person.add": return "registration"
        case "payments.run": return "payment-run"
        case "settle": return "settlement"
        case "death": return "death"
        case "benefit.add": return "benefit"
        default: break
        }
        switch family {
        case "enrol": return "enrolment"
        case "card": return "card"
        case "ecard": return "ecard"
        case "certify": return "certification"
        case "outreach": return "outreach"
        case "operator": return "operator"
        default: return nil
        }
    }
}
