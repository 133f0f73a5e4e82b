/// One GB/T 2260 administrative division: a six-digit code and its name.
public struct Division: Hashable, Sendable {
    public let code: String
    public let name: String
    /// False for codes found only in earlier revisions of the standard (merged or renamed since).
    public let isCurrent: Bool

    public init(code: String, name: String, isCurrent: Bool) {
        self.code = code
        self.name = name
        self.isCurrent = isCurrent
    }
}
