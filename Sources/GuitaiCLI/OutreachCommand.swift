import ArgumentParser
import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore

/// `guitai outreach ...`: the outreach laptops (cli.md: `checkout`, `open`, `return`, `receive`), their review queue,
/// and the activity register with its report.
struct OutreachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outreach", abstract: "Outreach laptops: checkout, open, return, receive, review, venues, events, report.",
        subcommands: [Checkout.self, Open.self, Return.self, Receive.self, Review.self, Decide.self, Devices.self,
                      Venue.self, Event.self, Report.self])

    /// The passphrase: the first line of standard input with `--passphrase-stdin`, else `GUITAI_BUNDLE_PASSPHRASE`.
    static func passphrase(_ global: GlobalOptions, fromStdin: Bool) throws -> String {
        let phrase = fromStdin ? readLine(strippingNewline: true) ?? "" : global.environment["GUITAI_BUNDLE_PASSPHRASE"] ?? ""
        guard !phrase.isEmpty else {
            throw DomainError.usage("bad-passphrase", zh: "请在 GUITAI_BUNDLE_PASSPHRASE 中或用 --passphrase-stdin 提供数据包口令（口令不能作为参数）",
                                    en: "Give the bundle passphrase in GUITAI_BUNDLE_PASSPHRASE or with --passphrase-stdin (never as an argument)")
        }
        return phrase
    }

    static func date(_ text: String?) throws -> LocalDate? {
        guard let text else { return nil }
        guard let date = LocalDate(iso: text) else {
            throw DomainError.usage("bad-date", zh: "日期「\(text)」应写作 YYYY-MM-DD", en: "The date \"\(text)\" should be YYYY-MM-DD")
        }
        return date
    }

    struct Checkout: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "At the hall: check a laptop out and write its take-out bundle.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "The laptop's name.") var device: String
        @Option(name: .long, help: "The take-out bundle to write.") var out: String
        @Option(name: .long, help: "Only people whose region code starts with this.") var region: String?
        @Option(name: .customLong("due-within"), help: "Only recipients due for certification within DAYS.") var dueWithin: Int?
        @Flag(name: .customLong("passphrase-stdin"), help: "Read the passphrase from standard input.") var passphraseStdin = false

        func run() throws {
            try Runner.run(global) {
                let phrase = try OutreachCommand.passphrase(global, fromStdin: passphraseStdin)
                let desk = try Runner.desk(global)
                let checkout = try desk.checkoutLaptop(name: device, regionPrefix: region ?? "", dueWithin: dueWithin, passphrase: phrase,
                                                       to: out)
                let d = checkout.device
                let t = Texts(global.language)
                return CommandOutput(
                    json: ["serial": .string(checkout.serial), "device": .string(d.code), "name": .string(d.name),
                           "people": .int(Int64(d.people)), "file": .string(out)],
                    text: t("已登记外出设备 \(d.name)（\(d.code)），带出 \(d.people) 人，数据包 \(out)，流水号 \(checkout.serial)",
                            "Checked out \(d.name) (\(d.code)) with \(d.people) people; bundle \(out), serial \(checkout.serial)"))
            }
        }
    }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "On the laptop: make its store (--store, a new file) from a take-out bundle.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The take-out bundle.") var file: String
        @Flag(name: .customLong("passphrase-stdin"), help: "Read the passphrase from standard input.") var passphraseStdin = false

        func run() throws {
            try Runner.run(global) {
                let phrase = try OutreachCommand.passphrase(global, fromStdin: passphraseStdin)
                // The operator who went, with the same password as at the hall.
                let (operatorID, password, counter) = try Runner.credentials(global)
                let data = try InputFile.bytes(file, limit: InputFile.maximumBundleBytes)
                let desk = try Desk.openLaptop(bundle: data, passphrase: phrase, storePath: global.storePath, operatorID: operatorID,
                                               password: password, clock: try Runner.clock(global), counter: counter,
                                               resources: try Runner.resources())
                let people = try desk.store.read { try $0.count("persons") }
                let hall = desk.store.hall
                let t = Texts(global.language)
                return CommandOutput(
                    json: ["store": .string(desk.store.path), "hall": .string(hall.code), "device": .string(hall.outreachDevice ?? ""),
                           "people": .int(Int64(people))],
                    text: t("已建外出库 \(desk.store.path)：\(hall.name) 设备 \(hall.outreachDevice ?? "")，\(people) 人",
                            "Made the laptop's store \(desk.store.path): \(hall.name), device \(hall.outreachDevice ?? ""), \(people) people"))
            }
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "On the laptop: write the return bundle, everything done since checkout.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "The return bundle to write.") var out: String
        @Flag(name: .customLong("passphrase-stdin"), help: "Read the passphrase from standard input.") var passphraseStdin = false

        func run() throws {
            try Runner.run(global) {
                let phrase = try OutreachCommand.passphrase(global, fromStdin: passphraseStdin)
                let result = try Runner.desk(global).returnBundle(passphrase: phrase, to: out)
                let t = Texts(global.language)
                return CommandOutput(
                    json: ["serial": .string(result.serial), "entries": .int(Int64(result.entries)), "rows": .int(Int64(result.rows)),
                           "file": .string(out)],
                    text: t("已写出归来数据包 \(out)：\(result.entries) 笔业务，\(result.rows) 条记录",
                            "Wrote the return bundle \(out): \(result.entries) transactions, \(result.rows) records"))
            }
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "At the hall (supervisor): apply a laptop's return bundle.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The return bundle.") var file: String
        @Flag(name: .customLong("passphrase-stdin"), help: "Read the passphrase from standard input.") var passphraseStdin = false

        func run() throws {
            try Runner.run(global) {
                let phrase = try OutreachCommand.passphrase(global, fromStdin: passphraseStdin)
                let desk = try Runner.desk(global)
                let data = try InputFile.bytes(file, limit: InputFile.maximumBundleBytes)
                let report = try desk.receive(bundle: data, passphrase: phrase)
                let language = global.language
                let t = Texts(language)
                var lines = [t("设备 \(report.device) 的归来数据包：导入 \(report.applied.count) 笔，已有跳过 \(report.skipped.count) 笔，待复核 \(report.conflicts.count) 笔",
                               "Return from device \(report.device): \(report.applied.count) applied, \(report.skipped.count) skipped (already here), \(report.conflicts.count) queued for review")]
                if report.repeated { lines.append(t("这个数据包已导入过，本次未作任何改动", "This bundle was received before; nothing was changed")) }
                for conflict in report.conflicts {
                    lines.append("  \(conflict.serial)  \(OutreachCommand.reasonText(conflict.reason).text(language))  \(t("复核", "review")) \(conflict.review.prefix(8))")
                }
                if let serial = report.serial { lines.append(t("导入人 \(desk.account.name)（\(desk.account.id)），流水号 \(serial)", "Received by \(desk.account.name) (\(desk.account.id)), serial \(serial)")) }
                return CommandOutput(
                    json: ["applied": .int(Int64(report.applied.count)), "skipped": .int(Int64(report.skipped.count)),
                           "conflicts": .array(report.conflicts.map { ["serial": .string($0.serial), "reason": .string($0.reason),
                                                                        "review": .string($0.review)] }),
                           "serial": .optional(report.serial), "device": .string(report.device),
                           "receivedBy": report.repeated ? .null : .string(desk.account.id)],
                    text: lines.joined(separator: "\n"))
            }
        }
    }

    static func reasonText(_ reason: String) -> Bilingual {
        switch reason {
        case "same-person": Bilingual(zh: "同一身份证号在大厅和笔记本上各登记了一次", en: "the same ID number was registered at the hall and on the laptop")
        case "possible-same-person": Bilingual(zh: "大厅新登记了同名同出生日期的人", en: "the hall registered someone of the same name and birth date")
        case "changed-at-hall": Bilingual(zh: "外出期间大厅改动了同一条记录", en: "the hall changed the same record meanwhile")
        case "refused-by-hall": Bilingual(zh: "与大厅现有记录冲突", en: "it conflicts with the hall's records")
        default: Bilingual(zh: "同一人的其他记录正在复核", en: "another record of the same person is in review")
        }
    }

    struct Review: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "At the hall (supervisor): the review queue, both versions side by side.")
        @OptionGroup var global: GlobalOptions
        @Flag(name: .long, help: "Decided items too.") var all = false

        func run() throws {
            try Runner.run(global) {
                let items = try Runner.desk(global).reviews(all: all)
                let language = global.language
                let t = Texts(language)
                func side(_ rows: [RowImage]) -> JSONValue {
                    .array(rows.map { row in
                        ["table": .string(row.table), "key": .string(row.key),
                         "values": row.values.map { values in .object(values.keys.sorted().map { key in
                             switch values[key] ?? .null {
                             case .int(let number): (key, .int(number))
                             case .text(let text): (key, .string(text))
                             case .null: (key, .null)
                             }
                         }) } ?? .null]
                    })
                }
                var lines: [String] = items.isEmpty ? [t("复核队列是空的", "The review queue is empty")] : []
                for item in items {
                    lines.append("\(item.uuid.prefix(8))  \(item.device)  \(item.serials.joined(separator: " "))  \(item.state)")
                    lines.append("  " + OutreachCommand.reasonText(item.reason).text(language)
                                 + (item.detail.isEmpty ? "" : "：" + Outreach.detailWords(item.detail).text(language)))
                    let laptopPerson = item.laptop.first { $0.table == "persons" }?.values
                    let hallPerson = item.hall.first { $0.table == "persons" }?.values
                    if laptopPerson != nil || hallPerson != nil {
                        for column in ["name", "id_number", "region_code", "phone", "address"] {
                            let l = laptopPerson?[column]?.string ?? "", h = hallPerson?[column]?.string ?? ""
                            lines.append("  \(column.padding(toLength: 12, withPad: " ", startingAt: 0)) \(t("笔记本", "laptop")): \(l)   \(t("大厅", "hall")): \(h)")
                        }
                    } else {
                        for row in item.laptop { lines.append("  \(row.table) \(row.key)") }
                    }
                }
                return CommandOutput(
                    json: ["reviews": .array(items.map { item in
                        ["id": .string(item.uuid), "device": .string(item.device), "serials": .array(item.serials.map { .string($0) }),
                         "reason": .string(item.reason), "detail": .string(item.detail), "state": .string(item.state),
                         "laptop": side(item.laptop), "hall": side(item.hall),
                         "decidedSerial": .optional(item.decidedSerial)]
                    })],
                    text: lines.joined(separator: "\n"))
            }
        }
    }

    struct Decide: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "At the hall (supervisor): decide a review item.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The review item (its id or first eight characters).") var item: String
        @Option(name: .long, help: "hall, laptop, both (different people) or reject.") var keep: String

        func run() throws {
            try Runner.run(global) {
                guard let decision = ReviewDecision(rawValue: keep) else {
                    throw DomainError.usage("bad-decision", zh: "--keep 取 hall、laptop、both 或 reject", en: "--keep takes hall, laptop, both or reject")
                }
                let desk = try Runner.desk(global)
                let (decided, serial) = try desk.decideReview(item, decision: decision)
                let t = Texts(global.language)
                return CommandOutput(
                    json: ["review": .string(decided.uuid), "state": .string(decided.state), "serial": .string(serial),
                           "decidedBy": .string(desk.account.id)],
                    text: t("复核事项 \(decided.uuid.prefix(8)) 已处理（\(decided.state)），处理人 \(desk.account.name)，流水号 \(serial)",
                            "Review item \(decided.uuid.prefix(8)) decided (\(decided.state)) by \(desk.account.name), serial \(serial)"))
            }
        }
    }

    struct Devices: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "At the hall: the laptops checked out.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try Runner.run(global) {
                let devices = try Runner.desk(global).outreachDevices()
                return CommandOutput(
                    json: ["devices": .array(devices.map { d in
                        ["code": .string(d.code), "name": .string(d.name), "operator": .string(d.operatorID), "people": .int(Int64(d.people)),
                         "checkedOutOn": .string(d.checkedOutOn), "serial": .string(d.checkoutSerial),
                         "broughtHome": .int(Int64(d.broughtHome)), "lastReceivedOn": .optional(d.lastReceivedOn),
                         "openReviews": .int(Int64(d.openReviews))]
                    })],
                    text: ([Texts(global.language)("设备  名称  操作员  登记日期  带出人数  已带回笔数  最近导入  待复核",
                                                   "code  name  operator  checked out  people  brought home  last received  in review")]
                           + devices.map { "\($0.code)  \($0.name)  \($0.operatorID)  \($0.checkedOutOn)  \($0.people)  \($0.broughtHome)  \($0.lastReceivedOn ?? "-")  \($0.openReviews)" })
                        .joined(separator: "\n"))
            }
        }
    }

    struct Venue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Venues of the activity register.", subcommands: [Add.self, List.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Register a venue.")
            @OptionGroup var global: GlobalOptions
            @Option(name: .long, help: "The venue's name (a village, a monastery, a school, a firm, a community).") var name: String
            @Option(name: .long, help: "community, village, firm, school or monastery.") var kind: String
            @Option(name: .long, help: "Six-digit region code.") var region: String?

            func run() throws {
                try Runner.run(global) {
                    let (venue, serial) = try Runner.desk(global).addVenue(name: name, kind: kind, regionCode: region)
                    let t = Texts(global.language)
                    return CommandOutput(json: ["venue": .string(venue.uuid), "name": .string(venue.name), "kind": .string(venue.kind),
                                                "serial": .string(serial)],
                                         text: t("已登记场所 \(venue.name)，流水号 \(serial)", "Venue \(venue.name) registered, serial \(serial)"))
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "The venues registered.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                try Runner.run(global) {
                    let venues = try Runner.desk(global).venues()
                    return CommandOutput(
                        json: ["venues": .array(venues.map { ["venue": .string($0.uuid), "name": .string($0.name), "kind": .string($0.kind),
                                                              "region": .optional($0.regionCode)] })],
                        text: venues.enumerated().map { "\($0.offset + 1). \($0.element.name)  \($0.element.kind)" }.joined(separator: "\n"))
                }
            }
        }
    }

    struct Event: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Events of the activity register.", subcommands: [Open.self, Close.self, List.self])

        struct Open: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Open an event at a venue today; transactions until it closes count there.")
            @OptionGroup var global: GlobalOptions
            @Option(name: .long, help: "The venue's name, or its number in `venue list`.") var venue: String

            func run() throws {
                try Runner.run(global) {
                    let (event, serial) = try Runner.desk(global).openEvent(venue: venue)
                    let t = Texts(global.language)
                    return CommandOutput(json: ["event": .string(event.uuid), "venue": .string(event.venue.name), "date": .string(event.heldOn),
                                                "serial": .string(serial)],
                                         text: t("\(event.venue.name) 的活动开始（\(event.heldOn)）", "Event at \(event.venue.name) opened (\(event.heldOn))"))
                }
            }
        }

        struct Close: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Close the open event with its counts.")
            @OptionGroup var global: GlobalOptions
            @Option(name: .long, help: "The people who came.") var participants: Int
            @Option(name: .long, help: "The leaflets handed out.") var leaflets: Int

            func run() throws {
                try Runner.run(global) {
                    let (event, serial) = try Runner.desk(global).closeEvent(participants: participants, leaflets: leaflets)
                    let t = Texts(global.language)
                    return CommandOutput(json: ["event": .string(event.uuid), "participants": .int(Int64(event.participants)),
                                                "leaflets": .int(Int64(event.leaflets)), "serial": .string(serial)],
                                         text: t("\(event.venue.name) 的活动结束：\(event.participants) 人，资料 \(event.leaflets) 份",
                                                 "Event at \(event.venue.name) closed: \(event.participants) people, \(event.leaflets) leaflets"))
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Every event, newest first.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                try Runner.run(global) {
                    let events = try Runner.desk(global).events()
                    return CommandOutput(
                        json: ["events": .array(events.map { e in
                            ["event": .string(e.uuid), "venue": .string(e.venue.name), "kind": .string(e.venue.kind), "date": .string(e.heldOn),
                             "participants": .int(Int64(e.participants)), "leaflets": .int(Int64(e.leaflets)), "state": .string(e.state),
                             "transactions": .int(Int64(e.transactions))]
                        })],
                        text: ([Texts(global.language)("日期        场所  参与人数  资料份数  办理笔数  状态", "date        venue  people  leaflets  transactions  state")]
                               + events.map { "\($0.heldOn)  \($0.venue.name)  \($0.participants)  \($0.leaflets)  \($0.transactions)  \($0.state)" })
                            .joined(separator: "\n"))
                }
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The campaign's figures: venues, events, people, leaflets, transactions by kind.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Events held on or after this date (YYYY-MM-DD).") var from: String?
        @Option(name: .long, help: "Events held on or before this date (YYYY-MM-DD).") var to: String?

        func run() throws {
            try Runner.run(global) {
                let report = try Runner.desk(global).activityReport(from: try OutreachCommand.date(from), to: try OutreachCommand.date(to))
                let t = Texts(global.language)
                var lines = [t("场所 \(report.venues) 个，活动 \(report.events) 场，参与 \(report.participants) 人，发放资料 \(report.leaflets) 份",
                               "\(report.venues) venues, \(report.events) events, \(report.participants) people, \(report.leaflets) leaflets")]
                if !report.venuesByKind.isEmpty { lines.append(t("按场所类别：", "Venues by kind:")) }
                lines += report.venuesByKind.map { "  \($0.kind)  \($0.count)" }
                if !report.transactionsByKind.isEmpty { lines.append(t("活动中办理的业务：", "Transactions done at events:")) }
                lines += report.transactionsByKind.map { "  \($0.kind)  \($0.count)" }
                return CommandOutput(
                    json: ["venues": .int(Int64(report.venues)), "events": .int(Int64(report.events)),
                           "participants": .int(Int64(report.participants)), "leaflets": .int(Int64(report.leaflets)),
                           "venuesByKind": .object(report.venuesByKind.map { ($0.kind, .int(Int64($0.count))) }),
                           "transactions": .array(report.transactionsByKind.map { ["kind": .string($0.kind), "count": .int(Int64($0.count))] })],
                    text: lines.joined(separator: "\n"))
            }
        }
    }
}
