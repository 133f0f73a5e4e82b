/// Reads a policy file (format in docs/policy-format.md) into a `Policy`, refusing anything malformed
/// with the file, the line and the problem named.
public struct PolicyReader: Sendable {
    /// Finds the text of another policy by id, for `extends`.
    public typealias BaseLookup = @Sendable (String) -> (text: String, file: String)?

    private let lookup: BaseLookup

    public init(baseLookup: @escaping BaseLookup = { _ in nil }) {
        self.lookup = baseLookup
    }

    public func read(_ text: String, file: String) throws(PolicyError) -> Policy {
        let entries = try merged(text, file: file, depth: 0)
        var reader = EntryReader(entries: entries, file: file)
        let policy = try reader.policy()
        try reader.refuseUnused()
        return policy
    }

    private func merged(_ text: String, file: String, depth: Int) throws(PolicyError) -> [String: PolicyEntry] {
        let own = try PolicyLexer.entries(of: text, file: file)
        var result: [String: PolicyEntry] = [:]
        if let base = own.first(where: { $0.key == "policy.extends" })?.entry {
            guard depth < 4 else {
                throw PolicyError(file: file, line: base.line, zh: "extends 嵌套过深", en: "extends nests too deep")
            }
            guard let found = lookup(base.value) else {
                throw PolicyError(file: file, line: base.line, zh: "找不到被继承的政策 \(base.value)",
                                  en: "the policy it extends, \(base.value), was not found")
            }
            result = try merged(found.text, file: found.file, depth: depth + 1)
            // Identity belongs to the child alone.
            for key in ["policy.id", "policy.title", "policy.regions", "policy.year", "policy.extends"] { result[key] = nil }
        }
        for (key, entry) in own { result[key] = entry }
        return result
    }
}

/// Typed access to merged entries; remembers what was used so unknown keys can be refused.
private struct EntryReader {
    var entries: [String: PolicyEntry]
    let file: String
    var used: Set<String> = []

    init(entries: [String: PolicyEntry], file: String) {
        self.entries = entries
        self.file = file
    }

    func fail(_ entry: PolicyEntry, zh: String, en: String) -> PolicyError {
        PolicyError(file: entry.file, line: entry.line, zh: zh, en: en)
    }

    mutating func entry(_ key: String) throws(PolicyError) -> PolicyEntry {
        guard let entry = entries[key] else {
            let parts = key.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let section = parts.first.map(String.init) ?? "", name = parts.dropFirst().first.map(String.init) ?? ""
            throw PolicyError(file: file, line: 0, zh: "缺少参数 [\(section)] \(name)",
                              en: "the parameter \(name) in [\(section)] is missing")
        }
        used.insert(key)
        return entry
    }

    mutating func optional(_ key: String) -> PolicyEntry? {
        guard let entry = entries[key] else { return nil }
        used.insert(key)
        return entry
    }

    mutating func sourced(_ key: String) throws(PolicyError) -> PolicyEntry {
        let e = try entry(key)
        guard e.source != nil else {
            throw fail(e, zh: "参数缺少来源（在值后写「| 来源」，如 | illustrative）",
                       en: "the parameter has no source (write `| source` after the value, e.g. `| illustrative`)")
        }
        return e
    }

    func money(_ text: String, _ e: PolicyEntry) throws(PolicyError) -> Money {
        guard let money = Money(yuan: text, allowingSeparators: true), money.fen >= 0 else {
            throw fail(e, zh: "「\(text)」不是金额（元，最多两位小数）", en: "\"\(text)\" is not an amount (yuan, at most two decimals)")
        }
        guard money <= Money.maximumEntered else {
            throw fail(e, zh: "金额 \(text) 超过上限 \(Money.maximumEntered.grouped) 元", en: "the amount \(text) is above the limit of \(Money.maximumEntered.grouped) yuan")
        }
        return money
    }

    func ratio(_ text: String, _ e: PolicyEntry) throws(PolicyError) -> Ratio {
        guard let ratio = Ratio(percentText: text), ratio <= .whole else {
            throw fail(e, zh: "「\(text)」不是0%到100%之间的比例", en: "\"\(text)\" is not a percentage between 0% and 100%")
        }
        return ratio
    }

    func words(_ e: PolicyEntry) -> [String] { e.value.split(separator: " ").map(String.init) }

