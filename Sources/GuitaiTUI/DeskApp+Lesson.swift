import CellText
import GuitaiCore
import GuitaiDesk
import TerminalKit

extension DeskApp {
    /// The scenario on show, if any.
    var scenario: Scenario? {
        guard let lesson, case .success(let all) = scenarios, all.indices.contains(lesson.scenario) else { return nil }
        return all[lesson.scenario]
    }

    /// Starts a scenario at its first step not yet done.
    func begin(scenario index: Int) {
        lesson = TrainingSession(scenario: index)
        followLesson()
        let first = lesson?.done.firstIndex(of: false) ?? 0
        lesson?.step = first
    }

    /// Reads which steps are done; when the step on show has just been done, moves on to the next one not done, so a
    /// trainee working alone is led through the lesson (the trainer can still step back).
    func followLesson() {
        guard var session = lesson, let scenario, let desk else { return }
        let before = session.done
        session.done = (try? desk.progress(of: scenario.steps)) ?? scenario.steps.map { _ in false }
        let current = session.step
        if session.done.indices.contains(current), session.done[current], before.indices.contains(current), !before[current],
           let next = session.done.indices.first(where: { $0 > current && !session.done[$0] }) {
            session.step = next
            session.showsAnswer = false
        }
        lesson = session
    }

    /// Columns of the panel beside the procedure: at 120x40 and larger, leaving the procedure its 80 columns and more.
    func lessonWidth(width: Int, height: Int) -> Int {
        // The scenarios' own screen shows the lesson already.
        guard lesson?.isVisible == true, scenario != nil, desk != nil, width >= 120, height >= 40, !(stack.last is TrainingPanel) else { return 0 }
        return min(48, width - 82)
    }

    private func isDone(_ index: Int) -> Bool { lesson?.done.indices.contains(index) == true && lesson?.done[index] == true }

    private func stepMark(_ index: Int) -> String { catalogue(isDone(index) ? "training.done" : "training.todo") }

    /// At 80x24: one line in place of the rule under the citizen, the scenario, the step, its mark and its hint.
    func renderLessonLine(on screen: inout Screen, width: Int) {
        guard let lesson, lesson.isVisible, let scenario, desk != nil, scenario.steps.indices.contains(lesson.step) else { return }
        let step = scenario.steps[lesson.step]
        let head = catalogue("training.strip", String(lesson.scenario + 1), String(lesson.step + 1), String(scenario.steps.count),
                             catalogue(isDone(lesson.step) ? "training.state.done" : "training.state.todo"))
        screen.fill(Rect(x: 0, y: 2, width: width, height: 1), role: .normal)
        let used = screen.put(head, x: 0, y: 2, role: .watermark, limit: width)
        let text = lesson.showsAnswer ? catalogue("training.answer", catalogue(step.answer)) : catalogue(step.hint)
        screen.put(" " + text, x: used, y: 2, role: .hint, limit: width - used)
    }

    /// At 120x40 and larger: a column beside the procedure with the scenario, every step with its mark, the step's
    /// hint and, when shown, its answer.
    func renderLessonBeside(on screen: inout Screen, x: Int, height: Int) {
        guard let lesson, let scenario else { return }
        let width = screen.width - x - 2
        let bottom = height - 4
        for row in 3...bottom { screen.put("|", x: x, y: row, role: .normal) }
        var y = 3
        y += screen.paragraph(catalogue("mode.training") + " " + catalogue(scenario.title), x: x + 2, y: y, width: width, maxRows: 2, role: .title)
        y += 1
        for (index, step) in scenario.steps.enumerated() where y < bottom - 8 {
            let line = stepMark(index) + " " + String(index + 1) + ". " + catalogue(step.hint)
            y += screen.paragraph(line, x: x + 2, y: y, width: width, maxRows: index == lesson.step ? 6 : 1, indent: 2,
                                  role: index == lesson.step ? .selection : .normal)
        }
        y += 1
        if lesson.showsAnswer, scenario.steps.indices.contains(lesson.step), y < bottom - 1 {
            y += screen.paragraph(catalogue("training.answer", catalogue(scenario.steps[lesson.step].answer)), x: x + 2, y: y,
                                  width: width, maxRows: max(1, bottom - 1 - y), role: .label)
        }
        screen.paragraph(catalogue("training.side.keys"), x: x + 2, y: bottom, width: width, maxRows: 1, role: .hint)
    }
}
