import Crypto
import Foundation
import GuitaiCore
import GuitaiStore

/// The outreach laptops ("四进"): checkout at the hall, the laptop's own store, its return, and the receive with its
/// review queue (issue 10; `docs/outreach-guide.md`, `docs/bundle-format.md`).
extension Desk {
    /// What a checkout wrote.
    public struct Checkout: Sendable {
        public var bundle: Data
        public var device: OutreachDevice
        public var serial: String
    }

    /// What a return wrote.
    public struct Return: Sendable {
        public var bundle: Data
        public var entries: Int
        public var rows: Int
        public var serial: String
    }

    /// Refuses on a laptop what only the hall does.
    /// - Throws: `needs-hall` (65).
    func requireHall(_ what: Bilingual) throws {
        if store.hall.isOutreach { throw Outreach.needsHall(what) }
    }

    /// Refuses at a hall what only an outreach laptop does (`needs-laptop`, 65).
    func requireLaptop(_ what: Bilingual) throws {
        if !store.hall.isOutreach { throw Outreach.needsLaptop(what) }
    }

    /// Checks an outreach laptop out: records the device with a new key pair and writes the take-out bundle with the
    /// people the trip needs, the hall's policies and this operator's account (the same password on the laptop).
    /// - Parameters:
    ///   - regionPrefix: the people whose region code starts with it (empty: everyone).
    ///   - dueWithin: only the recipients due for certification within this many days (overdue and suspended too).
    /// - Throws: `bad-text` for a device name that is no name, `bad-region`, `bad-days`, `bad-passphrase`, the role's
    ///   refusal, `needs-hall` on a laptop.
    public func checkoutLaptop(name: String, regionPrefix: String, dueWithin: Int?, passphrase: String, to path: String) throws -> Checkout {
        try store.withJobMemory {
            try checkOut(name: name, regionPrefix: regionPrefix, dueWithin: dueWithin, passphrase: passphrase, to: path)
        }
    }

