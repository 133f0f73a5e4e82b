import Crypto
import Foundation
import GuitaiCore
import _CryptoExtras

/// An outreach bundle on disk (`docs/bundle-format.md`): a format line, a header and a manifest in the clear, an
/// Ed25519 signature, and the payload sealed with AES-256-GCM under a key scrypt derives from the passphrase.
///
/// Everything is checked before anything is believed: the format, the header's hall and device (by the caller, who
/// knows which keys it trusts), the signature over every other byte, the manifest's size and SHA-256 of the sealed
/// payload, then the seal itself (a wrong passphrase fails there). Only swift-crypto's primitives are used.
public enum BundleFile {
    /// The format this build writes and the newest it reads.
    public static let format = 1
    static let magic = "GUITAI-BUNDLE/"

    /// What a bundle says about itself, in the clear.
    public struct Header: Codable, Sendable, Equatable {
        /// `takeout` (hall to laptop) or `return` (laptop to hall).
        public var kind: String
        /// The bundle's own UUID: a bundle received twice is recognised by it.
        public var bundle: String
        /// The hall code the bundle belongs to.
        public var hall: String
        /// The device's name, as checked out.
        public var device: String
        /// Seconds since 1970 when it was written.
        public var created: Int64
        /// scrypt's salt (base64) and parameters for the payload key.
        public var salt: String
        public var scryptN: Int
        public var scryptR: Int
        public var scryptP: Int
        /// The signer's Ed25519 public key (base64): the hall's on a take-out, the device's on a return.
        public var signer: String

        public init(kind: String, bundle: String, hall: String, device: String, created: Int64, salt: String = "",
                    scryptN: Int = 16_384, scryptR: Int = 8, scryptP: Int = 1, signer: String = "") {
            self.kind = kind
            self.bundle = bundle
            self.hall = hall
            self.device = device
            self.created = created
            self.salt = salt
            self.scryptN = scryptN
            self.scryptR = scryptR
            self.scryptP = scryptP
            self.signer = signer
        }
    }

    /// The manifest: each part's size and SHA-256, and the record counts a person can read without the passphrase.
    struct Manifest: Codable {
        struct Part: Codable {
            var name: String
            var bytes: Int
            var sha256: String
        }
        var parts: [Part]
        var counts: [String: Int]
    }

    /// A bundle opened: its header, the payload in the clear, and a digest of the whole file (a replay with other
    /// content has another digest).
    public struct Opened: Sendable {
        public var header: Header
        public var payload: Data
        public var counts: [String: Int]
        public var digest: String
    }

