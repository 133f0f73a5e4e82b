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
