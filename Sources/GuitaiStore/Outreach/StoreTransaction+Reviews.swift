import Foundation
import GRDB
import GuitaiCore

/// The hall's side of a return: bundles received, and the review queue.
extension StoreTransaction {
    /// The digest the journal would note for an image (`guitai_row` over its values in the table's column order), or
    /// nil for a deleted row.
    /// - Throws: `bad-bundle` for an image of a table or columns this store does not have.
    func digest(of image: RowImage) throws -> String? {
        guard let values = image.values else { return nil }
        guard let projected = Self.projected(image.table), Outreach.travelling.contains(image.table) else {
            throw BundleFile.refusal(zh: "数据包中有不可导入的表 \(image.table)", en: "The bundle carries rows of \(image.table), which cannot be brought in")
        }
        let columns = try cachedColumns(of: image.table)
        guard values.count == columns.count, columns.allSatisfy({ values[$0] != nil }) else {
            throw BundleFile.refusal(zh: "数据包中 \(image.table) 的列与本库不同（版本不符）",
                                     en: "The bundle's \(image.table) rows have other columns than this store's (another version)")
        }
        return Projection.digest(table: projected.name, values: columns.map { values[$0]?.databaseValue ?? .null })
    }

    /// Writes rows in an order the hall's constraints allow: deletions first (children before parents), then rows the
    /// hall has (a card cancelled before its replacement is inserted beside it), then new rows (parents first).
    func apply(_ rows: [RowImage]) throws {
        let order = Dictionary(uniqueKeysWithValues: Outreach.travellingTables.enumerated().map { ($0.element, $0.offset) })
        let sorted = rows.sorted { (order[$0.table] ?? .max) < (order[$1.table] ?? .max) }
        for row in sorted.reversed() where row.values == nil { try write(row) }
        var new: [RowImage] = []
        for row in sorted where row.values != nil {
            if try rowDigest(row.table, key: row.key) != nil { try write(row) } else { new.append(row) }
        }
        for row in new { try write(row) }
    }

    /// The people a laptop made whom a supervisor matched to the hall's record (kept one of the two): the laptop's
    /// UUID to the hall's. `items` is every review item (read once by the caller).
    static func mergedPeople(_ items: [ReviewItem], device: String) -> [String: String] {
        var merged: [String: String] = [:]
        for item in items where item.device == device && ["kept-hall", "kept-laptop"].contains(item.state)
            && ["same-person", "possible-same-person"].contains(item.reason) {
            guard let hallKey = item.hall.first(where: { $0.table == "persons" })?.key else { continue }
            for row in item.laptop where row.table == "persons" && row.values != nil && row.key != hallKey { merged[row.key] = hallKey }
        }
        return merged
    }

    /// A bundle received before: nil when it is new; everything skipped when it is the same file again.
    /// - Throws: `bad-bundle` when its id was received with other content.
    func repeatedReceive(bundle: String, digest: String, payload: ReturnPayload, device: OutreachDevice) throws -> ReceiveReport? {
        guard let stored = try db.fetchOne(String.self, sql: "SELECT digest FROM outreach_bundles WHERE bundle = ?", arguments: [bundle]) else {
            return nil
        }
        guard stored == digest else {
            throw BundleFile.refusal(zh: "数据包 \(bundle) 已导入过，这一份内容不同（重放的数据包被改动过）",
                                     en: "Bundle \(bundle) was received before with other content: a replayed bundle was changed")
        }
        return ReceiveReport(device: device.code, applied: [], skipped: payload.entries.map(\.serial), conflicts: [], serial: nil, repeated: true)
    }