    private func checkOut(name: String, regionPrefix: String, dueWithin: Int?, passphrase: String, to path: String) throws -> Checkout {
        try require(.counter)
        try requireHall(Bilingual(zh: "外出设备登记", en: "an outreach checkout"))
        let name = try Self.checkedName(name, what: Bilingual(zh: "笔记本名称", en: "A laptop's name"))
        try checkRegionPrefix(regionPrefix)
        // A take-out holds the laptop's only key: another one's file is never written over.
        guard !FileManager.default.fileExists(atPath: path) else {
            throw DomainError.refused("file-exists", zh: "\(path) 已存在（可能是另一台笔记本的带出数据包），请换一个文件名",
                                      en: "\(path) exists already (maybe another laptop's take-out): choose another file name")
        }
        guard !passphrase.isEmpty else {
            throw DomainError(.usage, code: "bad-passphrase", zh: "请提供数据包口令（GUITAI_BUNDLE_PASSPHRASE 或 --passphrase-stdin）",
                              en: "Give the bundle passphrase (GUITAI_BUNDLE_PASSPHRASE or --passphrase-stdin)")
        }
        let due = try dueWithin.map { try dueList(within: $0, regionPrefix: regionPrefix).map(\.recipient.personUUID) }
        let deviceKey = Curve25519.Signing.PrivateKey()
        let deviceID = UUID().uuidString.lowercased()
        let date = today
        let account = self.account
        let bundleID = UUID().uuidString.lowercased(), created = clock.secondsSince1970()
        // The bundle is sealed and written (under a temporary name) inside the checkout's transaction: a disk that
        // refuses it rolls the checkout back, so a refused checkout leaves no device on record. Only the final rename
        // follows the commit.
        var staged: String?
        let ((device, data), serial): ((OutreachDevice, Data), String)
        do {
            ((device, data), serial) = try store.write(context, kind: "outreach.checkout") { tx in
                let people = try due ?? tx.personUUIDs(regionPrefix: regionPrefix)
                guard let operatorRow = try tx.operatorImage(id: account.id) else {
                    throw DomainError.notFound("operator-not-found", zh: "找不到操作员 \(account.id)", en: "No operator \(account.id)")
                }
                let device = OutreachDevice(code: try tx.nextDeviceCode(), name: name,
                                            publicKey: deviceKey.publicKey.rawRepresentation.base64EncodedString(), deviceID: deviceID,
                                            operatorID: account.id, regionPrefix: regionPrefix, dueWithin: dueWithin, people: people.count,
                                            checkoutSerial: tx.serial ?? "", checkedOutOn: date.iso)
                try tx.insertDevice(device)
                let hallKey = try tx.hallSigningKey()
                let rows = try tx.takeOutRows(personUUIDs: people)
                let takeOut = TakeOut(hallCode: store.hall.code, hallName: store.hall.name, hallRegion: store.hall.regionCode,
                                      training: store.hall.isTraining, defaultPolicy: store.hall.defaultPolicyID, deviceCode: device.code,
                                      deviceName: name, deviceID: deviceID,
                                      devicePrivateKey: deviceKey.rawRepresentation.base64EncodedString(),
                                      hallPublicKey: hallKey.publicKey.rawRepresentation.base64EncodedString(),
                                      anchor: try tx.journalHeadHash(), checkoutSerial: device.checkoutSerial, checkedOutOn: date.iso,
                                      operatorRow: operatorRow, policies: try tx.policyImages(), rows: rows)
                let header = BundleFile.Header(kind: "takeout", bundle: bundleID, hall: store.hall.code, device: device.code, created: created)
                let data = try BundleFile.seal(header, payload: try Self.encode(takeOut), counts: ["people": people.count, "rows": rows.count],
                                               passphrase: passphrase, signingKey: hallKey)
                staged = try DurableFile.stage(data, for: path, code: "bundle-unwritable")
                return ((device, data), .object([
                    ("device", .string(device.code)), ("name", .string(name)), ("people", .int(Int64(people.count))),
                    ("region", .string(regionPrefix)), ("dueWithin", dueWithin.map { .int(Int64($0)) } ?? .null),
                    ("publicKey", .string(device.publicKey)),
                ]))
            }
        } catch {
            if let staged { DurableFile.discard(staged) }
            throw error
        }
        // The checkout is recorded: a take-out that cannot take its name stays whole under the staged one, since it
        // holds the only copy of the laptop's key.
        if let staged {
            try DurableFile.place(staged, at: path, code: "bundle-unwritable",
                                  keepOnFailure: Bilingual(zh: "设备 \(device.code) 已登记，其带出数据包完整保存在", en: "device \(device.code) is recorded and its take-out is kept whole at"))
        }
        return Checkout(bundle: data, device: device, serial: serial)
    }

    /// A laptop's or a venue's name: 1 to 40 characters of printable text, named as what it is when refused.
    /// - Throws: `bad-name` (usage).
    static func checkedName(_ text: String, what: Bilingual) throws -> String {
        do {
            return try StoredText.check(text, as: .hallName)
        } catch {
            throw DomainError(.usage, code: "bad-name", zh: "\(what.zh)应为1到40个可打印字符", en: "\(what.en) has 1 to 40 printable characters")
        }
    }

    /// The code the next laptop checked out will get (`D3`), to name its file before the checkout.
    public func nextDeviceCode() throws -> String {
        try store.read { try $0.nextDeviceCode() }
    }

