import GuitaiCore
import GuitaiStore

/// The outreach activity register: venues, events with their counts, and the campaign's report. It is kept on the
/// laptop, where the events are held (the business done during one is counted there), and travels home in the return.
extension Desk {
    /// The kinds of venue: the four "进" of the campaign and monasteries, as Tibet reports them.
    public static let venueKinds = ["community", "village", "firm", "school", "monastery"]

    /// Registers a venue.
    /// - Throws: `needs-laptop` at a hall; `bad-venue-kind` (usage) for a kind not in `venueKinds`; `bad-text` for a
    ///   name that is no name or only digits (a number chooses a venue from the list); `bad-region` for a region that
    ///   is not six digits; `venue-exists` for a name registered already.
    public func addVenue(name: String, kind: String, regionCode: String?) throws -> (venue: OutreachVenue, serial: String) {
        try require(.counter)
        try requireLaptop(Bilingual(zh: "登记活动场所", en: "Registering a venue"))
        let name = try Self.checkedName(name, what: Bilingual(zh: "场所名称", en: "A venue's name"))
        if name.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw DomainError(.usage, code: "bad-text", zh: "场所名称不能只是数字（数字用来从列表中选择场所），请写出名称，如 扎西岗村",
                              en: "A venue's name cannot be only digits (a number chooses a venue from the list): write its name, such as Tashigang village")
        }
        guard Self.venueKinds.contains(kind) else {
            throw DomainError(.usage, code: "bad-venue-kind", zh: "场所类别应为 community（社区）、village（乡村）、firm（企业）、school（学校）或 monastery（寺庙）",
                              en: "A venue kind is community, village, firm, school or monastery")
        }
        if let regionCode, regionCode.count != 6 || !regionCode.allSatisfy({ $0.isASCII && $0.isNumber }) {
            throw DomainError(.usage, code: "bad-region", zh: "地区代码应为6位数字", en: "A region code has six digits")
        }
        let (uuid, serial) = try store.write(context, kind: "outreach.venue") { tx in
            // A name chooses the venue when an event opens, so it names one venue only.
            if try tx.venues().contains(where: { $0.name == name }) {
                throw DomainError.refused("venue-exists", zh: "场所「\(name)」已登记，开展活动时直接选择它",
                                          en: "The venue \(name) is registered already: choose it when the event opens")
            }
            let uuid = try tx.insertVenue(name: name, kind: kind, regionCode: regionCode)
            return (uuid, .object([("venue", .string(uuid)), ("name", .string(name)), ("kind", .string(kind))]))
        }
        return (OutreachVenue(uuid: uuid, name: name, kind: kind, regionCode: regionCode), serial)
    }

    /// The venues registered.
    public func venues() throws -> [OutreachVenue] {
        try require(.counter)
        return try store.read { try $0.venues() }
    }

    /// The venue a clerk names: exactly by name, or by its number in `venues()` (from 1).
    /// - Throws: `venue-not-found` (66).
    public func venue(named venue: String) throws -> OutreachVenue {
        let venues = try self.venues()
        let chosen = venues.first { $0.name == venue.trimmingSpaces }
            ?? Int(venue.trimmingSpaces).flatMap { $0 >= 1 && $0 <= venues.count ? venues[$0 - 1] : nil }
        guard let chosen else {
            throw DomainError.notFound("venue-not-found", zh: "没有名为「\(StoredText.sanitised(venue, as: .hallName))」的场所，请先登记场所",
                                       en: "No venue named \"\(StoredText.sanitised(venue, as: .hallName))\": register it first")
        }
        return chosen
    }

    /// Opens an event at a venue named exactly, or by its number in `venues()` (from 1): `openEvent(at:)`.
    /// - Throws: `venue-not-found` (66), and what `openEvent(at:)` throws.
    public func openEvent(venue: String) throws -> (event: OutreachEvent, serial: String) {
        try openEvent(at: try self.venue(named: venue))
    }

    /// Opens an event at a venue on the business date; the transactions recorded until it closes count as done there.
    /// - Throws: `needs-laptop` at a hall; `event-open` when one is open already.
    public func openEvent(at chosen: OutreachVenue) throws -> (event: OutreachEvent, serial: String) {
        try require(.counter)
        try requireLaptop(Bilingual(zh: "外出活动", en: "An outreach event"))
        let date = today
        let (uuid, serial) = try store.write(context, kind: "outreach.event") { tx in
            if let open = try tx.openEvent() {
                throw DomainError.refused("event-open", zh: "\(open.venue.name) 的活动还未结束，请先结束它",
                                          en: "The event at \(open.venue.name) is still open: close it first")
            }
            let uuid = try tx.openEvent(venueUUID: chosen.uuid, on: date)
            return (uuid, .object([("event", .string(uuid)), ("venue", .string(chosen.uuid)), ("date", .string(date.iso))]))
        }
        return (OutreachEvent(uuid: uuid, venue: chosen, heldOn: date.iso, participants: 0, leaflets: 0, state: "open", transactions: 0), serial)
    }

    /// Closes the open event with the people who came and the leaflets handed out.
    /// - Throws: `needs-laptop` at a hall; `no-open-event` (65); `bad-count` (usage) for a count below 0 or above
    ///   1,000,000.
    public func closeEvent(participants: Int, leaflets: Int) throws -> (event: OutreachEvent, serial: String) {
        try require(.counter)
        try requireLaptop(Bilingual(zh: "外出活动", en: "An outreach event"))
        for count in [participants, leaflets] where !(0...1_000_000).contains(count) {
            throw DomainError(.usage, code: "bad-count", zh: "人数和资料份数应在0到1000000之间", en: "Counts of people and leaflets lie between 0 and 1,000,000")
        }
        let (event, serial) = try store.write(context, kind: "outreach.event-close") { tx in
            guard var event = try tx.openEvent() else {
                throw DomainError.refused("no-open-event", zh: "没有进行中的活动", en: "No event is open")
            }
            try tx.closeEvent(event.uuid, participants: participants, leaflets: leaflets)
            event.participants = participants
            event.leaflets = leaflets
            event.state = "closed"
            return (event, .object([("event", .string(event.uuid)), ("participants", .int(Int64(participants))),
                                    ("leaflets", .int(Int64(leaflets)))]))
        }
        return (event, serial)
    }

    /// The event open now, if any.
    public func openEvent() throws -> OutreachEvent? {
        try store.read { try $0.openEvent() }
    }

    /// Every event, newest first.
    public func events() throws -> [OutreachEvent] {
        try require(.counter)
        return try store.read { try $0.events() }
    }

    /// The campaign's figures over events held between two dates (inclusive).
    public func activityReport(from: LocalDate?, to: LocalDate?) throws -> ActivityReport {
        try require(.counter)
        return try store.read { try $0.activityReport(from: from, to: to) }
    }
}
