import GuitaiCore
import GuitaiDesk

/// A person as the command line shows them: the contract's JSON keys and a readable summary.
enum PersonPresenter {
    static func json(_ d: PersonDetails, today: LocalDate) -> JSONValue {
        let p = d.person
        return [
            "id": .string(p.id.value), "name": .string(p.name), "birthDate": .string(p.id.birthDate.iso),
            "sex": .string(p.id.sex.rawValue), "age": .int(Int64(d.age)), "region": .string(p.regionCode),
            "regionName": .string(d.place.fullName), "phone": .optional(p.phone.map(Person.maskPhone)),
            "household": .optional(p.household?.rawValue), "student": .bool(p.isStudent),
            "groups": .array(p.groups.map { ["group": .string($0.group.rawValue), "from": .string($0.from.iso), "to": .optional($0.to?.iso)] }),
            "enrolments": .array(d.enrolments.map { record in
                let e = record.enrolment
                var pairs: [(String, JSONValue)] = [
                    ("scheme", .string(e.scheme.rawValue)), ("status", .string(e.status.rawValue)),
                    ("from", .string(e.from.iso)), ("to", .optional(e.to?.iso)), ("coverFrom", .string(e.coverFrom.iso)),
                    ("region", .string(e.regionCode)),
                ]
                if let s = e.employmentStatus { pairs.append(("employmentStatus", .string(s.rawValue))) }
                if let g = e.grade { pairs.append(("grade", .money(g))) }
                if let employer = e.employer { pairs.append(("employer", .string(employer.value))) }
                return .object(pairs)
            }),
            "card": d.card.map { c in
                ["number": .string(c.card.number.value), "state": .string(c.card.effectiveState(on: today).rawValue),
                 "validUntil": .string(c.card.validUntil.iso)]
            } ?? .null,
            "ecard": d.ecard.map { e in
                ["status": .string(e.status.rawValue), "serial": .string(e.serial), "since": .string(e.statusSince.iso),
                 "usable": .bool(e.status == .active && d.ecardUnusable == nil),
                 "reason": .optional(d.ecardUnusable?.en), "voucher": .optional(e.voucherOn?.iso)]
            } ?? .null,
            "benefit": d.recipient.map { r in
                ["scheme": .string(r.benefit.scheme.rawValue), "monthly": .money(r.benefit.monthly), "from": .string(r.benefit.start.iso),
                 "to": .optional(r.benefit.lastMonth?.iso)]
            } ?? .null,
            "certification": d.recipient.flatMap { r in
                r.lastCertified.map { last in
                    ["last": .string(last.iso), "method": .optional(r.lastMethod?.rawValue), "nextDue": .string(r.due.iso)]
                }
            } ?? .null,
            "deathDate": .optional(d.deathDate?.iso),
            "settlements": .array(d.settlements.map {
                ["serial": .string($0.serial), "date": .string($0.date.iso), "total": .money($0.total),
                 "personal": .money($0.personal), "reversed": .bool($0.reversedBy != nil)]
            }),
        ]
    }

    static func text(_ d: PersonDetails, _ t: Texts) -> String {
        let p = d.person
        var lines = [
            "\(p.name)  \(p.id.masked)  \(t(p.id.sex.label))  \(d.age)\(t("岁", " years"))  \(d.place.fullName)",
            t("出生日期 ", "Born ") + p.id.birthDate.iso + (p.phone.map { t("  手机 ", "  Phone ") + Person.maskPhone($0) } ?? ""),
        ]
        if !p.groups.isEmpty {
            lines.append(t("特殊群体：", "Groups: ") + p.groups.map { g in
                t(g.group.label) + " " + g.from.iso + "~" + (g.to?.iso ?? "")
            }.joined(separator: t("；", "; ")))
        }
        if let died = d.deathDate { lines.append(t("死亡日期 ", "Died ") + died.iso) }
        if let c = d.card {
            lines.append(t("社保卡 ", "Card ") + c.card.number.value + "  " + t(c.card.state.label) + t("  有效期至 ", "  valid until ") + c.card.validUntil.iso)
        }
        if let e = d.ecard {
            var line = t("电子社保卡 ", "E-card ") + t(e.status.label)
            if let reason = d.ecardUnusable { line += t("（不可用：", " (unusable: ") + t(reason) + t("）", ")") }
            line += e.voucherOn.map { t("  医保电子凭证已激活 ", "  e-voucher since ") + $0.iso } ?? t("  医保电子凭证未激活", "  e-voucher not activated")
            lines.append(line)
        }
        if let r = d.recipient {
            lines.append(t("月待遇 ", "Monthly benefit ") + r.benefit.monthly.grouped + t(" 元，自 ", " from ") + r.benefit.start.iso
                         + (r.lastCertified.map { t("  上次认证 ", "  last certified ") + $0.iso } ?? t("  从未认证", "  never certified"))
                         + t("  下次认证 ", "  next due ") + r.due.iso)
        }
        if d.enrolments.isEmpty { lines.append(t("参保：无", "Enrolments: none")) }
        for record in d.enrolments {
            let e = record.enrolment
            var line = "  " + t(e.scheme.label) + "  " + t(e.status.label) + "  " + e.from.iso + "~" + (e.to?.iso ?? "")
            if e.coverFrom != e.from { line += t("  待遇起始 ", "  cover from ") + e.coverFrom.iso }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
