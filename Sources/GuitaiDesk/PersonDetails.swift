import GuitaiCore
import GuitaiStore

/// A person with everything the hall holds about them, for `person show` and the desk's pinned citizen.
public struct PersonDetails: Sendable {
    public var record: PersonRecord
    public var place: Place
    public var age: Int
    public var enrolments: [EnrolmentRecord]
    public var settlements: [SettlementRecord]

    public var person: Person { record.person }
}
