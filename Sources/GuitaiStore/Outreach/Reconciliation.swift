import Foundation
import GRDB
import GuitaiCore

/// One receive of a laptop's return, inside the hall's transaction.
///
/// 1. The laptop's chain is checked link by link from the opening entry, every entry must carry the device's serials
///    and UUID, and every row must be the one its last entry noted (same digest): nothing is believed before.
/// 2. Entries already at the hall (by serial, in the journal or in a review) are skipped; one with other content than
///    what came before is a replay and refuses the whole bundle.
/// 3. The rest is cut into groups that share a row or a person, and each group is applied whole or queued whole:
///    queued when a person in it waits in review, when the hall changed one of its rows after the checkout, when it
///    registers a person the hall registered meanwhile (same ID number, or same name and birth date), or when the
///    hall's constraints refuse it.
/// 4. The applied entries join the hall's journal under their own serials, with the rows they changed.
struct Reconciliation {
    let tx: StoreTransaction
    let hall: HallSettings
    let device: OutreachDevice
    let payload: ReturnPayload

    private var db: StoreConnection { tx.db }
    private typealias Key = String  // "table TAB key"
    private static let eventTransactions = "outreach_event_transactions"

    private static func key(_ table: String, _ key: String) -> Key { table + "\t" + key }

    mutating func run() throws -> ReceiveReport {
        try checkChain()
        let images = try checkedImages()
        let checkoutSeq = try db.fetchOne(Int64.self, sql: "SELECT seq FROM journal WHERE serial = ?", arguments: [device.checkoutSerial]) ?? 0
        let changedAtHall = try hallChanges(since: checkoutSeq)
        // The review queue read once: who waits, which serials it holds, whom a supervisor matched.
        let reviews = try tx.reviews(bearingOn: device.code)
        var underReview = StoreTransaction.peopleUnderReview(reviews)
        let reviewed = StoreTransaction.reviewedSerials(reviews)

        var skipped: [String] = []
        var fresh: [JournalEntry] = []
        for entry in payload.entries {
            if let existing = try tx.journalEntry(serial: entry.serial) {
                guard existing.kind == entry.kind, existing.payload == entry.payload, existing.businessDate == entry.businessDate,
                      existing.operatorID == entry.operatorID, existing.at == entry.at else {
                    throw BundleFile.refusal(zh: "数据包中的业务 \(entry.serial) 已导入过，但内容不同（重放的数据包被改动过）",
                                             en: "Transaction \(entry.serial) was received before with other content: a replayed bundle was changed")
                }
                skipped.append(entry.serial)
            } else if let hash = reviewed[entry.serial] {
                guard hash == entry.hash else {
                    throw BundleFile.refusal(zh: "数据包中的业务 \(entry.serial) 已在复核队列中，但内容不同（重放的数据包被改动过）",
                                             en: "Transaction \(entry.serial) is in review with other content: a replayed bundle was changed")
                }
                skipped.append(entry.serial)
            } else {
                fresh.append(entry)
            }
        }

        var applied: Set<String> = []
        var written: [Key: String?] = [:]
        var conflicts: [ReceiveReport.Conflict] = []
        var noted: [RowImage] = []
        // People the laptop made whom a supervisor has since matched to the hall's record: their later work is re-pointed.
        let merged = StoreTransaction.mergedPeople(reviews, device: device.code)
        // The journal notes of entries whose rows were re-pointed: what the hall wrote, not what the laptop did.
        var notes: [String: [Projection.Change]] = [:]
        for group in groups(fresh, images: images) {
            let entries = group.map { fresh[$0] }
            var last: [Key: String?] = [:]
            var order: [Key] = []
            for entry in entries {
                for change in entry.travellingChanges {
                    let key = Self.key(change.table, change.key)
                    if last[key] == nil { order.append(key) }
                    last[key] = .some(change.digest)
                }
            }
            let carried = order.compactMap { images[$0] }
            // Which event a transaction was done at is written once every group is in: the event may come later.
            var rows = carried.filter { $0.table != Self.eventTransactions }
            var reason: String?
            var detail = ""
            var hallRows: [RowImage] = []
            // A person the laptop made and a supervisor matched: its record again is a question for review; its other
            // work lands on the hall's record.
            if let person = rows.first(where: { $0.table == "persons" && merged[$0.key] != nil }), let hallKey = merged[person.key] {
                reason = "same-person"
                hallRows.append(try tx.rowImage("persons", key: hallKey))
            }
            var repointed: [Key: RowImage] = [:]
            if reason == nil && !merged.isEmpty {
                rows = rows.map { row in
                    guard let person = row.personUUID, let hallKey = merged[person], row.table != "persons" else { return row }
                    let moved = row.replacingPerson(person, with: hallKey)
                    repointed[Self.key(row.table, row.key)] = moved
                    return moved
                }
            }
            let people = Set(rows.compactMap(\.personUUID))
            // A re-pointed row whose key is the hall person's (a death) and which the hall already has: never replaced unseen.
            for (original, moved) in repointed where Self.key(moved.table, moved.key) != original {
                if try tx.rowDigest(moved.table, key: moved.key) != nil {
                    reason = reason ?? "refused-by-hall"
                    detail = "already-at-hall"
                    hallRows.append(try tx.rowImage(moved.table, key: moved.key))
                }
            }
            var toWrite: [(row: RowImage, digest: String?)] = []
            for row in rows {
                let original = repointed.first { $0.value == row }?.key
                let key = Self.key(row.table, row.key)
                let want: String? = original == nil ? last[key] ?? nil : try tx.digest(of: row)
                let hallDigest = try tx.rowDigest(row.table, key: row.key)
                if hallDigest == want { continue }
                // The hall changed (or deleted) the row after the checkout: both versions go to a supervisor.
                if changedAtHall.contains(key) {
                    if reason == nil || reason == "waits-for-review" { reason = reason ?? "changed-at-hall" }
                    hallRows.append(try tx.rowImage(row.table, key: row.key))
                }
                toWrite.append((row, want))
            }
            // Work about a person in an open item waits behind it, whichever record (the laptop's or the hall's) it names.
            let named = people.union(carried.compactMap(\.personUUID))
            if !named.isDisjoint(with: underReview) { reason = "waits-for-review" }
            if reason == nil, let (found, hallPerson) = try personMadeTwice(rows, checkoutSeq: checkoutSeq) {
                reason = found
                hallRows.append(hallPerson)
            }
            if reason == nil {
                do {
                    try db.inSavepoint {
                        try tx.apply(toWrite.map(\.row))
                    }
                    for (row, digest) in toWrite { written[Self.key(row.table, row.key)] = .some(digest) }
                    applied.formUnion(entries.map(\.serial))
                    noted += carried.filter { $0.table == Self.eventTransactions }
                    if !repointed.isEmpty {
                        // Each entry keeps the rows it touched, under the keys and with the digests the hall wrote.
                        var movedNotes: [Key: Projection.Change] = [:]
                        for (original, moved) in repointed {
                            movedNotes[original] = Projection.Change(table: moved.table, key: moved.key, digest: try tx.digest(of: moved))
                        }
                        for entry in entries {
                            notes[entry.serial] = entry.travellingChanges.map { movedNotes[Self.key($0.table, $0.key)] ?? $0 }
                        }
                    }
                    continue
                } catch let error where StoreConnection.constraintMessage(error) != nil {
                    reason = "refused-by-hall"
                    detail = Outreach.constraintDetail(StoreConnection.constraintMessage(error) ?? "")
                    // The hall's records of the same people in the same tables: what the laptop's met.
                    for person in people.sorted() {
                        for table in Set(rows.map(\.table)).sorted() where table != "persons" {
                            guard try tx.cachedColumns(of: table).contains("person_uuid") else { continue }
                            hallRows += try tx.rowImages(table, where: "person_uuid = ?", [person])
                        }
                    }
                }
            }
            guard let reason else { continue }
            let review = try tx.insertReview(device: device.code, entries: entries, reason: reason, detail: detail, laptop: carried,
                                              hall: hallRows)
            conflicts += entries.map { ReceiveReport.Conflict(serial: $0.serial, reason: reason, review: review) }
            underReview.formUnion(people.union(carried.compactMap(\.personUUID)))
        }

        for row in noted {
            guard try tx.rowDigest(row.table, key: row.key) == nil else { continue }
            try tx.apply([row])
            written[Self.key(row.table, row.key)] = .some(try tx.digest(of: row))
        }

        // What the triggers saw written must be exactly what was decided above, each row its journal's digest.
        let captured = try Projection.takeCaptured(db, tables: Outreach.travelling).split(separator: "\n").compactMap { Projection.Change(line: $0) }
        let seen = Dictionary(captured.map { (Self.key($0.table, $0.key), $0.digest) }, uniquingKeysWith: { _, last in last })
        guard seen.count == written.count, written.allSatisfy({ key, digest in seen[key].map { $0 == digest } ?? false }) else {
            throw BundleFile.refusal(zh: "数据包中的记录与其业务日志不符，不能导入", en: "The bundle's rows do not match its journal: refused")
        }
        for entry in fresh where applied.contains(entry.serial) {
            let changes = (notes[entry.serial] ?? entry.travellingChanges).map(\.line).sorted()
            try Journal.append(db, serial: entry.serial, at: entry.at, businessDate: entry.businessDate, operatorID: entry.operatorID,
                               counter: entry.counter, device: entry.device, kind: entry.kind, payload: entry.payload,
                               changes: changes.joined(separator: "\n"),
                               securityHead: try SecurityLog.head(db), chainStart: hall.chainStart)
        }
        return ReceiveReport(device: device.code, applied: fresh.filter { applied.contains($0.serial) }.map(\.serial), skipped: skipped,
                             conflicts: conflicts, serial: nil, repeated: false)
    }

