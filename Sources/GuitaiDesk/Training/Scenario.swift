import Foundation
import GuitaiCore

/// A guided lesson of the training store (`Resources/training/*.json`): a title and the steps a trainee does at the
/// desk, each with its hint, the answer the trainer can show, and the check on the store that it was done.
public struct Scenario: Codable, Sendable, Identifiable {
    /// Kebab-case, unique among the scenarios: `flexible-enrolment`.
    public var id: String
    public var title: Bilingual
    /// Who the citizen is and what they want, as the trainer tells the room.
    public var story: Bilingual
    public var steps: [ScenarioStep]

    /// Reads one scenario file.
    /// - Throws: `bad-scenario` naming the file and what is wrong (not JSON, a field missing, an unknown check, no
    ///   steps, a step that checks nothing).
    public static func read(_ data: Data, file: String) throws -> Scenario {
        let scenario: Scenario
        do {
            scenario = try JSONDecoder().decode(Scenario.self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            throw problem(file, context.debugDescription)
        } catch let DecodingError.keyNotFound(key, context) {
            throw problem(file, "\(key.stringValue) missing at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw problem(file, "wrong value at \(context.codingPath.map(\.stringValue).joined(separator: "."))")
        } catch {
            throw problem(file, "\(error)")
        }
        guard !scenario.id.isEmpty, scenario.id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw problem(file, "the id is lowercase letters, digits and hyphens")
        }
        guard !scenario.steps.isEmpty else { throw problem(file, "a scenario has at least one step") }
        if let index = scenario.steps.firstIndex(where: { $0.check.isEmpty }) {
            throw problem(file, "step \(index + 1) checks nothing")
        }
        return scenario
    }

    private static func problem(_ file: String, _ what: String) -> DomainError {
        DomainError(.failure, code: "bad-scenario", zh: "培训情景文件 \(file) 有误：\(what)", en: "The training scenario \(file) is wrong: \(what)")
    }
}
