import CellText
import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit

/// The clerk's desk: a stack of panels under a fixed frame (hall, operator, date, the pinned citizen, the message
/// line, the key bar), driven by terminal events.
public final class DeskApp {
    public let terminal: any Terminal
    public let resources: DeskResources
    public let catalogue: Catalogue
    /// The store the desk works on; F9 on the first-run screen moves it to the training store beside.
    public internal(set) var storePath: String
    var clock: any BusinessClock
    /// Whether the store is a training store, known before anyone logs in (the mark shows on the login screen too).
    private(set) var isTrainingStore = false
    /// The training scenario on show, on a training store.
    var lesson: TrainingSession?
    /// The training store's scenarios, read once when first wanted.
    lazy var scenarios: Result<[Scenario], Error> = Result { try resources.scenarios() }
    let counter: String
    /// Where printouts go: the `lp` queue of `--printer` or `GUITAI_PRINTER`, else files in the receipts folder.
    public var printer = Printer(queue: nil)
    /// Block characters for charts, or ASCII (`GUITAI_ASCII`, the Linux console).
    public var chartStyle = BarChart.Style.blocks

    /// The logged-in session; nil before login.
    var desk: Desk?
    /// The citizen being served, pinned across procedures.
    var citizen: PersonDetails?
    /// One line of hint or error in plain words.
    var message: (text: String, isError: Bool)?
    var stack: [any Panel] = []
    /// Half-filled forms kept by citizen (ID number, "" before one is pinned) and procedure, so a trip to another
    /// screen or to another citizen and back loses nothing. The last `parkedCitizens` citizens are kept.
    private var parked: [String: (name: String, panels: [String: any Panel])] = [:]
    private var parkedOrder: [String] = []
    static let parkedCitizens = 20
    var running = true

    /// Idle time before the screen locks itself, and the time counted so far (advanced by ticks, so tests can drive it).
    let lockAfterMilliseconds: Int
    private var idleMilliseconds = 0
    static let tickMilliseconds = 250

    public init(terminal: any Terminal, resources: DeskResources, catalogue: Catalogue, storePath: String,
                clock: any BusinessClock, counter: String = "1", lockAfterMinutes: Int = 5, training: Bool = false) {
        self.terminal = terminal
        self.resources = resources
        self.catalogue = catalogue
        self.storePath = storePath
        self.clock = clock
        self.counter = counter
        self.lockAfterMilliseconds = min(max(lockAfterMinutes, 1), 24 * 60) * 60_000
        let exists = FileManager.default.fileExists(atPath: storePath)
        let first: any Panel = exists ? LoginPanel() : training ? TrainingSetupPanel() as any Panel : FirstRunPanel(resources: resources)
        stack = [first]
        isTrainingStore = DeskApp.isTraining(storePath, toBeMade: training)
    }

