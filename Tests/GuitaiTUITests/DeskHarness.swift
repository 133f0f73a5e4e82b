import Foundation
import GuitaiCore
import GuitaiDesk
import GuitaiStore
import TerminalKit
import TestSupport
@testable import GuitaiTUI

/// A desk on a MemoryTerminal over a temporary hall store with a clerk (卓玛) and registered citizens.
final class DeskHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let resources = try! DeskResources(directory: root.appendingPathComponent("Resources").path)
    static let today = LocalDate(year: 2023, month: 6, day: 1)!
    static let tashi = GB11643.number(region: "540102", birth: "19550310", sequence: 123)

    let terminal: MemoryTerminal
    let app: DeskApp
    let storePath: String
    /// Whether the last events ended the desk (F10), rather than running out.
    private(set) var quit = false
    /// Every key fed so far, for counting keystrokes per procedure.
    private(set) var keystrokes = 0

    init(width: Int = 80, height: Int = 24, language: Language = .zh, createStore: Bool = true, lockMinutes: Int = 5,
         hallName: String = "拉萨市城关区社保经办大厅", existingStore: String? = nil, today: LocalDate = DeskHarness.today) throws {
        let directory = NSTemporaryDirectory() + "guitai-tui-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        storePath = existingStore ?? directory + "/guitai.sqlite"
        let clock = FixedClock(date: today)
        if createStore && existingStore == nil {
            let admin = try Desk.initialize(HallSetup(storePath: storePath, hallCode: "540102", hallName: hallName,
                                                      regionCode: "540102", adminID: "admin", adminName: "管理员", password: "admin-password"),
                                            clock: clock, resources: DeskHarness.resources)
            _ = try admin.addOperator(id: "zhuoma", name: "卓玛", role: .clerk, password: "clerk-password")
            _ = try admin.addOperator(id: "ciren", name: "次仁", role: .supervisor, password: "super-password")
            let clerk = try Desk.open(storePath: storePath, operatorID: "zhuoma", password: "clerk-password", clock: clock,
                                      resources: DeskHarness.resources)
            _ = try clerk.addPerson(PersonForm(idNumber: DeskHarness.tashi, name: "扎西·平措", phone: "13812345678",
                                               groups: ["dibao:2020-01-01"]))
            let pensioner = GB11643.number(region: "540102", birth: "19610815", sequence: 246)
            _ = try clerk.addPerson(PersonForm(idNumber: pensioner, name: "卓玛央金"))
            _ = try clerk.enrol(EnrolmentForm(idNumber: pensioner, scheme: "resident-pension", from: "2010-01-01"))
            // A pensioner since 2022-06, never certified: due on 2023-06-01, the harness's business date.
            _ = try clerk.addBenefit(idNumber: pensioner, monthly: "205", from: "2022-06")
        }
        terminal = MemoryTerminal(width: width, height: height)
        let catalogue = try Catalogue(language: language, resourcesDirectory: DeskHarness.resources.directory)
        app = DeskApp(terminal: terminal, resources: DeskHarness.resources, catalogue: catalogue, storePath: storePath,
                      clock: clock, counter: "3", lockAfterMinutes: lockMinutes)
    }

    /// A small training store (the scenarios' cast and 20 synthetic people), made once for all the tests; its trainer's
    /// password is `trainer-password`.
    private static let trainingTemplate = Result { () throws -> String in
        let path = NSTemporaryDirectory() + "guitai-tui-training-" + UUID().uuidString + "/guitai-training.sqlite"
        _ = try TrainingStore.reset(at: path, password: "trainer-password", resources: resources, population: 20)
        return path
    }

    /// A desk on a copy of the training store, on the classroom date, at the login screen.
    static func training(width: Int = 80, height: Int = 24, language: Language = .zh) throws -> DeskHarness {
        let directory = NSTemporaryDirectory() + "guitai-tui-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/guitai-training.sqlite"
        try FileManager.default.copyItem(atPath: try trainingTemplate.get(), toPath: path)
        return try DeskHarness(width: width, height: height, language: language, existingStore: path, today: TrainingStore.classroomDate)
    }

    /// Feeds events and runs the loop until they are used up; returns the last frame as text.
    @discardableResult
    func send(_ events: [Event]) -> String {
        keystrokes += events.filter { if case .key = $0 { true } else { false } }.count
        // A tick after the events: left unread only when the loop ended on a key (the clerk quit).
        terminal.feed(events + [.tick])
        app.running = true
        app.run()
        quit = terminal.drain() > 0
        return screen
    }

    /// The last business transaction on the store: what the keys did, read from the store rather than the screen.
    func lastTransaction() throws -> JournalEntry? { try app.desk?.store.read { try $0.journal() }.last }

    /// Whether a screen is the receipt of a transaction: the receipt panel's title on its title row and the serial
    /// on a line of its own (the key bar's F8 also says 回执, so the word alone proves nothing).
    func isReceipt(_ screen: String, of entry: JournalEntry?) -> Bool {
        guard let entry else { return false }
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return rows.count > 3 && rows[3].trimmingCharacters(in: .whitespaces) == app.catalogue("receipt.title")
            && rows.contains { $0.contains(entry.serial) }
    }

    @discardableResult
    func keys(_ keys: Key...) -> String { send(keys.map { .key($0) }) }

    @discardableResult
    func type(_ text: String) -> String { send(text.map { .key(.character($0)) }) }

    /// The frame as the clerk sees it now.
    var screen: String { frame?.text ?? terminal.lastText }

    /// The frame with its cells' roles, nil when the window is below the desk's minimum size.
    var frame: Screen? {
        guard DeskApp.fits(width: terminal.width, height: terminal.height) else { return nil }
        var frame = Screen(width: terminal.width, height: terminal.height)
        _ = app.render(on: &frame)
        return frame
    }

    /// What each cell means, one letter a cell (space for plain text), trailing spaces removed: the selected row
    /// (S), errors (E), the focused field (F), and the rest, so a fixture holds what colour and reverse video say.
    var roles: String {
        guard let frame else { return "" }
        let letters: [CellRole: Character] = [.normal: " ", .title: "T", .label: "l", .field: "f", .focusedField: "F",
                                              .selection: "S", .hint: "h", .error: "E", .amount: "a", .keyBar: "k", .watermark: "W", .chart: "c"]
        return (0..<frame.height).map { y in
            var line = ""
            for x in 0..<frame.width { line.append(letters[frame[x, y].role] ?? "?") }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    func resetCount() { keystrokes = 0 }

    /// A desk with 卓玛 logged in and 扎西·平措 found and pinned (`zxpc`, Enter): where most procedures start.
    static func withTashi(language: Language = .zh) throws -> DeskHarness {
        let desk = try DeskHarness(language: language)
        desk.login()
        desk.type("zxpc"); desk.keys(.enter)
        return desk
    }

    /// Logs 卓玛 in: 14 keys of id and password plus two Enters.
    func login() {
        type("zhuoma"); keys(.enter); type("clerk-password"); keys(.enter)
    }
}
