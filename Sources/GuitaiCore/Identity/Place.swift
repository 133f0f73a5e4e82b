/// A division code with the names of its levels, for screens and slips.
public struct Place: Hashable, Sendable {
    public let code: String
    public let province: String?
    public let prefecture: String?
    public let county: String?

    /// The most precise name known (`城关区`), or the code when the table has none.
    public var shortName: String { county ?? prefecture ?? province ?? code }

    /// Every level joined (`西藏自治区拉萨市城关区`); a prefecture called 市辖区 is left out.
    public var fullName: String {
        let levels = [province, prefecture == "市辖区" ? nil : prefecture, county].compactMap { $0 }
        return levels.isEmpty ? code : levels.joined()
    }
}
