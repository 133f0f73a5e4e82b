import GRDB

/// One column's value of a carried row: the store's tables are STRICT and hold only whole numbers, text and NULL.
public enum RowValue: Codable, Hashable, Sendable {
    case int(Int64)
    case text(String)
    case null

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let number = try? container.decode(Int64.self) {
            self = .int(number)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let number): try container.encode(number)
        case .text(let text): try container.encode(text)
        case .null: try container.encodeNil()
        }
    }

    /// The value as read from SQLite; a real number or a blob, which no table of the store holds, is refused.
    init?(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .int(number)
        case .string(let text): self = .text(text)
        case .double, .blob: return nil
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .int(let number): number.databaseValue
        case .text(let text): text.databaseValue
        case .null: .null
        }
    }

    /// The text in the value, or nil for a number or NULL.
    public var string: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}
