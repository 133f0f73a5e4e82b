import GuitaiCore

/// What the outreach exchange moves, and the words it refuses with.
public enum Outreach {
    /// The tables whose rows a laptop's work brings home, in the order rows are applied (a row before those that point
    /// at it). The store's own bookkeeping (settings, serial counters), the hall's operators, policies and payment
    /// runs, and the hall's record of devices, bundles and reviews stay where they are.
    static let travellingTables: [String] = [
        "persons", "person_groups", "enrolments", "enrolment_suspensions", "cards", "ecards", "benefits", "deaths",
        "certifications", "payments", "recoveries", "settlements", "reversals",
        "outreach_venues", "outreach_events", "outreach_event_transactions",
    ]
    static let travelling = Set(travellingTables)

    /// Tables a laptop never writes: settling, reversing and paying are the hall's. A return naming one is refused.
    static let hallOnly: Set<String> = ["settlements", "reversals", "payments"]

    /// The setting holding the hall's signing key (base64 Ed25519 private key), made at its first checkout.
    static let hallKeySetting = "outreach.hall-key"

    /// What the hall's records refused, as a code the screens put in words: `same-scheme`, `card-in-use`, `ecard-in-use`,
    /// `same-certification`, `missing-record`, or SQLite's own message for anything else.
    static func constraintDetail(_ message: String) -> String {
        // SQLite names the columns; PostgreSQL names the index or constraint (the city's keys lead with hall_code).
        if message.contains("enrolments.person_uuid") || message.contains("enrolments_one_open_per_scheme") { return "same-scheme" }
        if (message.contains("cards.person_uuid") || message.contains("\"cards_one_live_per_person\"")) && !message.contains("ecards") {
            return "card-in-use"
        }
        if (message.contains("cards.number") || message.contains("\"cards_hall_code_number_key\"")) && !message.contains("ecards") {
            return "card-number-taken"
        }
        if message.contains("ecards.person_uuid") || message.contains("ecards_one_live_per_person") { return "ecard-in-use" }
        if message.contains("certifications.") || message.contains("\"certifications_hall_code_") { return "same-certification" }
        if message.contains("FOREIGN KEY") || message.contains("foreign key constraint") { return "missing-record" }
        return message
    }

    /// The words for a `constraintDetail` code; the code itself when it is SQLite's message.
    public static func detailWords(_ detail: String) -> Bilingual {
        switch detail {
        case "same-scheme": Bilingual(zh: "此人在大厅已参加同一险种", en: "already enrolled in the same scheme at the hall")
        case "card-in-use": Bilingual(zh: "此人在大厅已有在用的社保卡", en: "already has a card in use at the hall")
        case "card-number-taken": Bilingual(zh: "这个卡号在大厅已登记给别人", en: "the card number is recorded for someone else at the hall")
        case "ecard-in-use": Bilingual(zh: "此人在大厅已有在用的电子社保卡", en: "already has an e-card in use at the hall")
        case "same-certification": Bilingual(zh: "大厅已记录同一天同一方式的认证", en: "the hall has a certification of the same day and method")
        case "missing-record": Bilingual(zh: "所指的记录大厅没有", en: "it refers to a record the hall does not have")
        case "already-at-hall": Bilingual(zh: "大厅已为此人记录了同样的事项", en: "the hall has recorded the same for this person")
        default: Bilingual(both: detail)
        }
    }

    /// Refuses at a laptop what only the hall does.
    /// - Throws: `needs-hall` (65) naming the work.
    public static func needsHall(_ what: Bilingual) -> DomainError {
        DomainError.refused("needs-hall", zh: "外出笔记本不能办理\(what.zh)：这项业务须回到大厅办理",
                            en: "An outreach laptop cannot do \(what.en): it is done at the hall")
    }

    /// Refuses at a hall what only a laptop does.
    public static func needsLaptop(_ what: Bilingual) -> DomainError {
        DomainError.refused("needs-laptop", zh: "\(what.zh)只在外出笔记本上办理", en: "\(what.en) is done on an outreach laptop")
    }
}