    mutating func sourcedMoney(_ key: String) throws(PolicyError) -> Sourced<Money> {
        let e = try sourced(key)
        return Sourced(try money(e.value, e), source: e.sourceText)
    }

    mutating func sourcedMoneyOrNone(_ key: String) throws(PolicyError) -> Sourced<Money?> {
        let e = try sourced(key)
        return Sourced(e.value == "none" ? nil : try money(e.value, e), source: e.sourceText)
    }

    mutating func sourcedRatio(_ key: String) throws(PolicyError) -> Sourced<Ratio> {
        let e = try sourced(key)
        return Sourced(try ratio(e.value, e), source: e.sourceText)
    }

    mutating func sourcedInt(_ key: String) throws(PolicyError) -> Sourced<Int> {
        let e = try sourced(key)
        guard let value = Int(e.value), value >= 0 else {
            throw fail(e, zh: "「\(e.value)」不是非负整数", en: "\"\(e.value)\" is not a whole number")
        }
        return Sourced(value, source: e.sourceText)
    }

    func groups(_ e: PolicyEntry) throws(PolicyError) -> Set<SpecialGroup> {
        if e.value == "none" { return [] }
        var result: Set<SpecialGroup> = []
        for word in words(e) {
            guard let group = SpecialGroup(rawValue: word) else { throw unknownGroup(word, e) }
            result.insert(group)
        }
        return result
    }

    func unknownGroup(_ word: String, _ e: PolicyEntry) -> PolicyError {
        fail(e, zh: "没有「\(word)」这个群体", en: "there is no group \"\(word)\"")
    }

    /// One value for every level, or three (levels 1, 2, 3).
    func perLevel<T>(_ e: PolicyEntry, _ items: [String], _ parse: (String) throws(PolicyError) -> T) throws(PolicyError) -> [T] {
        guard items.count == 1 || items.count == 3 else {
            throw fail(e, zh: "应给出一个值，或一、二、三级医院各一个值", en: "give one value, or one for each hospital level 1, 2 and 3")
        }
        var values: [T] = []
        for item in items { values.append(try parse(item)) }
        return items.count == 1 ? Array(repeating: values[0], count: 3) : values
    }

    mutating func policy() throws(PolicyError) -> Policy {
        let idEntry = try entry("policy.id")
        let year = try entry("policy.year")
        guard let yearValue = Int(year.value), (1990...2100).contains(yearValue) else {
            throw fail(year, zh: "年份应为1990到2100之间的四位数字", en: "the year should be four digits from 1990 to 2100")
        }
        let regions = try entry("policy.regions")
        let prefixes = words(regions)
        for prefix in prefixes where !(prefix.allSatisfy { $0.isASCII && $0.isNumber } && (1...6).contains(prefix.count)) {
            throw fail(regions, zh: "地区前缀「\(prefix)」应为1到6位数字", en: "the region prefix \"\(prefix)\" should be 1 to 6 digits")
        }
        do { _ = try StoredText.check(idEntry.value, as: .policyID) } catch { throw fail(idEntry, zh: error.message.zh, en: error.message.en) }
        let titleEntry = optional("policy.title")
        let title = titleEntry?.value ?? idEntry.value
        if let titleEntry {
            do { _ = try StoredText.check(title, as: .policyTitle) } catch { throw fail(titleEntry, zh: error.message.zh, en: error.message.en) }
        }
        _ = optional("policy.extends")
        return Policy(
            id: idEntry.value, title: title, regionPrefixes: prefixes, year: yearValue,
            bPrepayShare: try sourcedRatio("settlement.b-prepay-share"),
            basic: try basicRows(), combinedCaps: try combinedCaps(), criticalIllness: try criticalIllness(),
            assistance: try assistance(), medicalContribution: try medicalContribution(), pension: try pension(),
            waitingPeriod: try waitingPeriod(), notes: notes(), pensionAge: try pensionAge(),
            backdateLimitDays: try optionalSourcedInt("enrolment.backdate-limit-days"))
    }

    mutating func optionalSourcedInt(_ key: String) throws(PolicyError) -> Sourced<Int>? {
        guard let e = entries[key] else { return nil }
        let value = try sourcedInt(key)
        guard value.value <= 36_500 else { throw fail(e, zh: "天数过大（最多36500天）", en: "the number of days is too large (at most 36,500)") }
        return value
    }

