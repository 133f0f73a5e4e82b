import Foundation
import GRDB
import GuitaiCore

extension Store {
    /// Makes a laptop's store from a take-out: the hall's code and mode, the laptop's device code in every serial, its
    /// journal following the hall's head at the checkout, and the people, policies and operator the take-out carries, all in
    /// the first transaction.
    /// - Throws: `bad-bundle` for a take-out that does not read; `store-exists` and the store's other refusals.
    public static func createLaptop(at path: String, from takeOut: TakeOut, passphraseHash: String, context: WriteContext,
                                    makeID: @escaping @Sendable () -> String = randomIDs) throws -> Store {
        guard HallSettings.isDeviceCode(takeOut.deviceCode), HallSettings.validateCode(takeOut.hallCode) == nil,
              takeOut.anchor.count == 64, takeOut.anchor.allSatisfy(\.isHexDigit) else {
            throw BundleFile.refusal(zh: "数据包中的大厅或设备编码无效", en: "The bundle's hall or device code is not valid")
        }
        let hall = HallSettings(code: takeOut.hallCode, name: takeOut.hallName, regionCode: takeOut.hallRegion,
                                isTraining: takeOut.training, deviceID: takeOut.deviceID, defaultPolicyID: takeOut.defaultPolicy,
                                outreachDevice: takeOut.deviceCode, chainStart: takeOut.anchor)
        return try create(at: path, hall: hall, context: context, makeID: makeID, kind: "outreach.open") { tx in
            try tx.load(takeOut)
            try tx.setSetting("outreach.passphrase-hash", passphraseHash)
            return .object([("device", .string(takeOut.deviceCode)), ("mode", .string(takeOut.training ? "training" : "real")),
                            ("checkout", .string(takeOut.checkoutSerial)),
                            ("people", .int(Int64(try tx.count("persons"))))])
        }
    }

    /// A bundle received before, unchanged: nothing is written again.
    private struct Repeated: Error {
        var report: ReceiveReport
    }

    /// Applies a laptop's return in one transaction (`Reconciliation`): entries already at the hall are skipped, the
    /// rest applied or queued for review, and the applied ones join the hall's journal under their own serials.
    /// Receiving the same bundle again writes nothing.
    /// - Throws: `bad-bundle` (65) for a return whose chain, rows or content do not hold, or a bundle id received
    ///   before with other content; the store's refusals.
    public func receive(_ payload: ReturnPayload, bundle: String, digest: String, device: OutreachDevice,
                        context: WriteContext) throws -> ReceiveReport {
        if let repeated = try read({ try $0.repeatedReceive(bundle: bundle, digest: digest, payload: payload, device: device) }) {
            return repeated
        }
        do {
            let (report, serial) = try write(context, kind: "outreach.receive") { tx -> (ReceiveReport, JSONValue) in
                if let repeated = try tx.repeatedReceive(bundle: bundle, digest: digest, payload: payload, device: device) {
                    throw Repeated(report: repeated)
                }
                var reconciliation = Reconciliation(tx: tx, hall: hall, device: device, payload: payload)
                let report = try reconciliation.run()
                try tx.recordBundle(bundle: bundle, digest: digest, device: device.code, report: report)
                return (report, .object([
                    ("bundle", .string(bundle)), ("device", .string(device.code)), ("applied", .int(Int64(report.applied.count))),
                    ("skipped", .int(Int64(report.skipped.count))),
                    ("queued", .array(report.conflicts.map { .string($0.serial) })),
                ]))
            }
            var done = report
            done.serial = serial
            return done
        } catch let repeated as Repeated {
            return repeated.report
        }
    }

    /// Decides a review item and applies what is kept, as one journaled transaction.
    /// - Throws: `not-found` for no such item; `already-decided`; `not-different-people` for keeping both of one
    ///   person or of one record; `cannot-keep` when the hall refuses the rows (saying why).
    public func decideReview(_ uuid: String, decision: ReviewDecision, context: WriteContext) throws -> (item: ReviewItem, serial: String) {
        let (item, serial) = try write(context, kind: "outreach.review") { tx in
            let item = try tx.decide(uuid, decision: decision)
            return (item, .object([("review", .string(item.uuid)), ("device", .string(item.device)), ("decision", .string(decision.rawValue)),
                                   ("reason", .string(item.reason)),
                                   ("serials", .array(item.serials.map { .string($0) }))]))
        }
        return (item, serial)
    }
}
