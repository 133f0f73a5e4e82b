import Crypto
import Foundation
import GRDB
import GuitaiCore

/// The hall's record of its laptops, what a take-out carries, and what a laptop keeps of its trip.
extension StoreTransaction {
    // MARK: The hall's devices

    /// The next device code: `D` and one more than the highest given (`D1`, `D2`...).
    /// - Throws: `too-many-devices` after D9999.
    public func nextDeviceCode() throws -> String {
        let highest = try db.fetchOne(Int.self, sql: "SELECT max(CAST(substr(code, 2) AS INTEGER)) FROM outreach_devices") ?? 0
        guard highest < 9_999 else {
            throw DomainError.refused("too-many-devices", zh: "外出设备编号已用尽（D9999）", en: "The device codes are used up (D9999)")
        }
        return "D" + String(highest + 1)
    }

    public func insertDevice(_ device: OutreachDevice) throws {
        try db.execute(sql: """
            INSERT INTO outreach_devices(code, name, public_key, device_id, operator, region_prefix, due_within, people,
                                         checkout_serial, checked_out_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [device.code, device.name, device.publicKey, device.deviceID, device.operatorID, device.regionPrefix,
                             device.dueWithin, device.people, device.checkoutSerial, device.checkedOutOn])
    }

    /// A device the hall checked out, by its code.
    public func outreachDevice(code: String) throws -> OutreachDevice? {
        try outreachDevices(where: "d.code = ?", [code]).first
    }

    /// Every device the hall checked out, newest first.
    public func outreachDevices() throws -> [OutreachDevice] {
        try outreachDevices(where: "TRUE", [])
    }

    private func outreachDevices(where condition: String, _ arguments: SQLArguments) throws -> [OutreachDevice] {
        try db.allRows(sql: """
            SELECT d.*,
                (SELECT coalesce(sum(b.applied), 0) FROM outreach_bundles b WHERE b.device_code = d.code) AS brought_home,
                (SELECT max(j.business_date) FROM outreach_bundles b JOIN journal j ON j.serial = b.received_serial
                 WHERE b.device_code = d.code) AS last_received_on,
                (SELECT count(*) FROM outreach_reviews r WHERE r.device_code = d.code AND r.state = 'open') AS open_reviews
            FROM outreach_devices d WHERE \(condition) ORDER BY CAST(substr(d.code, 2) AS INTEGER) DESC
            """, arguments: arguments).map { row in
            let r = RowReader(row, table: "outreach_devices", keyColumn: "code")
            var device = OutreachDevice(code: try r.text("code"), name: try r.text("name"), publicKey: try r.text("public_key"),
                                        deviceID: try r.text("device_id"), operatorID: try r.text("operator"),
                                        regionPrefix: try r.text("region_prefix"),
                                        dueWithin: try r.optionalInt("due_within").map { Int(clamping: $0) },
                                        people: Int(clamping: try r.int("people")), checkoutSerial: try r.text("checkout_serial"),
                                        checkedOutOn: try r.text("checked_out_on"))
            device.broughtHome = Int(clamping: try r.int("brought_home"))
            device.lastReceivedOn = try r.optionalText("last_received_on")
            device.openReviews = Int(clamping: try r.int("open_reviews"))
            return device
        }
    }

    /// The hall's signing key, made (and kept in the settings, inside this transaction) at its first checkout.
    public func hallSigningKey() throws -> Curve25519.Signing.PrivateKey {
        if let stored = try setting(Outreach.hallKeySetting) {
            guard let raw = Data(base64Encoded: stored), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
                throw DomainError(.failure, code: "store-damaged", zh: "库已损坏：settings 中的 \(Outreach.hallKeySetting) 不是有效的密钥",
                                  en: "The store is damaged: settings \(Outreach.hallKeySetting) is not a valid key")
            }
            return key
        }
        let key = Curve25519.Signing.PrivateKey()
        try setSetting(Outreach.hallKeySetting, key.rawRepresentation.base64EncodedString())
        return key
    }

    // MARK: What a take-out carries

    /// The UUIDs of the people whose region code starts with a prefix (every person for an empty prefix).
    public func personUUIDs(regionPrefix: String) throws -> [String] {
        try db.fetchAll(String.self, sql: "SELECT uuid FROM persons WHERE region_code LIKE ? ORDER BY uuid", arguments: [regionPrefix + "%"])
    }

    /// The rows of these people and everything that hangs on them (groups, enrolments and their suspensions, cards,
    /// e-cards, benefits with their payments, runs and recoveries, deaths, certifications, settlements not reversed),
    /// in the order they can be inserted.
    public func takeOutRows(personUUIDs: [String]) throws -> [RowImage] {
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS outreach_people (uuid TEXT PRIMARY KEY) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM temp.outreach_people")
        for uuid in personUUIDs { try db.execute(sql: "INSERT OR IGNORE INTO temp.outreach_people(uuid) VALUES (?)", arguments: [uuid]) }
        defer { try? db.execute(sql: "DELETE FROM temp.outreach_people") }
        let people = "SELECT uuid FROM temp.outreach_people"
        let benefits = "SELECT uuid FROM benefits WHERE person_uuid IN (\(people))"
        let selections: [(String, String)] = [
            ("persons", "uuid IN (\(people))"),
            ("person_groups", "person_uuid IN (\(people))"),
            ("enrolments", "person_uuid IN (\(people))"),
            ("enrolment_suspensions", "enrolment_uuid IN (SELECT uuid FROM enrolments WHERE person_uuid IN (\(people)))"),
            ("cards", "person_uuid IN (\(people))"),
            ("ecards", "person_uuid IN (\(people))"),
            ("benefits", "person_uuid IN (\(people))"),
            ("deaths", "person_uuid IN (\(people))"),
            ("certifications", "person_uuid IN (\(people))"),
            ("payment_runs", "uuid IN (SELECT run_uuid FROM payments WHERE benefit_uuid IN (\(benefits)))"),
            ("payments", "benefit_uuid IN (\(benefits))"),
            ("recoveries", "benefit_uuid IN (\(benefits))"),
            // A reversed settlement stays home with its reversal: the reversal names its approver, an account that does
            // not travel, and a preview on the laptop must not count what was taken back.
            ("settlements", "person_uuid IN (\(people)) AND serial NOT IN (SELECT settlement_serial FROM reversals)"),
        ]
        var rows: [RowImage] = []
        for (table, condition) in selections { rows += try rowImages(table, where: condition) }
        return rows
    }

    /// The hall's own policy files.
    public func policyImages() throws -> [RowImage] { try rowImages("policies", where: "TRUE") }

    /// An operator's account as stored, password hash included.
    public func operatorImage(id: String) throws -> [String: RowValue]? {
        try rowImages("operators", where: "id = ?", [id]).first?.values
    }

    /// The hash of the journal's last entry: a take-out's laptop chains its journal from the hall's head as it was when
    /// the checkout began.
    public func journalHeadHash() throws -> String {
        try db.fetchOne(String.self, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1") ?? JournalEntry.genesis
    }

    // MARK: The laptop

    /// Fills a new laptop store from its take-out: the operator who goes, the hall's policies, the people's rows.
    func load(_ takeOut: TakeOut) throws {
        var account = takeOut.operatorRow
        guard account["id"]?.string != nil else {
            throw BundleFile.refusal(zh: "数据包中没有外出的操作员", en: "The bundle names no operator")
        }
        account["device"] = .text(takeOut.deviceID)
        let columns = try Projection.columns(of: "operators", db)
        guard Set(account.keys) == Set(columns) else {
            throw BundleFile.refusal(zh: "数据包中操作员的列与本库不同（版本不符）", en: "The bundle's operator has other columns than this store's (another version)")
        }
        try db.execute(sql: "INSERT INTO operators(\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                       arguments: SQLArguments(columns.map { account[$0]?.databaseValue ?? .null }))
        for policy in takeOut.policies {
            guard policy.table == "policies", let values = policy.values, let id = values["id"]?.string, let text = values["text"]?.string else {
                throw BundleFile.refusal(zh: "数据包中的政策无法读取", en: "The bundle's policies cannot be read")
            }
            try savePolicy(id: id, text: text)
        }
        let order = Dictionary(uniqueKeysWithValues: Projection.tables.enumerated().map { ($0.element.name, $0.offset) })
        for image in takeOut.rows.sorted(by: { (order[$0.table] ?? .max) < (order[$1.table] ?? .max) }) where image.values != nil {
            try write(image)
        }
        for (key, value) in [("outreach.device-name", takeOut.deviceName), ("outreach.checkout-serial", takeOut.checkoutSerial),
                             ("outreach.checked-out-on", takeOut.checkedOutOn), ("outreach.hall-public-key", takeOut.hallPublicKey),
                             ("outreach.device-key", takeOut.devicePrivateKey)] {
            try setSetting(key, value)
        }
    }

    /// What a laptop has done since it was opened, ready to go home: its journal after the opening entry, and every
    /// travelling row those entries changed as it stands now.
    /// - Throws: `not-outreach` when this store is not a laptop's.
    public func returnPayload(deviceCode: String) throws -> ReturnPayload {
        let entries = try Journal.entries(db)
        guard let opening = entries.first else {
            throw DomainError.refused("not-outreach", zh: "这个库没有外出记录", en: "This store has no outreach record")
        }
        let carried = Array(entries.dropFirst())
        var keys: [String: Set<String>] = [:]
        for entry in carried {
            for change in entry.travellingChanges { keys[change.table, default: []].insert(change.key) }
        }
        var rows: [RowImage] = []
        for table in Outreach.travellingTables {
            for key in (keys[table] ?? []).sorted() { rows.append(try rowImage(table, key: key)) }
        }
        return ReturnPayload(deviceCode: deviceCode, anchor: opening.hash, entries: Array(carried), rows: rows)
    }

    /// A laptop's trip as its settings keep it.
    public func outreachTrip() throws -> (deviceName: String, checkedOutOn: LocalDate?, waiting: Int) {
        // What the last return bundle written carried goes home with it; what came after waits.
        let through = try db.fetchOne(Int64.self, sql: """
            SELECT seq FROM journal WHERE serial = (SELECT value FROM settings WHERE key = 'outreach.returned-through')
            """) ?? 1
        let waiting = try db.fetchOne(Int.self, sql: "SELECT count(*) FROM journal WHERE seq > ? AND kind != 'outreach.return'",
                                       arguments: [through]) ?? 0
        return (try setting("outreach.device-name") ?? "", try setting("outreach.checked-out-on").flatMap(LocalDate.init(iso:)), waiting)
    }

    /// Whether a passphrase is the one the take-out was opened with (true on a store that did not keep it).
    public func admitsBundlePassphrase(_ passphrase: String) throws -> Bool {
        guard let hash = try setting("outreach.passphrase-hash") else { return true }
        return PasswordHasher.verify(passphrase, against: hash)
    }

    /// The laptop's signing key.
    public func deviceSigningKey() throws -> Curve25519.Signing.PrivateKey {
        guard let stored = try setting("outreach.device-key"), let raw = Data(base64Encoded: stored),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw DomainError(.failure, code: "store-damaged", zh: "库已损坏：外出设备的签名密钥缺失或无效",
                              en: "The store is damaged: the device's signing key is missing or not valid")
        }
        return key
    }
}
