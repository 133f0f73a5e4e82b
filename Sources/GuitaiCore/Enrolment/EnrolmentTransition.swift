/// A change of an existing enrolment's status: suspend payment, resume it, end it, or transfer it out.
public enum EnrolmentTransition: String, Sendable, CaseIterable {
    case suspend
    case resume
    case terminate
    case transfer

    /// The status the enrolment moves to.
    public var target: EnrolmentStatus {
        switch self {
        case .suspend: .suspended
        case .resume: .active
        case .terminate: .terminated
        case .transfer: .transferred
        }
    }

    /// Checks the transition against the current status; ends carry the date, the day included.
    public func apply(to enrolment: Enrolment, on date: LocalDate) throws(DomainError) -> Enrolment {
        let allowed: Set<EnrolmentStatus> = switch self {
        case .suspend: [.active]
        case .resume: [.suspended]
        case .terminate, .transfer: [.active, .suspended]
        }
        guard allowed.contains(enrolment.status) else {
            throw .refused("illegal-transition",
                           zh: "\(enrolment.scheme.label.zh)当前状态为「\(enrolment.status.label.zh)」，不能\(label.zh)",
                           en: "The \(enrolment.scheme.label.en) is \(enrolment.status.label.en): it cannot be \(label.en)")
        }
        guard date >= enrolment.from else {
            throw .refused("bad-date", zh: "日期早于参保日期 \(enrolment.from.iso)", en: "The date is before the enrolment began on \(enrolment.from.iso)")
        }
        if let open = enrolment.suspensions.last, open.to == nil, date < open.from {
            throw .refused("bad-date", zh: "日期早于暂停日期 \(open.from.iso)", en: "The date is before the suspension began on \(open.from.iso)")
        }
        var changed = enrolment
        changed.status = target
        switch self {
        case .suspend: changed.suspensions.append(Suspension(from: date))
        // Resumed on the date: covered again from that day.
        case .resume:
            // Resumed the day it was suspended: no day went uncovered.
            if changed.suspensions[changed.suspensions.count - 1].from == date { changed.suspensions.removeLast() }
            else { changed.suspensions[changed.suspensions.count - 1].to = date.adding(days: -1) }
        case .terminate, .transfer: changed.to = date
        }
        return changed
    }

    public var label: Bilingual {
        switch self {
        case .suspend: Bilingual(zh: "暂停缴费", en: "suspended")
        case .resume: Bilingual(zh: "恢复缴费", en: "resumed")
        case .terminate: Bilingual(zh: "终止", en: "terminated")
        case .transfer: Bilingual(zh: "转出", en: "transferred out")
        }
    }
}
