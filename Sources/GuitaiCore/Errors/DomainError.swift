/// A refusal by a business rule: a stable kebab-case code for scripts and a plain sentence for people.
public struct DomainError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the command ended; each kind maps to one exit status of the command line.
    public enum Kind: Sendable, Hashable {
        case refused      // a rule said no (exit 65)
        case notFound     // the thing named does not exist (exit 66)
        case permission   // authentication or role (exit 77)
        case usage        // the request itself is malformed (exit 64)
        case busy         // the store stayed locked beyond the busy timeout (exit 75)
        case failure      // anything else (exit 1)
    }

    public let kind: Kind
    public let code: String
    public let message: Bilingual

    public init(_ kind: Kind, code: String, zh: String, en: String) {
        self.kind = kind
        self.code = code
        self.message = Bilingual(zh: zh, en: en)
    }

    public var description: String { "\(code): \(message.en)" }

    public static func refused(_ code: String, zh: String, en: String) -> DomainError {
        DomainError(.refused, code: code, zh: zh, en: en)
    }

    public static func notFound(_ code: String, zh: String, en: String) -> DomainError {
        DomainError(.notFound, code: code, zh: zh, en: en)
    }
}
