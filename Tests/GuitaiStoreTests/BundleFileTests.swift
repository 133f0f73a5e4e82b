import Crypto
import Foundation
import GuitaiCore
@testable import GuitaiStore
import Testing

/// The outreach bundle's envelope (issue 10, item 5; docs/bundle-format.md): what goes in comes out only with the
/// passphrase and the right signer, and every damaged, foreign or newer bundle is refused with the reason in plain words.
@Suite struct BundleFileTests {
    let device = Curve25519.Signing.PrivateKey()
    let payload = Data(#"{"persons":[["扎西·平措","540102195503101230"]]}"#.utf8)

    private func sealed(passphrase: String = "雪域高原 2023") throws -> Data {
        let header = BundleFile.Header(kind: "return", bundle: "7F1C2A", hall: "540102", device: "laptop-1", created: 1_685_600_000)
        return try BundleFile.seal(header, payload: payload, counts: ["persons": 1], passphrase: passphrase, signingKey: device)
    }

    /// The refusal's code and English reason, or nil when it opened.
    private func refusal(_ data: Data, passphrase: String = "雪域高原 2023", trusted: Curve25519.Signing.PublicKey?) -> (String, String)? {
        do {
            _ = try BundleFile.open(data, passphrase: passphrase, trusted: trusted)
            return nil
        } catch let error as DomainError {
            return (error.code, error.message.en)
        } catch {
            Issue.record("expected a refusal, got \(error)")
            return nil
        }
    }

    @Test func whatIsSealedOpensWithThePassphraseAndTheDevicesKey() throws {
        let data = try sealed()
        let opened = try BundleFile.open(data, passphrase: "雪域高原 2023", trusted: device.publicKey)
        #expect(opened.payload == payload)
        #expect(opened.header.device == "laptop-1" && opened.header.hall == "540102" && opened.counts == ["persons": 1])
        // The payload is not readable in the file: neither the name nor the ID number appears.
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("540102195503101230") && !text.contains("扎西"))
        // The same bundle read twice has one digest; another sealing of the same content has another (new salt, nonce).
        #expect(try BundleFile.open(data, passphrase: "雪域高原 2023", trusted: nil).digest == opened.digest)
        #expect(try BundleFile.open(try sealed(), passphrase: "雪域高原 2023", trusted: nil).digest != opened.digest)
    }

    @Test func everyBitOfTheFileIsCoveredBySignatureOrSeal() throws {
        let data = try sealed()
        // One bit flipped at every 7th byte, header, manifest, signature and payload alike: never opened.
        for offset in stride(from: 0, to: data.count - 1, by: 7) {
            var damaged = data
            damaged[offset] ^= 0x01
            #expect(refusal(damaged, trusted: device.publicKey)?.0 == "bad-bundle", "a flipped bit at \(offset) opened")
        }
    }

    @Test func eachBadBundleIsRefusedWithItsReason() throws {
        let data = try sealed()
        #expect(refusal(Data(), trusted: nil)?.1.contains("empty") == true)
        #expect(refusal(Data("PK\u{3}\u{4} not a bundle at all".utf8), trusted: nil)?.1.contains("not a Guitai outreach bundle") == true)
        var bytes = [UInt8](repeating: 0, count: 512)
        for index in bytes.indices { bytes[index] = UInt8((index * 37 + 11) % 256) }
        #expect(refusal(Data(bytes), trusted: nil)?.0 == "bad-bundle")
        // Cut anywhere: in the payload, after the signature, inside the header.
        for length in [data.count - 2, data.count - 40, data.count / 2, 30] {
            let reason = refusal(data.prefix(length), trusted: device.publicKey)
            #expect(reason?.0 == "bad-bundle", "a bundle cut to \(length) bytes opened")
        }
        #expect(refusal(data.prefix(data.count - 40), trusted: device.publicKey)?.1.contains("truncated") == true)
        #expect(refusal(data, passphrase: "雪域高原 2024", trusted: device.publicKey)?.1.contains("Wrong passphrase") == true)
        // Signed by a key the hall did not record for this device.
        #expect(refusal(data, trusted: Curve25519.Signing.PrivateKey().publicKey)?.1.contains("registered device") == true)
        // A format from a later version of the program.
        var newer = String(decoding: data, as: UTF8.self)
        newer = newer.replacingOccurrences(of: "GUITAI-BUNDLE/1\n", with: "GUITAI-BUNDLE/2\n")
        #expect(refusal(Data(newer.utf8), trusted: device.publicKey)?.1.contains("newer") == true)
    }

    @Test func anEmptyPassphraseIsNeverUsed() throws {
        #expect(throws: DomainError.self) { _ = try sealed(passphrase: "") }
    }
}
