/// Membership of a special group from one date to another (open-ended when `to` is nil).
public struct GroupMembership: Hashable, Sendable, Codable {
    public var group: SpecialGroup
    public var from: LocalDate
    public var to: LocalDate?

    public init(group: SpecialGroup, from: LocalDate, to: LocalDate? = nil) {
        self.group = group
        self.from = from
        self.to = to
    }

    public func isValid(on date: LocalDate) -> Bool { from <= date && (to.map { date <= $0 } ?? true) }

    /// Whether two memberships share a day.
    public func overlaps(_ other: GroupMembership) -> Bool {
        from <= (other.to ?? .latest) && other.from <= (to ?? .latest)
    }

    /// Parses `NAME[:FROM[:TO]]`; `FROM` defaults to `defaultFrom`. The name is the stored word or the group's name in
    /// Chinese, whole or short (`dibao`, 低保对象, 低保); the colon may be typed full-width (：).
    public static func parse(_ text: String, defaultFrom: LocalDate) -> Result<GroupMembership, DomainError> {
        let parts = InputText.halfWidth(text).split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let group = SpecialGroup(typed: parts[0]) else {
            let names = SpecialGroup.allCases.map(\.rawValue).joined(separator: ", ")
            let zhNames = SpecialGroup.allCases.map(\.shortZh).joined(separator: "、")
            return .failure(.refused("unknown-group", zh: "没有「\(parts[0])」这个群体，可选：\(zhNames)",
                                     en: "There is no group \"\(parts[0])\"; choose one of \(names)"))
        }
        guard parts.count <= 3 else {
            return .failure(.refused("bad-group", zh: "群体写法应为 名称[:起始日期[:截止日期]]",
                                     en: "Write a group as NAME[:FROM[:TO]]"))
        }
        var dates: [LocalDate?] = [defaultFrom, nil]
        for (index, text) in parts.dropFirst().enumerated() where !text.isEmpty {
            guard let date = LocalDate(iso: text) else {
                return .failure(.refused("bad-date", zh: "日期「\(text)」应写作 YYYY-MM-DD", en: "The date \"\(text)\" should be YYYY-MM-DD"))
            }
            dates[index] = date
        }
        let membership = GroupMembership(group: group, from: dates[0] ?? defaultFrom, to: dates[1])
        if let to = membership.to, to < membership.from {
            return .failure(.refused("bad-group", zh: "群体「\(group.label.zh)」的截止日期早于起始日期",
                                     en: "The group \(group.rawValue) ends before it starts"))
        }
        return .success(membership)
    }
}
