/// A registered person as tools that exercise a store pick them (the benchmarks): the ID number, the name, and the
/// name's pinyin initials in their first reading (`zxpc` for 扎西平措).
public struct PersonSample: Hashable, Sendable {
    public var id: String
    public var name: String
    public var initialLetters: String
}
