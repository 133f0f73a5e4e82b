/// The GB/T 2260 division table: which region codes exist (historic ones included) and their names.
public struct DivisionTable: Sendable {
    private let divisions: [String: Division]
    /// One bit per six-digit code (0 ..< 1,000,000), set for every code `contains` accepts: the ID parser's lookup on
    /// bytes, with no string built (about 122 KiB).
    private let knownCodes: [UInt64]

    public init(_ divisions: [Division]) {
        self.divisions = Dictionary(divisions.map { ($0.code, $0) }, uniquingKeysWith: { _, newer in newer })
        var bits = [UInt64](repeating: 0, count: 1_000_000 / 64 + 1)
        for code in self.divisions.keys.map({ $0 }) + Array(ResidentID.permitRegions.keys) {
            guard code.utf8.count == 6, let number = Int(code), number >= 0 else { continue }
            bits[number >> 6] |= 1 << UInt64(number & 63)
        }
        knownCodes = bits
    }

    /// Whether a code given as its number (`540102`) is known; the same answer as `contains` on its six digits.
    public func contains(code number: Int) -> Bool {
        guard number >= 0 && number < 1_000_000 else { return false }
        return knownCodes[number >> 6] & (1 << UInt64(number & 63)) != 0
    }

    /// Reads the shipped table: `code<TAB>name<TAB>current|historic` per line, `#` comments.
    public init(tsv text: String) {
        var list: [Division] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count >= 2, fields[0].count == 6 else { continue }
            let status = fields.count > 2 ? fields[2].trimmingCharacters(in: "\r ") : "current"
            list.append(Division(code: String(fields[0]), name: String(fields[1]), isCurrent: status != "historic"))
        }
        self.init(list)
    }

    public var count: Int { divisions.count }

    public func division(_ code: String) -> Division? { divisions[code] }

    /// Whether a code is known to any revision of the standard, or is a Hong Kong, Macao or Taiwan permit code.
    public func contains(_ code: String) -> Bool { divisions[code] != nil || ResidentID.permitRegions[code] != nil }

    /// Province, prefecture and county names for a code, as far as the table knows them.
    public func place(of code: String) -> Place {
        guard code.count == 6 else { return Place(code: code, province: nil, prefecture: nil, county: nil) }
        if let permit = ResidentID.permitRegions[code] {
            return Place(code: code, province: permit.zh, prefecture: nil, county: nil)
        }
        if code.hasPrefix(ResidentID.trainingPrefix) {
            return Place(code: code, province: "培训虚拟地区", prefecture: nil, county: "虚拟\(code.suffix(2))区")
        }
        let province = divisions[String(code.prefix(2)) + "0000"]?.name
        let prefecture = code.hasSuffix("0000") ? nil : divisions[String(code.prefix(4)) + "00"]?.name
        let county = code.hasSuffix("00") ? nil : divisions[code]?.name
        return Place(code: code, province: province, prefecture: prefecture, county: county)
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var slice = self
        while let f = slice.first, set.contains(f) { slice.removeFirst() }
        while let l = slice.last, set.contains(l) { slice.removeLast() }
        return String(slice)
    }
}