    /// The laptop's chain from its opening entry, each entry the device's own.
    private func checkChain() throws {
        guard payload.deviceCode == device.code else {
            throw BundleFile.refusal(zh: "数据包内外的设备编码不一致", en: "The bundle names two different devices")
        }
        var previous = payload.anchor
        let prefix = hall.code + device.code
        for entry in payload.entries {
            guard entry.isIntact(after: previous) else {
                throw BundleFile.refusal(zh: "数据包中的业务日志在 \(entry.serial) 处断链，不能导入",
                                         en: "The bundle's journal breaks at \(entry.serial): refused")
            }
            guard entry.serial.hasPrefix(prefix), entry.serial.count == prefix.count + 14, entry.device == device.deviceID else {
                throw BundleFile.refusal(zh: "数据包中的业务 \(entry.serial) 不是设备 \(device.code) 办理的",
                                         en: "Transaction \(entry.serial) in the bundle was not done on device \(device.code)")
            }
            previous = entry.hash
        }
    }

    /// The bundle's rows by key, each the one its last entry noted: every noted row carried, nothing else carried.
    private func checkedImages() throws -> [Key: RowImage] {
        var last: [Key: String?] = [:]
        for entry in payload.entries {
            for change in entry.travellingChanges { last[Self.key(change.table, change.key)] = .some(change.digest) }
        }
        for key in last.keys {
            let table = String(key.prefix { $0 != "\t" })
            guard !Outreach.hallOnly.contains(table) else {
                throw BundleFile.refusal(zh: "数据包中有笔记本不能办理的记录（\(table)），不能导入",
                                         en: "The bundle carries \(table) rows, which a laptop never writes: refused")
            }
        }
        var images: [Key: RowImage] = [:]
        for image in payload.rows {
            let key = Self.key(image.table, image.key)
            guard let digest = last[key], images[key] == nil, try tx.digest(of: image) == digest else {
                throw BundleFile.refusal(zh: "数据包中 \(image.table) 的记录 \(image.key) 与其业务日志不符，不能导入",
                                         en: "The bundle's \(image.table) row \(image.key) does not match its journal: refused")
            }
            images[key] = image
        }
        guard images.count == last.count else {
            throw BundleFile.refusal(zh: "数据包缺少其业务日志写入的记录，不能导入", en: "The bundle lacks rows its journal wrote: refused")
        }
        return images
    }