    /// `[pension-age]`: optional; each age not given is the national one.
    mutating func pensionAge() throws(PolicyError) -> PensionAgeRule {
        var rule = PensionAgeRule.national
        for (key, path) in [("pension-age.resident", \PensionAgeRule.resident), ("pension-age.employee-male", \.employeeMale),
                            ("pension-age.employee-female", \.employeeFemale)] {
            guard let e = entries[key] else { continue }
            let age = try sourcedInt(key)
            guard (40...75).contains(age.value) else {
                throw fail(e, zh: "养老金领取年龄应在40到75岁之间", en: "a pension age lies between 40 and 75")
            }
            rule[keyPath: path] = age
        }
        return rule
    }

    mutating func basicRows() throws(PolicyError) -> [BasicRowKey: BasicRule] {
        var rows: [BasicRowKey: BasicRule] = [:]
        let sections = Set(entries.keys.compactMap { key -> String? in
            // Not `split(...)[0]`: a key of dots alone splits into nothing.
            let section = key.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return section.hasPrefix("basic ") ? section : nil
        })
        for section in sections.sorted() {
            guard let e = entries.first(where: { $0.key.hasPrefix(section + ".") })?.value else { continue }
            let words = section.split(separator: " ").map(String.init)
            guard (3...4).contains(words.count), let scheme = Scheme(rawValue: words[1]), scheme.isMedical,
                  let visit = VisitType(rawValue: words[2]) else {
                throw fail(e, zh: "节 [\(section)] 应写作 [basic 险种 门诊或住院 在职或退休]",
                           en: "the section [\(section)] should read [basic SCHEME outpatient|inpatient (in-service|retired)]")
            }
            var status: EmploymentStatus?
            if words.count == 4 {
                guard let s = EmploymentStatus(rawValue: words[3]) else {
                    throw fail(e, zh: "「\(words[3])」应为 in-service 或 retired", en: "\"\(words[3])\" should be in-service or retired")
                }
                status = s
            }
            let deductible = try sourced(section + ".deductible")
            var items = self.words(deductible)
            guard let scope = DeductibleScope(rawValue: items.first ?? "") else {
                throw fail(deductible, zh: "起付线应以 annual 或 per-visit 开头", en: "a deductible starts with annual or per-visit")
            }
            items.removeFirst()
            let amounts = try perLevel(deductible, items) { (t: String) throws(PolicyError) in try money(t, deductible) }
            let ratioEntry = try sourced(section + ".ratio")
            let ratios = try perLevel(ratioEntry, self.words(ratioEntry)) { (t: String) throws(PolicyError) in try ratio(t, ratioEntry) }
            rows[BasicRowKey(scheme: scheme, visit: visit, status: status)] = BasicRule(
                scope: Sourced(scope, source: deductible.sourceText), deductible: Sourced(amounts, source: deductible.sourceText),
                ratio: Sourced(ratios, source: ratioEntry.sourceText), cap: try sourcedMoneyOrNone(section + ".cap"))
        }
        return rows
    }

    mutating func combinedCaps() throws(PolicyError) -> [Scheme: CombinedCap] {
        var caps: [Scheme: CombinedCap] = [:]
        for scheme in [Scheme.residentMedical, .employeeMedical] {
            let section = "combined-cap " + scheme.rawValue
            guard entries[section + ".cap"] != nil else { continue }
            let includes = try sourced(section + ".includes")
            let parts = Set(words(includes))
            guard parts.contains("basic"), parts.isSubset(of: ["basic", "critical-illness"]) else {
                throw fail(includes, zh: "includes 应为 basic 或 basic critical-illness", en: "includes should be basic, or basic critical-illness")
            }
            caps[scheme] = CombinedCap(amount: try sourcedMoney(section + ".cap"), includesCriticalIllness: parts.contains("critical-illness"))
        }
        return caps
    }

