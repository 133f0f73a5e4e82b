import Crypto
import Foundation
import GuitaiCore

/// One business transaction in the audit journal, chained to the one before by its hash.
public struct JournalEntry: Hashable, Sendable, Codable {
    public var seq: Int64
    public var serial: String
    public var at: Int64
    public var businessDate: String
    public var operatorID: String
    public var counter: String
    public var device: String
    public var kind: String
    public var payload: String
    /// The rows the transaction changed: `table TAB key TAB digest` lines (see `Projection`); empty on entries made
    /// before the journal noted them.
    public var changes: String
    /// The security log's last row when the entry was written, `seq:hash` (empty before the log was chained).
    public var securityHead: String
    public var previousHash: String
    public var hash: String

    /// The hash of the chain's start.
    public static let genesis = String(repeating: "0", count: 64)

    /// SHA-256 over the previous hash and every field, each on its own line, so no field can change unseen.
    /// `changes` and `securityHead` join the hashed text when there are any, so entries made before they existed keep
    /// their hashes.
    public static func hash(previous: String, serial: String, at: Int64, businessDate: String, operatorID: String,
                            counter: String, device: String, kind: String, payload: String, changes: String,
                            securityHead: String) -> String {
        var fields = [previous, serial, String(at), businessDate, operatorID, counter, device, kind, payload]
        if !changes.isEmpty || !securityHead.isEmpty { fields += [changes, securityHead] }
        return sha256Hex(fields.joined(separator: "\n"))
    }

    /// The payload's top-level fields; empty when it is not a JSON object.
    public var fields: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] ?? [:]
    }

    /// Whether this entry's stored hash matches its content and the given predecessor.
    public func isIntact(after previous: String) -> Bool {
        previousHash == previous
            && hash == JournalEntry.hash(previous: previous, serial: serial, at: at, businessDate: businessDate,
                                         operatorID: operatorID, counter: counter, device: device, kind: kind,
                                         payload: payload, changes: changes, securityHead: securityHead)
    }
}

/// 64 hex digits of SHA-256 over a text's UTF-8.
func sha256Hex(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String($0, radix: 16).leftPadded(2) }.joined()
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: Swift.max(0, width - count)) + self }
}
