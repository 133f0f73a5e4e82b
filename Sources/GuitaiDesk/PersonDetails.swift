import GuitaiCore
import GuitaiStore

/// A person with everything the hall holds about them, for `person show` and the desk's pinned citizen.
public struct PersonDetails: Sendable {
    public var record: PersonRecord
    public var place: Place
    public var age: Int
    public var enrolments: [EnrolmentRecord]
    public var settlements: [SettlementRecord]
    public var card: CardRecord?
    public var ecard: ECardRecord?
    public var recipient: RecipientRecord?
    public var certifications: [CertificationRecord]
    public var deathDate: LocalDate?
    /// Why the e-card cannot be used today (the physical card's state), when it cannot.
    public var ecardUnusable: Bilingual?

    public var person: Person { record.person }
}
