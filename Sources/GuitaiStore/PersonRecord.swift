import GuitaiCore

/// A person as stored, with the record's UUID.
public struct PersonRecord: Hashable, Sendable {
    public var uuid: String
    public var person: Person
    public var createdSerial: String
}
