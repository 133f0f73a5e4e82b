/// The training scenario on show at the desk: which one, which step, whether its answer and the panel show, and which
/// steps the store says are done (read again after every key that can change the screen).
struct TrainingSession {
    /// Index in the resources' scenarios.
    var scenario: Int
    var step = 0
    var showsAnswer = false
    var isVisible = true
    var done: [Bool] = []

    init(scenario: Int) { self.scenario = scenario }
}