    mutating func criticalIllness() throws(PolicyError) -> CriticalIllnessRule? {
        guard entries["critical-illness.threshold"] != nil else { return nil }
        let applies = try sourced("critical-illness.applies-to")
        var schemes: Set<Scheme> = [], visits: Set<VisitType> = []
        for word in words(applies) {
            if let scheme = Scheme(rawValue: word), scheme.isMedical { schemes.insert(scheme) }
            else if let visit = VisitType(rawValue: word) { visits.insert(visit) }
            else { throw fail(applies, zh: "「\(word)」不是医疗险种或就诊类型", en: "\"\(word)\" is neither a medical scheme nor a visit type") }
        }
        if visits.isEmpty { visits = Set(VisitType.allCases) }
        let bandsEntry = try sourced("critical-illness.bands")
        var bands: [CriticalIllnessBand] = []
        for piece in bandsEntry.value.split(separator: ",") {
            let parts = piece.split(separator: " ").map(String.init)
            let range = parts.first?.split(separator: "-", omittingEmptySubsequences: false) ?? []
            guard parts.count == 2, range.count == 2 else {
                throw fail(bandsEntry, zh: "分段应写作「下限-上限 比例」，以逗号分隔", en: "write bands as `lower-upper ratio`, separated by commas")
            }
            let lower = try money(String(range[0]), bandsEntry)
            let upper = range[1].isEmpty ? nil : try money(String(range[1]), bandsEntry)
            let expectedLower = bands.last?.upper ?? .zero
            guard bands.last.map({ $0.upper != nil }) ?? true, lower == expectedLower, upper.map({ $0 > lower }) ?? true else {
                throw fail(bandsEntry, zh: "分段应从0开始首尾相接，只有最后一段可以不设上限",
                           en: "bands must start at 0 and follow each other; only the last may be open")
            }
            bands.append(CriticalIllnessBand(lower: lower, upper: upper, ratio: try ratio(parts[1], bandsEntry)))
        }
        let tilted = try sourced("critical-illness.tilted-groups")
        let bonus = try sourcedRatio("critical-illness.tilted-bonus")
        // A tilted band pays its ratio plus the bonus: it may not pay more than the amount itself.
        if let band = bands.first(where: { $0.ratio + bonus.value > .whole }), let e = entries["critical-illness.tilted-bonus"] {
            throw fail(e, zh: "倾斜加成后分段比例 \(band.ratio.percentText) + \(bonus.value.percentText) 超过100%",
                       en: "with the tilt, the band ratio \(band.ratio.percentText) + \(bonus.value.percentText) is above 100%")
        }
        return CriticalIllnessRule(
            schemes: Sourced(schemes, source: applies.sourceText), visits: visits,
            threshold: try sourcedMoney("critical-illness.threshold"), bands: Sourced(bands, source: bandsEntry.sourceText),
            cap: try sourcedMoneyOrNone("critical-illness.cap"),
            tiltedGroups: Sourced(try groups(tilted), source: tilted.sourceText),
            tiltedThresholdShare: try sourcedRatio("critical-illness.tilted-threshold"),
            tiltedRatioBonus: bonus,
            tiltedCap: try sourcedMoneyOrNone("critical-illness.tilted-cap"))
    }

    mutating func perGroup<T>(_ prefix: String, _ parse: (inout EntryReader, String) throws(PolicyError) -> Sourced<T>) throws(PolicyError) -> [SpecialGroup: Sourced<T>] {
        var result: [SpecialGroup: Sourced<T>] = [:]
        for (key, entry) in entries.sorted(by: { $0.key < $1.key }) where key.hasPrefix(prefix) {
            let name = String(key.dropFirst(prefix.count))
            guard let group = SpecialGroup(rawValue: name) else { throw unknownGroup(name, entry) }
            result[group] = try parse(&self, key)
        }
        return result
    }

    mutating func assistance() throws(PolicyError) -> AssistanceRule {
        let ratios = try perGroup("assistance.ratio.") { (r: inout EntryReader, k: String) throws(PolicyError) in try r.sourcedRatio(k) }
        var deductibles = try perGroup("assistance.deductible.") { (r: inout EntryReader, k: String) throws(PolicyError) in try r.sourcedMoney(k) }
        if entries["assistance.deductible"] != nil {
            let common = try sourcedMoney("assistance.deductible")
            for group in ratios.keys where deductibles[group] == nil { deductibles[group] = common }
        }
        return AssistanceRule(ratios: ratios, deductibles: deductibles, cap: try sourcedMoney("assistance.cap"),
                              majorCap: try sourcedMoney("assistance.major-cap"))
    }

