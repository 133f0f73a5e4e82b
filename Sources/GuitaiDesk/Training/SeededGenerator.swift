/// SplitMix64 (Steele, Lea and Flood, 2014): a small generator that gives the same numbers for the same seed on every
/// machine, which the standard library's generator does not promise. The training store's synthetic people and the
/// benchmark's district store use it.
public struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with the given chance, in thousandths.
    public mutating func chance(_ perMille: Int) -> Bool { Int.random(in: 0..<1_000, using: &self) < perMille }

    /// One of the elements (the array is never empty where this is used).
    public mutating func pick<T>(_ elements: [T]) -> T { elements[Int.random(in: 0..<elements.count, using: &self)] }
}