    func recordBundle(bundle: String, digest: String, device: String, report: ReceiveReport) throws {
        try db.execute(sql: """
            INSERT INTO outreach_bundles(bundle, digest, device_code, applied, skipped, queued, received_serial) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [bundle, digest, device, report.applied.count, report.skipped.count, report.conflicts.count, writingSerial])
    }

    /// The people in open review items: later work about them waits behind.
    static func peopleUnderReview(_ items: [ReviewItem]) -> Set<String> {
        Set(items.filter { $0.state == "open" }.flatMap { $0.laptop.compactMap(\.personUUID) })
    }

    /// Every laptop serial in a review item, with its laptop hash.
    static func reviewedSerials(_ items: [ReviewItem]) -> [String: String] {
        var serials: [String: String] = [:]
        for item in items {
            for entry in item.entries { serials[entry.serial] = entry.hash }
        }
        return serials
    }

    private struct LaptopSide: Codable {
        var entries: [JournalEntry]
        var rows: [RowImage]
    }

    func insertReview(device: String, entries: [JournalEntry], reason: String, detail: String, laptop: [RowImage], hall: [RowImage]) throws -> String {
        let uuid = newID()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try db.execute(sql: """
            INSERT INTO outreach_reviews(uuid, device_code, serials, reason, hall_key, detail, laptop, hall, state, received_serial)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)
            """, arguments: [uuid, device, entries.map(\.serial).joined(separator: " "), reason, hall.first?.key, detail,
                             String(decoding: try encoder.encode(LaptopSide(entries: entries, rows: laptop)), as: UTF8.self),
                             String(decoding: try encoder.encode(hall), as: UTF8.self), writingSerial])
        return uuid
    }

    /// Review items, oldest first.
    public func reviews(openOnly: Bool) throws -> [ReviewItem] {
        try reviews(where: openOnly ? "r.state = 'open'" : "TRUE", [])
    }

    /// What a receive from a laptop, or a decision about its work, must know of the queue: every open item (whoever
    /// brought it: a person waiting in review), and every item of this laptop (its serials queued, its people matched).
    /// Decided items of other laptops, which only grow, are not read.
    func reviews(bearingOn device: String) throws -> [ReviewItem] {
        try reviews(where: "r.state = 'open' OR r.device_code = ?", [device])
    }

    private func reviews(where condition: String, _ arguments: SQLArguments) throws -> [ReviewItem] {
        try db.allRows(sql: """
            SELECT r.*, j.seq FROM outreach_reviews r LEFT JOIN journal j ON j.serial = r.received_serial
            WHERE \(condition) ORDER BY j.seq, r.serials
            """, arguments: arguments).map(review)
    }

    /// A review item by its UUID, or by the first characters of it (as the list shows them).
    /// - Throws: `review-ambiguous` (65) when the characters typed begin more than one item's UUID.
    public func review(_ uuid: String) throws -> ReviewItem? {
        let matches = try db.allRows(sql: "SELECT * FROM outreach_reviews WHERE uuid = ? OR (length(?) >= 6 AND uuid LIKE ? || '%') LIMIT 2",
                                       arguments: [uuid, uuid, uuid.lowercased()])
        if matches.count > 1 {
            let typed = StoredText.sanitised(uuid, as: .reference)
            throw DomainError.refused("review-ambiguous", zh: "复核编号 \(typed) 对应不止一项，请多输入几位",
                                      en: "More than one review item begins with \(typed): type more of its number")
        }
        return try matches.first.map(review)
    }

    private func review(_ row: StoreRow) throws -> ReviewItem {
        let r = RowReader(row, table: "outreach_reviews", keyColumn: "uuid")
        let decoder = JSONDecoder()
        guard let laptop = try? decoder.decode(LaptopSide.self, from: Data(try r.text("laptop").utf8)) else {
            throw r.damaged("laptop", expected: Bilingual(zh: "笔记本一方的记录", en: "the laptop's records"))
        }
        guard let hall = try? decoder.decode([RowImage].self, from: Data(try r.text("hall").utf8)) else {
            throw r.damaged("hall", expected: Bilingual(zh: "大厅一方的记录", en: "the hall's records"))
        }
        return ReviewItem(uuid: try r.text("uuid"), device: try r.text("device_code"),
                          serials: try r.text("serials").split(separator: " ").map(String.init), reason: try r.text("reason"),
                          detail: try r.text("detail"),
                          laptop: laptop.rows, hall: hall, state: try r.text("state"), receivedSerial: try r.text("received_serial"),
                          decidedSerial: try r.optionalText("decided_serial"), entries: laptop.entries)
    }

    /// Applies a decision about an open item and records it.
    func decide(_ uuid: String, decision: ReviewDecision) throws -> ReviewItem {
        guard var item = try review(uuid) else {
            let typed = StoredText.sanitised(uuid, as: .reference)
            throw DomainError.notFound("review-not-found", zh: "复核队列中没有 \(typed)", en: "No review item \(typed)")
        }
        guard item.state == "open" else {
            throw DomainError.refused("already-decided", zh: "复核事项 \(item.uuid.prefix(8)) 已经处理过（\(item.state)）",
                                      en: "Review item \(item.uuid.prefix(8)) was decided before (\(item.state))")
        }
        let isPerson = item.reason == "same-person" || item.reason == "possible-same-person"
        // Work about a person matched since (in another item) lands on the hall's record of the person.
        let merged = Self.mergedPeople(try reviews(bearingOn: item.device), device: item.device)
        let laptopRows = item.laptop.map { row in
            guard row.table != "persons", let person = row.personUUID, let hallKey = merged[person] else { return row }
            return row.replacingPerson(person, with: hallKey)
        }
        var rows: [RowImage] = []
        switch (decision, isPerson) {
        case (.reject, _):
            rows = []
        case (.both, _) where item.reason != "possible-same-person":
            throw DomainError.refused("not-different-people",
                                      zh: item.reason == "same-person" ? "同一身份证号只能是同一个人：请保留其中一份，或驳回" : "这不是两个不同的人：请保留其中一份，或驳回",
                                      en: item.reason == "same-person" ? "One ID number is one person: keep one version, or reject"
                                          : "These are not two different people: keep one version, or reject")
        case (.hall, false):
            // A record the hall changed: the hall's version of it stands, the laptop's other work in the item is kept.
            // Anything else kept as the hall has it: nothing of the laptop's.
            let hallKeys = Set(item.hall.map { $0.table + "\t" + $0.key })
            rows = item.reason == "changed-at-hall" ? laptopRows.filter { !hallKeys.contains($0.table + "\t" + $0.key) } : []
        case (.both, _), (.laptop, false):
            rows = laptopRows
        case (.hall, true), (.laptop, true):
            guard let hallPerson = item.hall.first(where: { $0.table == "persons" }),
                  let laptopPerson = laptopRows.first(where: { $0.table == "persons" && $0.values != nil && $0.key != hallPerson.key }) else {
                rows = decision == .laptop ? laptopRows : []
                break
            }
            // The hall's changed records shown beside the laptop's stand as the hall has them.
            let hallKeys = Set(item.hall.filter { $0.table != "persons" }.map { $0.table + "\t" + $0.key })
            rows = laptopRows.filter { ($0.table != "persons" || $0.key != laptopPerson.key) && !hallKeys.contains($0.table + "\t" + $0.key) }
                .map { $0.replacingPerson(laptopPerson.key, with: hallPerson.key) }
            if decision == .laptop, var values = laptopPerson.values, let kept = hallPerson.values {
                for column in ["uuid", "device", "created_serial"] { values[column] = kept[column] }
                rows.insert(RowImage(table: "persons", key: hallPerson.key, values: values), at: 0)
            }
        }
        // What the hall changed since the item was received was never shown side by side: decide again after a look.
        if let changed = try changedSinceReceive(item, rows: rows) {
            throw DomainError.refused("changed-since-receive",
                                      zh: "复核事项收到之后，大厅又改动了 \(changed.table) 中的记录 \(changed.key)：只能驳回，或在大厅重新办理",
                                      en: "The hall changed \(changed.table) row \(changed.key) after this item was received: reject it, or do the work again at the hall")
        }
        do {
            try db.inSavepoint {
                try apply(rows)
            }
        } catch let error where StoreConnection.constraintMessage(error) != nil {
            let words = Outreach.detailWords(Outreach.constraintDetail(StoreConnection.constraintMessage(error) ?? ""))
            throw DomainError.refused("cannot-keep", zh: "大厅的记录不允许这样保留（\(words.zh)），请保留大厅一方或驳回",
                                      en: "The hall's records do not allow keeping this (\(words.en)); keep the hall's version or reject")
        }
        try db.execute(sql: "UPDATE outreach_reviews SET state = ?, decided_serial = ? WHERE uuid = ?",
                       arguments: [decision.state, writingSerial, item.uuid])
        item.state = decision.state
        item.decidedSerial = writingSerial
        return item
    }
}

extension StoreTransaction {
    /// A row the item would write that a hall transaction (not a receive or a review) changed after the item arrived.
    func changedSinceReceive(_ item: ReviewItem, rows: [RowImage]) throws -> RowImage? {
        guard !rows.isEmpty else { return nil }
        let since = try db.fetchOne(Int64.self, sql: "SELECT seq FROM journal WHERE serial = ?", arguments: [item.receivedSerial]) ?? 0
        let laptop = try db.fetchOne(String.self, sql: "SELECT device_id FROM outreach_devices WHERE code = ?", arguments: [item.device])
        let changed = try changedKeys(since: since, in: Set(rows.map(\.table)), excluding: try reviewDecisions(of: item.device),
                                      excludingDevice: laptop)
        return rows.first { changed[$0.table]?.contains($0.key) == true }
    }

    /// The transactions in which a supervisor decided review items of a laptop's work.
    func reviewDecisions(of deviceCode: String) throws -> Set<String> {
        try Set(db.fetchAll(String.self, sql: "SELECT decided_serial FROM outreach_reviews WHERE device_code = ? AND decided_serial IS NOT NULL",
                                arguments: [deviceCode]))
    }
}

extension RowImage {
    /// The image with one person's UUID put in another's place (in `person_uuid`, and in the key where it is one).
    func replacingPerson(_ old: String, with new: String) -> RowImage {
        guard var values, values["person_uuid"] == .text(old) else { return self }
        values["person_uuid"] = .text(new)
        let key = table == "deaths" ? new : key
        return RowImage(table: table, key: key, values: values)
    }
}
