import GuitaiCore

/// One step of a scenario: what the trainee is told, what the trainer can show, and what must be in the store once
/// it is done (every condition of `check`).
public struct ScenarioStep: Codable, Sendable {
    public var hint: Bilingual
    public var answer: Bilingual
    public var check: [ScenarioCondition]
}