    mutating func medicalContribution() throws(PolicyError) -> MedicalContributionRule {
        let section = "resident-medical-contribution."
        return MedicalContributionRule(
            individual: try sourcedMoney(section + "individual"),
            groupAmounts: try perGroup(section + "group.") { (r: inout EntryReader, k: String) throws(PolicyError) in try r.sourcedMoney(k) },
            fiscalSubsidy: try sourcedMoney(section + "fiscal-subsidy"))
    }

    mutating func pension() throws(PolicyError) -> PensionContributionRule {
        var extra = Sourced<[Money]>([], source: "national")
        if let e = optional("resident-pension.extra-grades") {
            guard let source = e.source else { throw fail(e, zh: "参数缺少来源", en: "the parameter has no source") }
            var grades: [Money] = []
            for word in words(e) where word != "none" { grades.append(try money(word, e)) }
            extra = Sourced(grades, source: source)
        }
        let groupsEntry = try sourced("resident-pension.paid-on-behalf")
        let belowEntry = try sourced("resident-pension.subsidy-below-500"), fromEntry = try sourced("resident-pension.subsidy-from-500")
        let below = Sourced(try money(belowEntry.value, belowEntry), source: belowEntry.sourceText)
        let from = Sourced(try money(fromEntry.value, fromEntry), source: fromEntry.sourceText)
        // The national minimums are 30 and 60 yuan a year: a region may pay more, never less.
        if below.value < .yuan(30) || from.value < .yuan(60) {
            throw fail(below.value < .yuan(30) ? belowEntry : fromEntry, zh: "缴费补贴低于国家最低标准（500元以下档30元，500元及以上档60元）",
                       en: "the subsidy is below the national minimum (30 yuan below grade 500, 60 from 500)")
        }
        return PensionContributionRule(
            extraGrades: extra, subsidyBelow500: below, subsidyFrom500: from,
            paidOnBehalfGroups: Sourced(try groups(groupsEntry), source: groupsEntry.sourceText),
            monthlyBasicPension: try sourcedMoney("resident-pension.monthly-basic"))
    }

    mutating func waitingPeriod() throws(PolicyError) -> WaitingPeriodRule {
        let section = "medical-waiting-period."
        guard entries[section + "applies-from"] != nil else { return .none }
        let from = try sourced(section + "applies-from")
        var date: LocalDate?
        if from.value != "none" {
            guard let d = LocalDate(iso: from.value) else { throw fail(from, zh: "日期应写作 YYYY-MM-DD", en: "write the date as YYYY-MM-DD") }
            date = d
        }
        let window = try sourced(section + "collection-window")
        let days = words(window).map { $0.split(separator: "-").compactMap { Int($0) } }
        guard days.count == 2, days.allSatisfy({ $0.count == 2 }),
              LocalDate(year: 2000, month: days[0][0], day: days[0][1]) != nil,
              LocalDate(year: 2000, month: days[1][0], day: days[1][1]) != nil else {
            throw fail(window, zh: "征缴期应写作「MM-DD MM-DD」", en: "write the collection window as `MM-DD MM-DD`")
        }
        let exempt = try sourced(section + "exempt-groups")
        return WaitingPeriodRule(
            appliesFrom: Sourced(date, source: from.sourceText), windowStart: (days[0][0], days[0][1]),
            windowEnd: (days[1][0], days[1][1]), windowSource: window.sourceText,
            baseMonths: try sourcedInt(section + "base-months"),
            monthsPerBreakYear: try sourcedInt(section + "months-per-break-year"),
            exemptGroups: Sourced(try groups(exempt), source: exempt.sourceText))
    }

    mutating func notes() -> [String: Sourced<String>] {
        var result: [String: Sourced<String>] = [:]
        for (key, e) in entries where key.hasPrefix("notes.") {
            used.insert(key)
            result[String(key.dropFirst("notes.".count))] = Sourced(e.value, source: e.source ?? "unstated")
        }
        return result
    }

    /// Anything left over is a typo or a parameter this version does not know: say so rather than ignore it.
    func refuseUnused() throws(PolicyError) {
        let unused = entries.filter { !used.contains($0.key) }.values.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
        if let first = unused.first {
            let key = entries.first { $0.value.line == first.line && $0.value.file == first.file }?.key ?? "?"
            throw fail(first, zh: "不认识的参数 \(key)", en: "unknown parameter \(key)")
        }
    }
}
