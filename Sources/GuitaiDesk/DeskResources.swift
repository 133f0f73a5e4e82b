import Foundation
import GuitaiCore

/// The shipped reference data: the division table, pinyin initials and the policy presets.
public struct DeskResources: Sendable {
    public let directory: String
    public let divisions: DivisionTable
    public let pinyin: PinyinTable
    /// Preset policy files by id: text and file name.
    public let presets: [String: (text: String, file: String)]

    /// Loads everything from a `Resources` directory.
    public init(directory: String) throws {
        self.directory = directory
        func text(_ relative: String) throws -> String {
            let path = directory + "/" + relative
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw DomainError(.failure, code: "resources-missing", zh: "缺少资源文件 \(path)", en: "Missing resource file \(path)")
            }
            return text
        }
        divisions = DivisionTable(tsv: try text("divisions/gb2260.tsv"))
        pinyin = PinyinTable(tsv: try text("pinyin/initials.tsv"))
        var presets: [String: (String, String)] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/policies")) ?? []
        for name in names.sorted() where name.hasSuffix(".policy") {
            presets[String(name.dropLast(".policy".count))] = (try text("policies/" + name), "policies/" + name)
        }
        self.presets = presets
    }

    /// The training store's guided scenarios (`training/*.json`), in file-name order: read when a training desk or
    /// command asks, so a broken lesson file never stops a real hall's work.
    /// - Throws: `bad-scenario` naming the file and what is wrong, or an id used twice.
    public func scenarios() throws -> [Scenario] {
        var scenarios: [Scenario] = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/training")) ?? []
        for name in files.sorted() where name.hasSuffix(".json") {
            let path = directory + "/training/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DomainError(.failure, code: "resources-missing", zh: "无法读取培训情景文件 \(path)", en: "Cannot read the training scenario \(path)")
            }
            let scenario = try Scenario.read(data, file: "training/" + name)
            if scenarios.contains(where: { $0.id == scenario.id }) {
                throw DomainError(.failure, code: "bad-scenario", zh: "培训情景编号 \(scenario.id) 重复（training/\(name)）",
                                  en: "The training scenario id \(scenario.id) is used twice (training/\(name))")
            }
            scenarios.append(scenario)
        }
        return scenarios
    }

    /// Finds `Resources` from any working directory: `GUITAI_RESOURCES`, then upwards from the executable
    /// (`Resources` in a checkout, `share/guitai/Resources` after `make install`).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> DeskResources {
        if let explicit = environment["GUITAI_RESOURCES"], !explicit.isEmpty { return try DeskResources(directory: explicit) }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: executable).deletingLastPathComponent().standardizedFileURL
        for _ in 0..<8 {
            for candidate in ["Resources", "share/guitai/Resources"] {
                let path = directory.appendingPathComponent(candidate).path
                if FileManager.default.fileExists(atPath: path + "/policies") { return try DeskResources(directory: path) }
            }
            directory = directory.deletingLastPathComponent()
        }
        throw DomainError(.failure, code: "resources-missing",
                          zh: "找不到资源目录 Resources，请设置 GUITAI_RESOURCES", en: "Cannot find the Resources directory; set GUITAI_RESOURCES")
    }

    /// Reads the presets and a hall's own files into a library; a hall file replaces a preset of the same id.
    public func policyLibrary(hallPolicies: [(id: String, text: String)], defaultID: String) throws -> PolicyLibrary {
        let reader = policyReader(hallPolicies: hallPolicies)
        var texts: [String: (text: String, file: String)] = presets
        for hall in hallPolicies { texts[hall.id] = (hall.text, hall.id + ".policy (hall)") }
        var policies: [Policy] = []
        for (_, entry) in texts.sorted(by: { $0.key < $1.key }) {
            do { policies.append(try reader.read(entry.text, file: entry.file)) } catch { throw error.asDomainError }
        }
        return PolicyLibrary(policies: policies, defaultID: defaultID)
    }

    /// A reader that resolves `extends` against the hall's files first, then the presets.
    public func policyReader(hallPolicies: [(id: String, text: String)] = []) -> PolicyReader {
        var texts = presets
        for hall in hallPolicies { texts[hall.id] = (hall.text, hall.id + ".policy (hall)") }
        let lookup = texts
        return PolicyReader(baseLookup: { id in lookup[id] })
    }
}
