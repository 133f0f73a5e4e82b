import CellText
import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit

/// F7 for counter staff: at the hall, the laptops checked out, a checkout (C), a receive (R) and the review queue (V);
/// on a laptop, its trip, the activity register (N a venue, E an event opened or closed) and the return (R). Each write
/// is confirmed, journaled and given a receipt, as at the counter.
struct OutreachPanel: Panel {
    let titleKey = "outreach.title"
    var takesText: Bool { form != nil }

    enum FormKind { case checkout, receive, back, venue, eventOpen, eventClose }
    var form: Form?
    var kind: FormKind?

    var hasUnsavedWork: Bool { form?.isTouched ?? false }

    mutating func cancel() -> Bool {
        guard form != nil else { return false }
        form = nil
        kind = nil
        return true
    }

    /// A passphrase typed never waits in a parked screen.
    mutating func willPark() { _ = cancel() }

    mutating func didCommit() { _ = cancel() }

    private static func field(_ label: String, _ text: String = "", max: Int = 60, secret: Bool = false) -> Form.Field {
        Form.Field(labelKey: label, field: TextField(text, maxLength: max), secret: secret)
    }

    /// A bundle's default file: beside the store, named by what it is and the date.
    private static func suggestedFile(_ app: DeskApp, _ what: String, _ desk: Desk, _ device: String) -> String {
        URL(fileURLWithPath: app.storePath).deletingLastPathComponent()
            .appendingPathComponent("\(what)-\(desk.today.compact)-\(device).bundle").path
    }

    /// Label and value lines for a confirmation, the values in one column; a long file name wraps under itself.
    private static func lines(_ app: DeskApp, _ pairs: [(String, String)]) -> [String] {
        let labels = pairs.map { app.catalogue($0.0) }
        let width = (labels.map(DisplayWidth.of).max() ?? 0) + 2
        return zip(labels, pairs).flatMap { label, pair in
            DisplayWidth.wrap(pair.1, width: max(20, 76 - width)).enumerated().map { index, part in
                DisplayWidth.padRight(index == 0 ? label : "", to: width) + part
            }
        }
    }

    private mutating func start(_ kind: FormKind, _ fields: [Form.Field]) {
        var made = Form(fields)
        made.markGiven()
        form = made
        self.kind = kind
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        guard let desk = app.desk else { return .stay }
        if var current = form, let kind {
            guard app.submitted(current.handle(key)) else {
                form = current
                return .stay
            }
            form = current
            return submit(kind, current, desk, app)
        }
        let onLaptop = desk.store.hall.isOutreach
        switch (key, onLaptop) {
        case (.character("c"), false), (.character("C"), false):
            start(.checkout, [Self.field("outreach.device"), Self.field("outreach.region", max: 6), Self.field("outreach.due", max: 4),
                              Self.field("outreach.file", Self.suggestedFile(app, "takeout", desk, (try? desk.nextDeviceCode()) ?? ""), max: 255),
                              Self.field("outreach.passphrase", secret: true), Self.field("outreach.passphrase.again", secret: true)])
        case (.character("r"), false), (.character("R"), false):
            start(.receive, [Self.field("outreach.file", max: 255), Self.field("outreach.passphrase", secret: true)])
        case (.character("v"), false), (.character("V"), false):
            return .open(ReviewPanel())
        case (.character("r"), true), (.character("R"), true):
            start(.back, [Self.field("outreach.file", Self.suggestedFile(app, "return", desk, desk.store.hall.outreachDevice ?? ""), max: 255),
                          Self.field("outreach.passphrase", secret: true), Self.field("outreach.passphrase.again", secret: true)])
        case (.character("n"), true), (.character("N"), true):
            start(.venue, [Self.field("outreach.venue.name", max: 40), Self.field("outreach.venue.kind", max: 1),
                           Self.field("outreach.venue.region", max: 6)])
        case (.character("e"), true), (.character("E"), true):
            if (try? desk.openEvent()) != nil {
                start(.eventClose, [Self.field("outreach.event.participants", max: 7), Self.field("outreach.event.leaflets", max: 7)])
            } else {
                start(.eventOpen, [Self.field("outreach.event.venue", max: 40)])
            }
        default: break
        }
        return .stay
    }

