import GuitaiCore
import GuitaiDesk
import TerminalKit

/// F11 on a training store: the scenarios by number, then the one chosen with its story, its steps marked done or to
/// do (checked on the store), the step's hint and, for the trainer, its answer. ← → step back and forward, A shows the
/// answer, H hides or shows the scenario beside the desk, L goes back to the list; Esc returns to the desk.
struct TrainingPanel: Panel {
    let titleKey = "training.title"
    var takesText: Bool { false }
    var parksWhenLeft: Bool { false }
    /// Showing the list rather than the scenario on show.
    var choosing: Bool

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        if case .character(let c) = key, let digit = c.wholeNumberValue {
            let index = digit == 0 ? 9 : digit - 1
            guard case .success(let all) = app.scenarios, all.indices.contains(index) else { return .stay }
            app.begin(scenario: index)
            choosing = false
            return .stay
        }
        guard !choosing, var lesson = app.lesson, let scenario = app.scenario else { return key == .enter ? .back : .stay }
        switch key {
        case .left, .pageUp, .up:
            lesson.step = max(0, lesson.step - 1)
            lesson.showsAnswer = false
        case .right, .pageDown, .down:
            lesson.step = min(scenario.steps.count - 1, lesson.step + 1)
            lesson.showsAnswer = false
        case .character("a"), .character("A"):
            // The answer is the trainer's to give.
            guard app.desk?.account.role == .trainer else {
                app.say(app.catalogue("training.answer.trainer"), error: true)
                return .stay
            }
            lesson.showsAnswer.toggle()
        case .character("h"), .character("H"):
            lesson.isVisible.toggle()
        case .character("l"), .character("L"):
            choosing = true
        case .enter:
            return .back
        default:
            break
        }
        app.lesson = lesson
        return .stay
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        var y = area.y
        guard !choosing, let lesson = app.lesson, let scenario = app.scenario else {
            y += screen.paragraph(app.catalogue("training.list.hint"), x: area.x, y: y, width: area.width, maxRows: 2, role: .hint) + 1
            for (index, scenario) in ((try? app.scenarios.get()) ?? []).enumerated() where y < area.maxY {
                let number = index == 9 ? "0" : String(index + 1)
                let mark = app.lesson?.scenario == index ? " *" : ""
                screen.put(number + ". " + app.catalogue(scenario.title) + mark, x: area.x, y: y, role: .normal, limit: area.width)
                y += 1
            }
            return nil
        }
        y += screen.paragraph(app.catalogue(scenario.title), x: area.x, y: y, width: area.width, maxRows: 2, role: .title)
        y += screen.paragraph(app.catalogue(scenario.story), x: area.x, y: y, width: area.width, maxRows: 3, role: .normal) + 1
        let keysRow = area.maxY - 1
        for (index, step) in scenario.steps.enumerated() where y < keysRow - 1 {
            let done = lesson.done.indices.contains(index) && lesson.done[index]
            let line = app.catalogue(done ? "training.done" : "training.todo") + " " + String(index + 1) + ". " + app.catalogue(step.hint)
            y += screen.paragraph(line, x: area.x, y: y, width: area.width, maxRows: index == lesson.step ? 3 : 1, indent: 2,
                                  role: index == lesson.step ? .selection : .normal)
        }
        if !lesson.done.isEmpty, !lesson.done.contains(false), y < keysRow - 1 {
            y += screen.paragraph(app.catalogue("training.finished"), x: area.x, y: y + 1, width: area.width, maxRows: 1, role: .label) + 1
        }
        if lesson.showsAnswer, scenario.steps.indices.contains(lesson.step), y < keysRow - 1 {
            screen.paragraph(app.catalogue("training.answer", app.catalogue(scenario.steps[lesson.step].answer)), x: area.x, y: y + 1,
                             width: area.width, maxRows: max(1, keysRow - y - 1), role: .label)
        }
        screen.paragraph(app.catalogue("training.keys"), x: area.x, y: keysRow, width: area.width, maxRows: 1, role: .hint)
        return nil
    }
}
