/// A policy parameter with where it comes from (`seed: …`, `national: …` or `illustrative`).
public struct Sourced<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var source: String

    public init(_ value: Value, source: String) {
        self.value = value
        self.source = source
    }

    /// Illustrative values must be labelled wherever they are shown.
    public var isIllustrative: Bool { source.lowercased().hasPrefix("illustrative") }
}