    private mutating func submit(_ kind: FormKind, _ form: Form, _ desk: Desk, _ app: DeskApp) -> PanelOutcome {
        let c = app.catalogue
        switch kind {
        case .checkout, .back:
            let first = kind == .checkout ? 4 : 1
            let passphrase = form[first], again = form[first + 1]
            guard !passphrase.isEmpty, passphrase == again else {
                // The second typing goes again, the first kept: as a new password is asked for.
                var retry = form
                retry.set(first + 1, "")
                retry.focus = passphrase.isEmpty ? first : first + 1
                self.form = retry
                app.say(c(passphrase.isEmpty ? "outreach.passphrase.missing" : "outreach.passphrase.mismatch"), error: true)
                return .stay
            }
            if kind == .back {
                let file = form[0]
                return .open(ConfirmPanel(summary: [c("outreach.return.confirm")] + Self.lines(app, [("outreach.file", file)])) { app in
                    let done = try desk.returnBundle(passphrase: passphrase, to: file)
                    return ProcedurePanels.receipt(app, done.serial, procedureKey: "outreach.return", fields: [
                        ProcedurePanels.field(app, "outreach.file", file),
                        ProcedurePanels.field(app, "outreach.entries", String(done.entries)),
                    ], next: [c("outreach.return.next")], citizen: false)
                })
            }
            let name = form[0], region = form[1], file = form[3]
            guard let due = form[2].isEmpty ? Optional<Int?>.some(nil) : Int(form[2]).map(Optional.some) else {
                app.say(c("outreach.due.bad"), error: true)
                return .stay
            }
            let summary = [c("outreach.checkout.confirm")] + Self.lines(app, [
                ("outreach.device", name), ("outreach.region", region.isEmpty ? c("outreach.everyone") : region),
                ("outreach.due", due.map(String.init) ?? c("outreach.everyone")), ("outreach.file", file)])
            return .open(ConfirmPanel(summary: summary) { app in
                let done = try desk.checkoutLaptop(name: name, regionPrefix: region, dueWithin: due, passphrase: passphrase, to: file)
                return ProcedurePanels.receipt(app, done.serial, procedureKey: "outreach.checkout", fields: [
                    ProcedurePanels.field(app, "outreach.device", "\(done.device.name) (\(done.device.code))"),
                    ProcedurePanels.field(app, "outreach.people", String(done.device.people)),
                    ProcedurePanels.field(app, "outreach.file", file),
                ], next: [c("outreach.checkout.next")], citizen: false)
            })
        case .receive:
            let file = form[0], passphrase = form[1]
            return .open(ConfirmPanel(summary: [c("outreach.receive.confirm")] + Self.lines(app, [("outreach.file", file)])) { app in
                let data = try InputFile.bytes(file, limit: InputFile.maximumBundleBytes)
                let report = try desk.receive(bundle: data, passphrase: passphrase)
                // The same bundle again wrote nothing: no receipt, only what was found.
                guard let serial = report.serial else {
                    return ReceiptPanel(name: "received-before", text: c("outreach.receive.repeated", report.device, String(report.skipped.count)))
                }
                var fields = [ProcedurePanels.field(app, "outreach.device", report.device),
                              ProcedurePanels.field(app, "outreach.applied", String(report.applied.count)),
                              ProcedurePanels.field(app, "outreach.skipped", String(report.skipped.count)),
                              ProcedurePanels.field(app, "outreach.queued", String(report.conflicts.count))]
                fields += report.conflicts.map { ProcedurePanels.field(app, "outreach.queued.one", $0.serial + "  " + c(ReviewPanel.reasonKey($0.reason))) }
                return ProcedurePanels.receipt(app, serial, procedureKey: "outreach.receive", fields: fields,
                                               next: [c(report.conflicts.isEmpty ? "outreach.receive.next" : "outreach.receive.review")],
                                               citizen: false)
            })
        case .venue:
            let kinds = Desk.venueKinds
            guard let number = Int(form[1]), kinds.indices.contains(number - 1) else {
                app.say(c("outreach.venue.kind.bad"), error: true)
                return .stay
            }
            let name = form[0], region = form[2].isEmpty ? nil : form[2]
            return .open(ConfirmPanel(summary: [c("outreach.venue.confirm", name, c("outreach.kind." + kinds[number - 1]))]) { app in
                let (venue, serial) = try desk.addVenue(name: name, kind: kinds[number - 1], regionCode: region)
                return ProcedurePanels.receipt(app, serial, procedureKey: "outreach.venue", fields: [
                    ProcedurePanels.field(app, "outreach.venue.label", venue.name),
                    ProcedurePanels.field(app, "outreach.kind.label", c("outreach.kind." + venue.kind)),
                ], citizen: false)
            })
        case .eventOpen:
            let chosen: OutreachVenue
            do { chosen = try desk.venue(named: form[0]) } catch {
                app.say(error)
                return .stay
            }
            return .open(ConfirmPanel(summary: [c("outreach.event.open.confirm", chosen.name, desk.today.iso)]) { app in
                let (event, serial) = try desk.openEvent(at: chosen)
                return ProcedurePanels.receipt(app, serial, procedureKey: "outreach.event.open", fields: [
                    ProcedurePanels.field(app, "outreach.venue.label", event.venue.name),
                ], next: [c("outreach.event.open.next")], citizen: false)
            })
        case .eventClose:
            guard let people = Int(form[0]), let leaflets = Int(form[1]) else {
                app.say(c("outreach.count.bad"), error: true)
                return .stay
            }
            return .open(ConfirmPanel(summary: [c("outreach.event.close.confirm", String(people), String(leaflets))]) { app in
                let (event, serial) = try desk.closeEvent(participants: people, leaflets: leaflets)
                return ProcedurePanels.receipt(app, serial, procedureKey: "outreach.event.close", fields: [
                    ProcedurePanels.field(app, "outreach.venue.label", event.venue.name),
                    ProcedurePanels.field(app, "outreach.event.participants", String(event.participants)),
                    ProcedurePanels.field(app, "outreach.event.leaflets", String(event.leaflets)),
                ], citizen: false)
            })
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        guard let desk = app.desk else { return nil }
        let c = app.catalogue
        let onLaptop = desk.store.hall.isOutreach
        let keyRows = screen.paragraph(c(onLaptop ? "outreach.laptop.hint" : "outreach.hall.hint"), x: area.x, y: area.y, width: area.width,
                                       maxRows: 2, role: .hint)
        // On a laptop, what it does not do, on a line of its own.
        if onLaptop {
            screen.paragraph(c("outreach.laptop.hint.2"), x: area.x, y: area.y + keyRows, width: area.width, maxRows: 3 - keyRows, role: .hint)
        }
        if let form {
            if kind == .venue {
                let kinds = Desk.venueKinds.enumerated().map { "\($0.offset + 1) " + c("outreach.kind." + $0.element) }.joined(separator: "  ")
                screen.put(kinds, x: area.x, y: area.y + 3, role: .hint, limit: area.width)
            }
            let cursor = form.render(on: &screen, x: area.x, y: area.y + 5, width: min(76, area.width), catalogue: c)
            // Opening an event: the venues by number, under the form.
            if kind == .eventOpen, let venues = try? desk.venues() {
                screen.flow(venues.enumerated().map { "\($0.offset + 1) \($0.element.name)" }, x: area.x, y: area.y + 7, width: area.width,
                            maxRows: area.maxY - area.y - 7, role: .hint)
            }
            return cursor
        }
        var y = area.y + 4
        func line(_ text: String, role: CellRole = .normal) {
            guard y < area.maxY else { return }
            screen.put(text, x: area.x, y: y, role: role, limit: area.width)
            y += 1
        }
        do {
            if onLaptop {
                if let trip = try desk.outreachTrip() {
                    line(c("outreach.trip", trip.name, trip.device, String(trip.days + 1), String(trip.waiting)), role: .label)
                }
                // The open event and the totals come from the one list of events read for the lines below.
                let events = try desk.events()
                if let open = events.first(where: { $0.state == "open" }) {
                    line(c("outreach.event.now", open.venue.name, open.heldOn, String(open.transactions)))
                }
                line(c("outreach.report.line", String(Set(events.map(\.venue.uuid)).count), String(events.count),
                       String(events.reduce(0) { $0 + $1.participants }), String(events.reduce(0) { $0 + $1.leaflets })))
                let venues = try desk.venues()
                if !venues.isEmpty {
                    line(c("outreach.venues.heading"), role: .label)
                    let used = screen.flow(venues.enumerated().map { c("outreach.venue.item", String($0.offset + 1), $0.element.name,
                                                                       c("outreach.kind." + $0.element.kind)) },
                                           x: area.x, y: y, width: area.width, maxRows: max(0, area.maxY - y), role: .normal)
                    y += used
                }
                y += 1
                // A long venue name is cut, so the counts stay in their column.
                let nameWidth = min(24, events.map { DisplayWidth.of($0.venue.name) }.max() ?? 0) + 2
                for event in events {
                    line(DisplayWidth.padRight(event.heldOn, to: 12)
                         + DisplayWidth.padRight(DisplayWidth.truncate(event.venue.name, to: nameWidth - 2), to: nameWidth)
                         + c("outreach.event.counts", String(event.participants), String(event.leaflets), String(event.transactions)))
                }
            } else {
                let devices = try desk.outreachDevices()
                let open = desk.account.role == .supervisor ? devices.reduce(0) { $0 + $1.openReviews } : 0
                if open > 0 { line(c("outreach.reviews.waiting", String(open)), role: .error) }
                if devices.isEmpty { line(c("outreach.none"), role: .hint) }
                for device in devices {
                    line(DisplayWidth.padRight(device.code, to: 6) + DisplayWidth.padRight(DisplayWidth.truncate(device.name, to: 21), to: 22)
                         + DisplayWidth.padRight(DisplayWidth.truncate(device.operatorID, to: 11), to: 12) + DisplayWidth.padRight(device.checkedOutOn, to: 12)
                         + c("outreach.people.count", String(device.people)))
                }
            }
        } catch {
            line((error as? DomainError).map { c($0.message) } ?? "\(error)", role: .error)
        }
        return nil
    }
}