    /// Writes a bundle.
    /// - Parameters:
    ///   - header: kind, bundle id, hall, device and time; salt, scrypt parameters and signer are filled in here.
    ///   - counts: record counts shown in the clear.
    /// - Throws: `bad-passphrase` (usage) for an empty passphrase; crypto failures as `bundle-failure`.
    public static func seal(_ header: Header, payload: Data, counts: [String: Int], passphrase: String,
                            signingKey: Curve25519.Signing.PrivateKey) throws -> Data {
        guard !passphrase.isEmpty else {
            throw DomainError(.usage, code: "bad-passphrase", zh: "外出数据包口令不能为空", en: "The bundle passphrase cannot be empty")
        }
        var header = header
        var salt = [UInt8](repeating: 0, count: 16)
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255) }
        header.salt = Data(salt).base64EncodedString()
        header.signer = signingKey.publicKey.rawRepresentation.base64EncodedString()
        do {
            let key = try deriveKey(passphrase, header)
            guard let sealed = try AES.GCM.seal(payload, using: key).combined else { throw CryptoKitError.incorrectParameterSize }
            let body = sealed.base64EncodedString()
            let manifest = Manifest(parts: [.init(name: "payload", bytes: sealed.count, sha256: hex(SHA256.hash(data: sealed)))], counts: counts)
            let signed = try signedText(header: header, manifest: manifest, body: body)
            let signature = try signingKey.signature(for: Data(signed.utf8)).base64EncodedString()
            return Data((signed.prefix(upTo: signed.lastIndex(of: "\n") ?? signed.endIndex) + "\n" + signature + "\n" + body + "\n").utf8)
        } catch let error as DomainError {
            throw error
        } catch {
            throw DomainError(.failure, code: "bundle-failure", zh: "外出数据包加密失败：\(error)", en: "The bundle could not be sealed: \(error)")
        }
    }

    /// A bundle read for its form but not yet opened: its header in the clear, to decide which key to trust, and the
    /// parts `open` checks, so a large take-out is split into its lines once.
    public struct Sealed: Sendable {
        public let header: Header
        fileprivate let parsed: Parsed
        fileprivate let data: Data
    }

    /// Reads a bundle's form without the passphrase.
    /// - Throws: `bad-bundle` (65) for anything that is not a whole bundle of a known format, saying which.
    public static func read(_ data: Data) throws -> Sealed {
        let parsed = try parse(data)
        return Sealed(header: parsed.header, parsed: parsed, data: data)
    }

    /// A bundle's header, in the clear.
    public static func header(of data: Data) throws -> Header {
        try read(data).header
    }

    /// Opens a bundle's bytes (`read`, then `open(_:passphrase:trusted:)`).
    public static func open(_ data: Data, passphrase: String, trusted: Curve25519.Signing.PublicKey?) throws -> Opened {
        try open(try read(data), passphrase: passphrase, trusted: trusted)
    }

    /// Opens a bundle: signature, manifest and seal, in that order, before the payload is believed.
    /// - Parameters:
    ///   - trusted: the public key the signature must be made with (the device's recorded at checkout, the hall's),
    ///     or nil to accept the key the header names (a take-out opened on a new laptop).
    /// - Throws: `bad-bundle` (65) saying what is wrong: not a bundle, a newer format, truncated, tampered (the
    ///   signature or a part's digest does not match), signed by another key, or the wrong passphrase.
    public static func open(_ sealed: Sealed, passphrase: String, trusted: Curve25519.Signing.PublicKey?) throws -> Opened {
        let parsed = sealed.parsed
        let key: Curve25519.Signing.PublicKey
        if let trusted {
            guard trusted.rawRepresentation.base64EncodedString() == parsed.header.signer else {
                throw refusal(zh: "数据包不是由登记的设备签名的（签名密钥不符）", en: "The bundle is not signed by the registered device (another key)")
            }
            key = trusted
        } else {
            guard let raw = Data(base64Encoded: parsed.header.signer), let named = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
                throw refusal(zh: "数据包头部的签名公钥无效", en: "The header's signing key is not a valid key")
            }
            key = named
        }
        guard let signature = Data(base64Encoded: parsed.signature), key.isValidSignature(signature, for: Data(parsed.signed.utf8)) else {
            throw refusal(zh: "数据包已被改动（签名不符），不能导入", en: "The bundle has been changed (the signature does not match): refused")
        }
        guard let box = Data(base64Encoded: parsed.body), let part = parsed.manifest.parts.first(where: { $0.name == "payload" }),
              part.bytes == box.count, part.sha256 == hex(SHA256.hash(data: box)) else {
            throw refusal(zh: "数据包内容与清单不符（已被截断或改动）", en: "The bundle's content does not match its manifest (truncated or changed)")
        }
        let payload: Data
        do {
            payload = try AES.GCM.open(AES.GCM.SealedBox(combined: box), using: try deriveKey(passphrase, parsed.header))
        } catch {
            throw refusal(zh: "口令不正确，数据包无法解密", en: "Wrong passphrase: the bundle cannot be decrypted")
        }
        return Opened(header: parsed.header, payload: payload, counts: parsed.manifest.counts, digest: hex(SHA256.hash(data: sealed.data)))
    }

    fileprivate struct Parsed: Sendable {
        var header: Header
        var manifest: Manifest
        var signed: String
        var signature: String
        var body: String
    }

    private static func parse(_ data: Data) throws -> Parsed {
        guard !data.isEmpty else { throw refusal(zh: "数据包是空文件", en: "The bundle is an empty file") }
        guard let text = String(data: data, encoding: .utf8), text.hasPrefix(magic) else {
            throw refusal(zh: "这不是柜台外出数据包", en: "This is not a Guitai outreach bundle")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let version = Int(lines[0].dropFirst(magic.count)) else {
            throw refusal(zh: "数据包格式行无法识别", en: "The bundle's format line is not understood")
        }
        guard version <= format else {
            throw refusal(zh: "数据包格式 \(version) 比本程序支持的 \(format) 新，请先升级柜台程序",
                          en: "The bundle's format \(version) is newer than this program's \(format): upgrade Guitai first")
        }
        guard lines.count <= 6 else {
            throw refusal(zh: "数据包末尾多出了内容（已被改动）", en: "The bundle has content after its end (it was changed)")
        }
        guard lines.count == 6, lines[5].isEmpty, !lines[4].isEmpty else {
            throw refusal(zh: "数据包不完整（已被截断）", en: "The bundle is incomplete (truncated)")
        }
        let decoder = JSONDecoder()
        guard let header = try? decoder.decode(Header.self, from: Data(lines[1].utf8)),
              let manifest = try? decoder.decode(Manifest.self, from: Data(lines[2].utf8)) else {
            throw refusal(zh: "数据包头部或清单已损坏", en: "The bundle's header or manifest is damaged")
        }
        return Parsed(header: header, manifest: manifest, signed: [lines[0], lines[1], lines[2], lines[4]].joined(separator: "\n"),
                      signature: lines[3], body: lines[4])
    }

    /// The bytes the signature covers: format line, header, manifest and the sealed payload.
    private static func signedText(header: Header, manifest: Manifest, body: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let headerLine = String(decoding: try encoder.encode(header), as: UTF8.self)
        let manifestLine = String(decoding: try encoder.encode(manifest), as: UTF8.self)
        return [magic + String(format), headerLine, manifestLine, body].joined(separator: "\n")
    }

    private static func deriveKey(_ passphrase: String, _ header: Header) throws -> SymmetricKey {
        guard let salt = Data(base64Encoded: header.salt), salt.count >= 16,
              (1_024...1_048_576).contains(header.scryptN), header.scryptN & (header.scryptN - 1) == 0,
              (1...16).contains(header.scryptR), (1...4).contains(header.scryptP),
              // Memory 128·N·r bytes: at most 256 MiB, so a bundle cannot ask a laptop for gigabytes.
              header.scryptN * header.scryptR <= 1 << 21 else {
            throw refusal(zh: "数据包的密钥参数无效", en: "The bundle's key parameters are not valid")
        }
        return try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 32,
                                        rounds: header.scryptN, blockSize: header.scryptR, parallelism: header.scryptP)
    }

    static func refusal(zh: String, en: String) -> DomainError {
        DomainError.refused("bad-bundle", zh: zh, en: en)
    }

    private static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String($0, radix: 16).leftPadded(2) }.joined()
    }
}
