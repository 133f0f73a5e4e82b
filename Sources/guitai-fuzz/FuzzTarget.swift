import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// One reader of outreach bytes under the fuzzer. Each answers with a value or a refusal whatever the bytes; a trap,
/// an overflow or a memory fault is the finding.
enum FuzzTarget: String, CaseIterable {
    /// A whole bundle file: its form read without the passphrase, then opened trusting the key its header names (as a
    /// laptop opens a take-out).
    case bundle
    /// A take-out's payload (the JSON inside the seal), made into a new laptop store. A laptop trusts a take-out's
    /// signer on first use, so this content is what a forged take-out controls.
    case takeout
    /// A return's payload received by a hall that checked the device out, on a copy of that hall's store.
    case `return`

    /// Runs one input.
    /// - Parameters:
    ///   - trip: the hall the return target receives into.
    ///   - scratch: a directory for the stores one input makes; emptied after each input.
    /// - Returns: what became of the input: `accepted`, the refusal's code, or `unreadable` for bytes that are not the
    ///   target's JSON (replay counts them, to show how deep a corpus reaches).
    @discardableResult
    func run(_ data: Data, trip: OutreachRoundTrip, scratch: String) -> String {
        switch self {
        case .bundle:
            _ = try? BundleFile.header(of: data)
            return Self.outcome { _ = try BundleFile.open(data, passphrase: OutreachRoundTrip.passphrase, trusted: nil) }
        case .takeout:
            guard let takeOut = try? JSONDecoder().decode(TakeOut.self, from: data) else { return "unreadable" }
            let path = scratch + "/laptop.sqlite"
            defer { Self.remove(path) }
            return Self.outcome { _ = try Store.createLaptop(at: path, from: takeOut, passphraseHash: "fuzz", context: Self.context("zhuoma")) }
        case .return:
            guard let payload = try? JSONDecoder().decode(ReturnPayload.self, from: data) else { return "unreadable" }
            let path = scratch + "/hall.sqlite"
            Self.remove(path)
            defer { Self.remove(path) }
            return Self.outcome {
                try FileManager.default.copyItem(atPath: trip.hallStore, toPath: path)
                _ = try Store.open(at: path).receive(payload, bundle: "00000000-0000-4000-8000-000000000000", digest: String(data.count),
                                                     device: trip.device, context: Self.context("ciren"))
            }
        }
    }

    private static func outcome(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "accepted"
        } catch let error as DomainError {
            return error.code
        } catch {
            return "error"
        }
    }

    /// The seed this round trip gives the target.
    func seed(_ trip: OutreachRoundTrip) -> Data {
        switch self {
        case .bundle: trip.returnBundle
        case .takeout: trip.takeOutPayload
        case .return: trip.returnPayload
        }
    }

    private static func context(_ operatorID: String) -> WriteContext {
        WriteContext(operatorID: operatorID, counter: "1", businessDate: LocalDate(year: 2023, month: 6, day: 2) ?? .earliest,
                     at: 1_685_664_000)
    }

    private static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}