    /// Makes a laptop's store from a take-out bundle and logs its operator in: the one who went, with the same password.
    /// - Throws: `bad-bundle` (65) for a bundle that does not open or is a return; `authentication-failed` (77) for
    ///   another operator or password; `store-exists` when the file is there already.
    public static func openLaptop(bundle data: Data, passphrase: String, storePath: String, operatorID: String, password: String,
                                  clock: any BusinessClock, counter: String = "1", resources: DeskResources,
                                  interactive: Bool = false) throws -> Desk {
        try BusinessDateRange.check(clock.today())
        let sealed = try BundleFile.read(data)
        let header = sealed.header
        guard header.kind == "takeout" else {
            throw DomainError.refused("bad-bundle", zh: "这是外出归来的数据包，应在大厅用 outreach receive 导入",
                                      en: "This is a return bundle: receive it at the hall with outreach receive")
        }
        let opened = try BundleFile.open(sealed, passphrase: passphrase, trusted: nil)
        guard let takeOut = try? JSONDecoder().decode(TakeOut.self, from: opened.payload),
              takeOut.hallPublicKey == header.signer, takeOut.hallCode == header.hall, takeOut.deviceCode == header.device else {
            throw DomainError.refused("bad-bundle", zh: "数据包内容无法读取", en: "The bundle's content cannot be read")
        }
        guard !FileManager.default.fileExists(atPath: storePath) else {
            throw DomainError.refused("store-exists", zh: "\(storePath) 已存在：外出数据包只在新的库文件上打开，请用 --store 指定一个新文件",
                                      en: "\(storePath) exists already: a take-out is opened into a new store file; name a new one with --store")
        }
        guard takeOut.admits(operatorID: operatorID, password: password) else {
            throw DomainError(.permission, code: "authentication-failed",
                              zh: "只有登记外出的操作员能用自己的密码打开这个数据包",
                              en: "Only the operator who checked the laptop out can open this bundle, with their own password")
        }
        let context = WriteContext(operatorID: operatorID, counter: try StoredText.check(counter, as: .counter),
                                   businessDate: clock.today(), at: clock.secondsSince1970())
        _ = try Store.createLaptop(at: storePath, from: takeOut, passphraseHash: try Store.hashSecret(passphrase), context: context)
        return try Desk.open(storePath: storePath, operatorID: operatorID, password: password, clock: clock, counter: counter,
                             resources: resources, interactive: interactive)
    }

    /// Writes the laptop's return bundle to a file: everything done here since the checkout, sealed and signed. The
    /// file is written whole first; only then is the return recorded (what it carried no longer counts as waiting), so
    /// a file that could not be written leaves everything waiting. Returning again later carries it all again, and the
    /// hall skips what it has.
    /// - Throws: `needs-laptop` at a hall; `bad-passphrase`; `bundle-unwritable` (1) when the file cannot be written.
    public func returnBundle(passphrase: String, to path: String) throws -> Return {
        try require(.counter)
        guard let deviceCode = store.hall.outreachDevice else {
            throw Outreach.needsLaptop(Bilingual(zh: "外出归来的数据包", en: "A return bundle"))
        }
        guard !passphrase.isEmpty else {
            throw DomainError(.usage, code: "bad-passphrase", zh: "请提供数据包口令（GUITAI_BUNDLE_PASSPHRASE 或 --passphrase-stdin）",
                              en: "Give the bundle passphrase (GUITAI_BUNDLE_PASSPHRASE or --passphrase-stdin)")
        }
        // The hall opens the return with the passphrase it gave: a return under another one would fail only there.
        guard try store.read({ try $0.admitsBundlePassphrase(passphrase) }) else {
            throw DomainError.refused("bad-passphrase", zh: "这不是打开带出数据包时用的口令：带回数据包须用同一口令，大厅才能打开",
                                      en: "This is not the passphrase the take-out was opened with: the return needs the same one for the hall to open it")
        }
        let bundleID = UUID().uuidString.lowercased()
        let (payload, key) = try store.read { tx in (try tx.returnPayload(deviceCode: deviceCode), try tx.deviceSigningKey()) }
        let header = BundleFile.Header(kind: "return", bundle: bundleID, hall: store.hall.code, device: deviceCode,
                                       created: clock.secondsSince1970())
        let data = try BundleFile.seal(header, payload: try Self.encode(payload),
                                       counts: ["entries": payload.entries.count, "rows": payload.rows.count], passphrase: passphrase,
                                       signingKey: key)
        try DurableFile.write(data, to: path, code: "bundle-unwritable")
        let through = payload.entries.last?.serial ?? ""
        let (_, serial) = try store.write(context, kind: "outreach.return") { tx in
            try tx.setSetting("outreach.returned-through", through)
            return ((), .object([("bundle", .string(bundleID)), ("entries", .int(Int64(payload.entries.count))), ("through", .string(through))]))
        }
        return Return(bundle: data, entries: payload.entries.count, rows: payload.rows.count, serial: serial)
    }

    /// Receives a laptop's return at the hall (supervisor): checked whole before anything is written, then applied in
    /// one transaction; the same bundle again applies nothing.
    /// - Throws: `bad-bundle` (65) for a bundle that is damaged, changed, truncated, not a return, from another hall or
    ///   from a device this hall never checked out, or under another passphrase; the role's refusal.
    public func receive(bundle data: Data, passphrase: String) throws -> ReceiveReport {
        try store.withJobMemory { try receiveBundle(data, passphrase: passphrase) }
    }