    /// The rows the hall itself changed after the checkout (its own business, not this laptop's brought home).
    private func hallChanges(since seq: Int64) throws -> Set<Key> {
        // A supervisor's decision about this laptop's work wrote the laptop's rows (or none): not a change of the hall's own.
        let changed = try tx.changedKeys(since: seq, in: nil, excluding: try tx.reviewDecisions(of: device.code),
                                         excludingDevice: device.deviceID)
        return Set(changed.flatMap { table, keys in keys.map { Self.key(table, $0) } })
    }

    /// Groups of entries that share a row or a person, each in journal order, the groups in order of their first entry.
    private func groups(_ entries: [JournalEntry], images: [Key: RowImage]) -> [[Int]] {
        var parent = Array(entries.indices)
        func root(_ index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }
        var owner: [String: Int] = [:]
        for (index, entry) in entries.enumerated() {
            for change in entry.travellingChanges {
                let key = Self.key(change.table, change.key)
                var tokens = ["r:" + key]
                if let person = images[key]?.personUUID ?? (change.table == "persons" ? change.key : nil) { tokens.append("p:" + person) }
                for token in tokens {
                    if let other = owner[token] { parent[root(index)] = root(other) } else { owner[token] = index }
                }
            }
        }
        var groups: [Int: [Int]] = [:]
        var firsts: [Int] = []
        for index in entries.indices {
            let group = root(index)
            if groups[group] == nil { firsts.append(group) }
            groups[group, default: []].append(index)
        }
        return firsts.compactMap { groups[$0] }.sorted { ($0.first ?? 0) < ($1.first ?? 0) }
    }

    /// A person the laptop registered whom the hall registered too: the same ID number under another record, or the
    /// same name and birth date registered at the hall since the checkout.
    private func personMadeTwice(_ rows: [RowImage], checkoutSeq: Int64) throws -> (String, RowImage)? {
        for row in rows where row.table == "persons" {
            guard let values = row.values, let id = values["id_number"]?.string, let name = values["name"]?.string,
                  try tx.rowDigest("persons", key: row.key) == nil else { continue }
            if let other = try db.fetchOne(String.self, sql: "SELECT uuid FROM persons WHERE id_number = ? AND uuid != ?", arguments: [id, row.key]) {
                return ("same-person", try tx.rowImage("persons", key: other))
            }
            let birth = String(id.dropFirst(6).prefix(8))
            // The people of that name, through the search index's whole-name key (not every person of the district).
            if let other = try db.fetchOne(String.self, sql: """
                SELECT p.uuid FROM person_search_keys k JOIN persons p ON p.uuid = k.person_uuid JOIN journal j ON j.serial = p.created_serial
                WHERE k.key = ? AND p.name = ? AND substr(p.id_number, 7, 8) = ? AND p.uuid != ? AND j.seq > ? AND j.device != ?
                LIMIT 1
                """, arguments: ["n" + PersonSearchKeys.bareName(name), name, birth, row.key, checkoutSeq, device.deviceID]) {
                return ("possible-same-person", try tx.rowImage("persons", key: other))
            }
        }
        return nil
    }
}