    /// Whether the store at a path is a training store: what the file says when there is one (a real store is never
    /// marked as training, whatever opened it), else whether the store to be made is one.
    private static func isTraining(_ path: String, toBeMade training: Bool) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return training }
        return (try? Store.inspect(at: path).isTraining) ?? false
    }

    /// Moves the desk to the training store beside the hall's (F9 on the first-run screen), on the classroom date: its
    /// login, or the form that makes it.
    func switchToTraining() -> any Panel {
        storePath = TrainingStore.path(besides: storePath)
        clock = SystemClock(businessDate: TrainingStore.classroomDate)
        isTrainingStore = DeskApp.isTraining(storePath, toBeMade: true)
        return FileManager.default.fileExists(atPath: storePath) ? LoginPanel() : TrainingSetupPanel()
    }

    /// Runs until the clerk quits or the terminal goes away.
    public func run() {
        var needsDraw = true
        while running {
            if needsDraw { draw() }
            let event = terminal.nextEvent(milliseconds: DeskApp.tickMilliseconds)
            let before = stack.count
            handle(event)
            // An idle tick redraws only when it changed something (the lock): no queries four times a second.
            needsDraw = event != .tick || stack.count != before
        }
    }

    func handle(_ event: Event) {
        switch event {
        case .hangup:
            running = false
        case .resize:
            break
        case .tick:
            idleMilliseconds += DeskApp.tickMilliseconds
            if desk != nil, idleMilliseconds >= lockAfterMilliseconds, !(stack.last is LockPanel) {
                stack.append(LockPanel(manual: false))
            }
        case .key(let key):
            idleMilliseconds = 0
            messageIsFresh = false
            // Below the minimum size the clerk sees only the size: a key may not act on what is not shown, but quitting.
            guard DeskApp.fits(width: terminal.width, height: terminal.height) else {
                if GlobalKey(key, takesText: true) == .quit { requestQuit() } else if key == .escape, stack.last is QuitPanel {
                    stack.removeLast()
                }
                return
            }
            handle(key)
            // What another counter wrote shows on the next screen drawn: the citizen is read again after the keys that
            // open, close or confirm a screen (not after typing or moving in a list, which show nothing new). A write at a
            // confirmation is one of them: the panels that write leave the re-reading to this one place.
            if desk != nil, citizen != nil, !(stack.last?.isGate ?? true), DeskApp.changesScreen(key) { refreshCitizen() }
            if lesson != nil, DeskApp.changesScreen(key) { followLesson() }
        }
    }

    private func handle(_ key: Key) {
        if stack.last?.isGate == true {
            switch GlobalKey(key, takesText: true) {
            case .quit: requestQuit()
            case .help:
                if !(stack.last is HelpPanel) { stack.append(HelpPanel(for: stack.last?.titleKey ?? "login.title", isGate: true)) }
            default:
                if key == .escape && (stack.last is HelpPanel || stack.last is QuitPanel) { stack.removeLast() } else { deliver(key) }
            }
            return
        }
        if let global = GlobalKey(key, takesText: stack.last?.takesText ?? false) {
            perform(global)
            return
        }
        if key == .escape {
            if stack[stack.count - 1].cancel() {
                message = nil
                return
            }
            if stack.count > 1 { park(stack.removeLast()) }
            message = nil
            return
        }
        deliver(key)
    }

    /// Bumped whenever the whole stack is replaced (a logout), so a panel's handler that did it is not put back.
    private var stackGeneration = 0

    /// Gives a key to the top panel, taken off the stack while it runs so it may change the desk freely.
    private func deliver(_ key: Key) {
        var top = stack.removeLast()
        let generation = stackGeneration
        let outcome = top.handle(key, app: self)
        guard generation == stackGeneration else { return }
        stack.append(top)
        apply(outcome)
    }

    func apply(_ outcome: PanelOutcome) {
        // A message belongs to the screen it was said on: moving on clears it unless the move itself said something.
        if case .stay = outcome {} else if !messageIsFresh { message = nil }
        switch outcome {
        case .stay: break
        case .back: if stack.count > 1 { stack.removeLast() }
        case .open(let panel): stack.append(panel)
        case .replace(let panel): stack[stack.count - 1] = panel
        case .committed(let receipt):
            stack[stack.count - 1] = receipt
            if stack.count > 1 {
                if stack[stack.count - 2].closesAfterCommit { stack.remove(at: stack.count - 2) } else { stack[stack.count - 2].didCommit() }
            }
        case .quit: running = false
        }
    }

    private var citizenKey: String { citizen?.person.id.value ?? "" }

    private func park(_ panel: any Panel) {
        guard panel.parksWhenLeft else { return }
        var panel = panel
        panel.willPark()
        let key = citizenKey
        parked[key, default: (citizen?.person.name ?? "", [:])].panels[panel.titleKey] = panel
        parkedOrder.removeAll { $0 == key }
        parkedOrder.append(key)
        // The oldest citizen's forms give way, unless they hold typed work (never dropped unasked).
        if parkedOrder.count > DeskApp.parkedCitizens,
           let oldest = parkedOrder.first(where: { parked[$0]?.panels.values.contains(where: \.hasUnsavedWork) != true }) {
            parked.removeValue(forKey: oldest)
            parkedOrder.removeAll { $0 == oldest }
        }
    }

    /// Takes back a registration left half-typed for this ID number, whoever was pinned when it was left.
    func unparkRegistration(of idNumber: String) -> RegisterPanel? {
        for key in parkedOrder.reversed() {
            if let kept = parked[key]?.panels["register.title"] as? RegisterPanel, kept.form[0] == idNumber {
                parked[key]?.panels.removeValue(forKey: "register.title")
                return kept
            }
        }
        return nil
    }

    /// Takes a parked panel of the current citizen back, if there is one.
    func unpark(_ titleKey: String) -> (any Panel)? { parked[citizenKey]?.panels.removeValue(forKey: titleKey) }

    /// Typed work not yet written, as "procedure (citizen)" for the quit question: the screens open and parked.
    var unsavedWork: [String] {
        func work(_ titleKey: String, _ name: String?) -> String {
            guard let name, !name.isEmpty else { return catalogue(titleKey) }
            return catalogue("quit.work", catalogue(titleKey), name)
        }
        let open = stack.filter(\.hasUnsavedWork).map { work($0.titleKey, citizen?.person.name) }
        let kept = parked.values.flatMap { entry in entry.panels.values.filter(\.hasUnsavedWork).map { work($0.titleKey, entry.name) } }
        return open + kept.sorted()
    }

    /// F10: quits at once, or asks first when typed work would be lost (a second F10 or Enter quits). Over a gate
    /// (the lock) the question names no one and opens nothing behind it.
    private func requestQuit() {
        if stack.last is QuitPanel || unsavedWork.isEmpty {
            running = false
        } else {
            stack.append(QuitPanel(isGate: stack.last?.isGate ?? false))
        }
    }

    /// Opens a procedure's panel, restoring the half-filled one when there is one.
    private func open(_ titleKey: String, _ make: () -> any Panel) {
        if let index = stack.firstIndex(where: { $0.titleKey == titleKey }) {
            // The procedure's own key on its own screen goes back to its start (the list of actions), as Esc would.
            if index == stack.count - 1 { _ = stack[index].cancel() }
            stack[(index + 1)...].forEach(park)
            stack.removeSubrange((index + 1)...)
            return
        }
        stack.dropFirst().forEach(park)
        stack = [stack[0]] + [unpark(titleKey) ?? make()]
    }

    private func perform(_ key: GlobalKey) {
        // A new procedure starts with a clean message line.
        message = nil
        switch key {
        case .help:
            if !(stack.last is HelpPanel) { stack.append(HelpPanel(for: stack.last?.titleKey ?? "home.title", isGate: false)) }
        // A fresh search: the next citizen's number goes into an empty field.
        case .find:
            stack.dropFirst().forEach(park)
            stack = [HomePanel()]
        case .enrol: open("enrol.title") { EnrolPanel() }
        case .settle: open("settle.title") { SettlePanel() }
        case .card: open("ecard.title") { ProcedurePanels.card() }
        case .certify: open("certify.title") { ProcedurePanels.certification() }
        case .receipts: open("receipts.title") { ReceiptsPanel() }
        // F7 is the administrator's operators list, and everyone else's outreach.
        case .operators:
            if f7OpensOperators { open("operators.title") { OperatorsPanel() } } else { open("outreach.title") { OutreachPanel() } }
        case .scenarios:
            guard isTrainingStore else { return say(catalogue("training.none"), error: true) }
            if case .failure(let error) = scenarios { return say(error) }
            // Straight to the lesson on show, if there is one; else the list.
            if !(stack.last is TrainingPanel) { stack.append(TrainingPanel(choosing: lesson == nil)) }
        case .lock: stack.append(LockPanel(manual: true))
        case .quit: requestQuit()
        }
    }

    /// F7 is the operators' list for an administrator and for the trainer on a training store (the room's accounts),
    /// and outreach for everyone else.
    var f7OpensOperators: Bool { desk?.account.role == .admin || (desk?.account.role == .trainer && isTrainingStore) }

    func say(_ text: String, error: Bool = false) {
        message = (text, error)
        messageIsFresh = true
    }

    /// Set when a message was said while handling the current event.
    private var messageIsFresh = false

    /// Says a form field's refusal, naming the field in the clerk's words; true when the form was submitted whole.
    func submitted(_ outcome: Form.Outcome) -> Bool {
        switch outcome {
        case .submitted: return true
        case .refused(let labelKey, let error):
            say(catalogue("field.problem", catalogue(labelKey), catalogue(error.message)), error: true)
            return false
        case .moved:
            // The field that was refused is right now: its complaint goes.
            if message?.isError == true { message = nil }
            return false
        default: return false
        }
    }

    func say(_ error: Error) {
        if let domain = error as? DomainError { say(catalogue(domain.message), error: true) } else { say("\(error)", error: true) }
    }

    /// Makes a person the current citizen, re-read so every panel sees the latest record.
    /// - Parameter parkOpen: false when the open form is the one that made this person (a registration just written),
    ///   so it is not kept as the previous citizen's unsaved work.
    func pin(_ idNumber: String, parkOpen: Bool = true) {
        guard let desk else { return }
        do {
            let found = try desk.showPerson(idNumber)
            // Forms half-filled for one citizen never carry over to the next: the open ones are parked under the
            // citizen they were typed for and start clean for the new one.
            if parkOpen, let previous = citizen, found.person.id != previous.person.id {
                for index in stack.indices.dropFirst() where stack[index].hasUnsavedWork {
                    park(stack[index])
                    stack[index].didCommit()
                }
            }
            citizen = found
        } catch {
            say(error)
        }
    }

    /// Back to the login screen: the session, the citizen and every parked form are dropped.
    func logOut() {
        desk = nil
        citizen = nil
        parked.removeAll()
        parkedOrder.removeAll()
        stack = [LoginPanel()]
        lesson = nil
        stackGeneration += 1
    }

    func refreshCitizen() { if let id = citizen?.person.id.value { pin(id) } }

    // MARK: - Drawing

    static let minimumWidth = 80
    static let minimumHeight = 24

    /// Enter, Esc, a function key or a Ctrl binding: the keys after which another screen, or the same screen after a
    /// write, is drawn.
    static func changesScreen(_ key: Key) -> Bool {
        switch key {
        case .enter, .escape, .function, .control: return true
        default: return false
        }
    }

    /// Whether a terminal of this size shows the whole desk.
    static func fits(width: Int, height: Int) -> Bool { width >= minimumWidth && height >= minimumHeight }

    func draw() {
        var screen = Screen(width: terminal.width, height: terminal.height)
        guard DeskApp.fits(width: terminal.width, height: terminal.height) else {
            // Wrapped to the window, so even 20x5 shows the size it has and the size it needs; a pending quit says
            // what it would lose first.
            let pending = stack.last is QuitPanel ? catalogue("quit.small") + " " : ""
            screen.paragraph(pending + catalogue("small.screen", String(terminal.width), String(terminal.height)), x: 0, y: 0,
                             width: screen.width, maxRows: screen.height, role: .error)
            terminal.show(screen, cursor: nil)
            return
        }
        let cursor = render(on: &screen)
        terminal.show(screen, cursor: cursor)
    }

    /// Renders the current frame without showing it (benchmarks, screen captures for the guide).
    public func frame(width: Int, height: Int) -> Screen {
        var screen = Screen(width: width, height: height)
        _ = render(on: &screen)
        return screen
    }

    /// Logs an operator in at this window (recorded in the security log) and opens the desk's home screen, saying
    /// the catalogue's `message`: the login, the first-run and the training set-up forms end here.
    /// - Throws: the store's and the login's refusals; nothing changes on the desk then.
    func startSession(operatorID: String, password: String, saying message: String) throws -> PanelOutcome {
        desk = try Desk.open(storePath: storePath, operatorID: operatorID, password: password, clock: clock, counter: counter,
                             resources: resources, interactive: true)
        say(catalogue(message))
        return .replace(HomePanel())
    }

    /// Logs an operator in without the login screen (benchmarks and scripted demonstrations).
    public func logIn(operatorID: String, password: String) throws {
        desk = try Desk.open(storePath: storePath, operatorID: operatorID, password: password, clock: clock, counter: counter,
                             resources: resources)
        stack = [HomePanel()]
    }

    /// Pins a citizen by ID number, as a search and Enter would.
    public func pinCitizen(_ idNumber: String) { pin(idNumber) }

    /// Renders the whole frame into a screen; tests call it directly.
    func render(on screen: inout Screen) -> (x: Int, y: Int)? {
        let width = screen.width, height = screen.height
        screen.fill(Rect(x: 0, y: 0, width: width, height: 1), role: .title)
        // The header: hall, window, operator, business date, and the training mark. A long hall name gives way
        // (cut, marked) so the operator and the date always show. Two spaces part them: `·` is ambiguous-width.
        var room = width - 2
        // Marks from the right: training, and on a laptop which one, the days since checkout, what waits to go home.
        var marks: [String] = []
        if isTrainingStore { marks.append(catalogue("mode.training")) }
        // A closed business day says so before anyone types a whole form the store will refuse.
        if desk?.isDayClosed() == true { marks.append(catalogue("mode.closed")) }
        if let trip = try? desk?.outreachTrip() {
            // The day of the trip counts from 1, the day of the checkout.
            marks.append(catalogue("mode.outreach", trip.device, String(trip.days + 1), String(trip.waiting)))
        }
        for mark in marks {
            screen.put(mark, x: 1 + room - DisplayWidth.of(mark), y: 0, role: .watermark)
            room -= DisplayWidth.of(mark) + 2
        }
        if let d = desk {
            let rest = "  " + [catalogue("top.window", counter), catalogue(d.account.role.label) + " " + d.account.name, d.today.iso]
                .joined(separator: "  ")
            let hallWidth = screen.put(d.store.hall.name, x: 1, y: 0, role: .title, limit: max(1, room - DisplayWidth.of(rest)))
            screen.put(rest, x: 1 + hallWidth, y: 0, role: .title, limit: room - hallWidth)
        } else {
            screen.put(catalogue("app.title"), x: 1, y: 0, role: .title, limit: room)
        }
        // Behind the lock nobody's name shows.
        if stack.contains(where: { $0 is LockPanel }) {
            screen.put(catalogue("locked.title"), x: 1, y: 1, role: .hint, limit: width - 2)
        } else {
            screen.put(citizenLine(), x: 1, y: 1, role: citizen == nil ? .hint : .label, limit: width - 2)
        }
        // ASCII, not U+2500: box-drawing characters are ambiguous-width and run double on CJK-mode terminals.
        screen.put(String(repeating: "-", count: width), x: 0, y: 2, role: .normal)
        // A training scenario stands beside the procedure on a large screen, and folds into the rule on a small one.
        let side = lessonWidth(width: width, height: height)
        if side > 0 { renderLessonBeside(on: &screen, x: width - side, height: height) } else { renderLessonLine(on: &screen, width: width) }
        let mainWidth = width - side
        let area = Rect(x: 1, y: 3, width: mainWidth - 2, height: height - 6)
        guard let panel = stack.last else { return nil }
        screen.put(catalogue(panel.titleKey), x: 1, y: 3, role: .title)
        let content = panel.usesFullWidth ? Rect(x: 0, y: 5, width: mainWidth, height: area.height - 2)
                                          : Rect(x: 1, y: 5, width: area.width, height: area.height - 2)
        let cursor = panel.render(on: &screen, in: content, app: self)
        // The message line: what was said, else the panel's own status; two rows when it needs them, never cut.
        if let shown = message ?? panel.status(app: self) {
            // Its beginning (the field it names) always shows; a third row's worth is cut and marked.
            let rows = min(2, DisplayWidth.wrap(shown.text, width: mainWidth - 2, indent: 2).count)
            screen.fill(Rect(x: 0, y: height - 1 - rows, width: mainWidth, height: rows), role: .normal)
            screen.paragraph(shown.text, x: 1, y: height - 1 - rows, width: mainWidth - 2, maxRows: 2, indent: 2,
                             role: shown.isError ? .error : .hint)
        }
        screen.fill(Rect(x: 0, y: height - 1, width: screen.width, height: 1), role: .keyBar)
        // The keys of the work this operator does: an administrator's desk is the operators' list.
        // Before a session (login, first run, the lock) only help and quitting work, and only they are offered.
        // On a training store F11 is the scenarios.
        var keys = (stack.last?.isGate == true ? ["key.help", "key.quit"]
                    : desk?.account.role == .admin ? ["key.help", "key.operators", "key.lock", "key.quit"]
                    : ["key.help", "key.enrol", "key.card", "key.certify", "key.settle", "key.find", f7OpensOperators ? "key.operators" : "key.outreach",
                       "key.receipts"] + (isTrainingStore ? ["key.scenarios"] : []) + ["key.quit"])
            .map { catalogue($0) }
        // Outreach (F7), then the scenarios (F11), give way when the bar would not fit (English at 80 columns); the keys
        // work and help lists them.
        for optional in ["key.outreach", "key.operators", "key.scenarios"] where DisplayWidth.of(" " + keys.joined(separator: " ")) > screen.width
            && keys.count > 4 {
            keys.removeAll { $0 == catalogue(optional) }
        }
        screen.put(" " + keys.joined(separator: " "), x: 0, y: height - 1, role: .keyBar, limit: screen.width)
        return cursor
    }

    private func citizenLine() -> String {
        guard let c = citizen else { return catalogue("citizen.none") }
        let p = c.person
        return catalogue("citizen.line", p.name, p.id.masked, catalogue(p.id.sex.label), String(c.age), c.place.shortName)
    }
}
