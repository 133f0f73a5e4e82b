import Crypto
import Foundation
import GRDB
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import Testing

/// Issue 10, item 5: every bad bundle is refused before anything is written (exit 65, `bad-bundle`), saying why.
@Suite struct OutreachRefusalTests {
    let cidan = DeskFixture.id(born: "1960-01-01", sequence: 125)
    let passphrase = OutreachFixture.passphrase

    /// A hall, a laptop of it with one person registered, and that laptop's return bundle.
    private func returned() throws -> (OutreachFixture, Desk, Data) {
        let f = try OutreachFixture()
        let laptop = try f.laptop()
        _ = try laptop.addPerson(PersonForm(idNumber: cidan, name: "次旦"))
        return (f, laptop, try laptop.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle)
    }

    /// The refusal receiving `data` meets, checking the hall's store is exactly as before.
    private func refusal(_ f: OutreachFixture, _ data: Data, passphrase: String? = nil) throws -> DomainError? {
        let before = try OutreachFixture.fingerprint(f.hall.path)
        let supervisor = try f.supervisor()
        let error = DeskFixture.refusal { _ = try supervisor.receive(bundle: data, passphrase: passphrase ?? self.passphrase) }
        #expect(try OutreachFixture.fingerprint(f.hall.path) == before, "the hall's store changed")
        return error
    }

    @Test func oneBitChangedAnywhereIsRefusedAsTampered() throws {
        let (f, _, data) = try returned()
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(\.count)
        // A bit in the header, the manifest, the signature, and the sealed payload's first and last part.
        var starts: [Int] = []
        var offset = 0
        for length in lines { starts.append(offset); offset += length + 1 }
        for position in [starts[1] + 12, starts[2] + 5, starts[3] + 3, starts[4] + 10, starts[4] + lines[4] - 3] {
            var changed = data
            changed[position] ^= 0x01
            let error = try refusal(f, changed)
            #expect(error?.code == "bad-bundle" && error?.kind == .refused, "bit at \(position)")
        }
    }

    @Test func truncatedEmptyGarbageAndNewerFormatsAreRefusedWithTheirReason() throws {
        let (f, _, data) = try returned()
        for length in [data.count - 1, data.count / 2, 20] {
            #expect(try refusal(f, data.prefix(length))?.code == "bad-bundle", "cut at \(length)")
        }
        #expect(try refusal(f, Data())?.message.en.contains("empty") == true)
        #expect(try refusal(f, Data("PK\u{3}\u{4} not a bundle at all".utf8))?.message.en.contains("not a Guitai outreach bundle") == true)
        var newer = String(decoding: data, as: UTF8.self)
        newer = newer.replacingOccurrences(of: "GUITAI-BUNDLE/1", with: "GUITAI-BUNDLE/2")
        #expect(try refusal(f, Data(newer.utf8))?.message.en.contains("newer") == true)
        #expect(try refusal(f, data, passphrase: "wrong passphrase")?.message.en.contains("Wrong passphrase") == true)
    }

    @Test func aBundleFromAnotherHallOrAnUnknownDeviceIsRefused() throws {
        // Another hall's laptop: another hall code.
        let (f, _, _) = try returned()
        let other = try OutreachFixture(hallCode: "540121")
        let foreign = try other.laptop()
        _ = try foreign.addPerson(PersonForm(idNumber: cidan, name: "次旦"))
        let error = try refusal(f, try foreign.returnBundle(passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle)
        #expect(error?.code == "bad-bundle" && error?.message.en.contains("another hall") == true)

        // A hall of the same code that never checked this device out.
        let twin = try OutreachFixture()
        let (_, _, data) = try returned()
        let unknown = try refusal(twin, data)
        #expect(unknown?.code == "bad-bundle" && unknown?.message.en.contains("never checked out") == true)
        // Its D1 exists at this hall, but the bundle is signed by another key.
        _ = try twin.laptop()
        #expect(try refusal(twin, data)?.message.en.contains("not signed by the registered device") == true)
    }

    @Test func aReplayWithChangedContentIsRefused() throws {
        let (f, laptop, data) = try returned()
        _ = try f.supervisor().receive(bundle: data, passphrase: passphrase)
        // The same bundle id, resealed by the laptop's own key with a changed payload: the content differs.
        let header = try BundleFile.header(of: data)
        let opened = try BundleFile.open(data, passphrase: passphrase, trusted: nil)
        var payload = try JSONDecoder().decode(ReturnPayload.self, from: opened.payload)
        let keyText = try DatabaseQueue(path: laptop.store.path).read { db in
            try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = 'outreach.device-key'")
        }
        let raw = try #require(Data(base64Encoded: keyText ?? ""))
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        let resealed = try BundleFile.seal(header, payload: try JSONEncoder().encode(payload), counts: opened.counts, passphrase: passphrase,
                                           signingKey: key)
        #expect(try refusal(f, resealed)?.message.en.contains("received before with other content") == true)
        // Under a new id, an entry the hall has with other content is refused too.
        payload.entries[0].payload = payload.entries[0].payload.replacingOccurrences(of: "次旦", with: "次仁")
        var renamed = header
        renamed.bundle = "another-id"
        let edited = try BundleFile.seal(renamed, payload: try JSONEncoder().encode(payload), counts: opened.counts, passphrase: passphrase,
                                         signingKey: key)
        #expect(try refusal(f, edited)?.code == "bad-bundle")
        // A take-out is never received at a hall.
        let takeOut = try f.hall.desk().checkoutLaptop(name: "二号", regionPrefix: "", dueWithin: nil, passphrase: passphrase, to: NSTemporaryDirectory() + UUID().uuidString + ".bundle").bundle
        #expect(try refusal(f, takeOut)?.message.en.contains("take-out") == true)
    }
}
