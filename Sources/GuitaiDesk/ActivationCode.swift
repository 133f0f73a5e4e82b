/// The one-time e-card activation code printed on the issue receipt: eight random digits.
enum ActivationCode {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<8).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
    }
}
