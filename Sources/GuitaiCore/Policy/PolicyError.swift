/// A policy file refused, with the line and the problem named.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    /// 1-based line number; 0 when the problem is something missing from the whole file.
    public let line: Int
    public let problem: Bilingual

    public init(file: String, line: Int, zh: String, en: String) {
        self.file = file
        self.line = line
        self.problem = Bilingual(zh: zh, en: en)
    }

    public var description: String { line > 0 ? "\(file):\(line): \(problem.en)" : "\(file): \(problem.en)" }

    public var asDomainError: DomainError {
        let place = line > 0 ? "\(file) 第\(line)行" : file
        let placeEn = line > 0 ? "\(file), line \(line)" : file
        return .refused("bad-policy", zh: "政策文件 \(place)：\(problem.zh)", en: "Policy file \(placeEn): \(problem.en)")
    }
}