    private func receiveBundle(_ data: Data, passphrase: String) throws -> ReceiveReport {
        try require(.supervision)
        try requireHall(Bilingual(zh: "外出数据包的导入", en: "receiving a bundle"))
        let sealed = try BundleFile.read(data)
        let header = sealed.header
        guard header.kind == "return" else {
            throw DomainError.refused("bad-bundle", zh: "这是大厅发出的外出数据包，应在笔记本上用 outreach open 打开",
                                      en: "This is a take-out bundle: open it on the laptop with outreach open")
        }
        guard header.hall == store.hall.code else {
            throw DomainError.refused("bad-bundle", zh: "数据包属于另一个大厅（\(StoredText.sanitised(header.hall, as: .counter))），不是本大厅 \(store.hall.code) 的",
                                      en: "The bundle belongs to another hall (\(StoredText.sanitised(header.hall, as: .counter))), not this hall \(store.hall.code)")
        }
        guard let device = try store.read({ try $0.outreachDevice(code: header.device) }),
              let raw = Data(base64Encoded: device.publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else {
            throw DomainError.refused("bad-bundle", zh: "本大厅从未登记外出设备 \(StoredText.sanitised(header.device, as: .counter))，不能导入",
                                      en: "This hall never checked out a device \(StoredText.sanitised(header.device, as: .counter)): refused")
        }
        let opened = try BundleFile.open(sealed, passphrase: passphrase, trusted: key)
        guard let payload = try? JSONDecoder().decode(ReturnPayload.self, from: opened.payload) else {
            throw DomainError.refused("bad-bundle", zh: "数据包内容无法读取", en: "The bundle's content cannot be read")
        }
        return try store.receive(payload, bundle: header.bundle, digest: opened.digest, device: device, context: context)
    }

    /// The review queue (open items only unless `all`).
    public func reviews(all: Bool = false) throws -> [ReviewItem] {
        try require(.supervision)
        return try store.read { try $0.reviews(openOnly: !all) }
    }

    /// One review item by its UUID or its first eight characters.
    public func review(_ id: String) throws -> ReviewItem {
        try require(.supervision)
        guard let item = try store.read({ try $0.review(id) }) else {
            throw DomainError.notFound("review-not-found", zh: "复核队列中没有 \(StoredText.sanitised(id, as: .reference))",
                                       en: "No review item \(StoredText.sanitised(id, as: .reference))")
        }
        return item
    }

    /// Whom a review item is about: the person the laptop registered, else the hall's record of the person its rows name.
    public func person(of item: ReviewItem) throws -> Person? {
        let registered = (item.laptop + item.hall).first { $0.table == "persons" && $0.values != nil }?.values
        if let registered, let id = registered["id_number"]?.string.flatMap(ResidentID.init(stored:)), let name = registered["name"]?.string {
            return Person(id: id, name: name, regionCode: registered["region_code"]?.string ?? "")
        }
        guard let uuid = item.laptop.lazy.compactMap(\.personUUID).first else { return nil }
        return try store.read { try $0.person(uuid: uuid)?.person }
    }

    /// Decides a review item (supervisor), named by its UUID or its first characters (at least six), journaled with who
    /// decided.
    /// - Throws: the role's refusal; `review-not-found` (66); `review-ambiguous` and `already-decided` (65); the
    ///   decision's own refusals.
    public func decideReview(_ id: String, decision: ReviewDecision) throws -> (item: ReviewItem, serial: String) {
        try require(.supervision)
        return try store.decideReview(id, decision: decision, context: context)
    }

    /// The laptops the hall checked out, newest first.
    public func outreachDevices() throws -> [OutreachDevice] {
        try require(.counter)
        return try store.read { try $0.outreachDevices() }
    }

    /// On a laptop: its name, the days since checkout and the transactions not yet in a return bundle; nil at a hall.
    public func outreachTrip() throws -> (device: String, name: String, days: Int, waiting: Int)? {
        guard let code = store.hall.outreachDevice else { return nil }
        let trip = try store.read { try $0.outreachTrip() }
        let days = trip.checkedOutOn.map { max(0, today.dayNumber - $0.dayNumber) } ?? 0
        return (code, trip.deviceName, days, trip.waiting)
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
