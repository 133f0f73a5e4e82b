import Crypto
import _CryptoExtras
import Foundation

/// scrypt password hashes, stored as `scrypt$N$r$p$salt$hash` (base64), so parameters can be raised later.
enum PasswordHasher {
    /// 2^14 × 8 × 128 bytes = 16 MiB per guess: memory-hard, and still well under a second at a counter.
    static let cost = 16_384
    static let blockSize = 8
    static let parallelism = 1

    static func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &generator) }
        let key = try derive(password, salt: salt, cost: cost, blockSize: blockSize, parallelism: parallelism)
        return ["scrypt", String(cost), String(blockSize), String(parallelism),
                Data(salt).base64EncodedString(), Data(key).base64EncodedString()].joined(separator: "$")
    }

    /// A valid hash of no one's password (made once from random text), verified against when the operator does not
    /// exist. It is a constant, so an unknown id costs one derivation like a wrong password: computing it on first
    /// use cost an unknown id a second derivation, and 40 ms told which ids exist.
    static let decoy = "scrypt$16384$8$1$B3NFiEPiWB/edtmIDRNNOg==$RQ9ajMo0bkQo941MOdfhVXtcEy11rNxY6pBSflqxXK0="

    private static let counterKey = "guitai.scrypt-derivations"

    /// How many scrypt derivations this thread has run: tests compare the cost of refusals by it, not by time (a
    /// count per thread, so tests running beside each other do not disturb it).
    static var derivations: Int { Thread.current.threadDictionary[counterKey] as? Int ?? 0 }

    static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 6, parts[0] == "scrypt", let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              let salt = Data(base64Encoded: parts[4]), let expected = Data(base64Encoded: parts[5]),
              // A damaged hash must not make one login cost minutes or gigabytes.
              (1 << 10...1 << 20).contains(n), n & (n - 1) == 0, (1...16).contains(r), (1...4).contains(p),
              let key = try? derive(password, salt: [UInt8](salt), cost: n, blockSize: r, parallelism: p) else { return false }
        // Constant time: compare every byte whatever the first difference.
        guard key.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(key, expected) { difference |= a ^ b }
        return difference == 0
    }

    private static func derive(_ password: String, salt: [UInt8], cost: Int, blockSize: Int, parallelism: Int) throws -> [UInt8] {
        Thread.current.threadDictionary[counterKey] = derivations + 1
        let key = try KDF.Scrypt.deriveKey(from: Array(password.utf8), salt: salt, outputByteCount: 32,
                                           rounds: cost, blockSize: blockSize, parallelism: parallelism)
        return key.withUnsafeBytes { Array($0) }
    }
}
