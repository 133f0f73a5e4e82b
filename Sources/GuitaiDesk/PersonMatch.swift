import GuitaiCore

/// One person a search found, with what a list of matches shows: the name, the number, sex and age, the place. The
/// rest of their records is read when one of them is chosen (`Desk.showPerson`), not for every match.
public struct PersonMatch: Sendable {
    public var person: Person
    /// Whole years on the business date.
    public var age: Int
    public var place: Place
}
