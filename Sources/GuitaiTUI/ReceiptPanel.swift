import Foundation
import GuitaiDesk
import TerminalKit

/// A receipt or slip on screen, scrollable, printable to a file (and to the system printer through `lp` when there is one).
struct ReceiptPanel: Panel {
    let titleKey = "receipt.title"
    var takesText: Bool { false }
    var parksWhenLeft: Bool { false }
    var usesFullWidth: Bool { true }
    let name: String
    let lines: [String]
    /// What the saved copy holds when it must differ from the printout (a one-time code is printed, never kept).
    let archive: String?
    var offset = 0

    init(name: String, text: String, archive: String? = nil) {
        self.name = name
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        self.archive = archive
    }

    mutating func handle(_ key: Key, app: DeskApp) -> PanelOutcome {
        switch key {
        // Scrolling stops when the last line is on the last row (the panel's rows: the terminal less the frame).
        case .down: offset = min(max(0, lines.count - (app.terminal.height - 9)), offset + 1)
        case .up: offset = max(0, offset - 1)
        case .pageDown: offset = min(max(0, lines.count - (app.terminal.height - 9)), offset + 10)
        case .pageUp: offset = max(0, offset - 10)
        case .character("p"), .character("P"): print(app)
        case .enter: return .back
        default: break
        }
        return .stay
    }

    /// Writes the receipt beside the store, in `receipts/`, and sends it to `lp` when a printer command exists.
    private func print(_ app: DeskApp) {
        do {
            let full = lines.joined(separator: "\n") + "\n"
            let path = try ReceiptArchive.write(archive ?? full, name: name, besideStore: app.storePath,
                                                training: app.isTrainingStore)
            var printed = false
            if FileManager.default.isExecutableFile(atPath: "/usr/bin/lp") {
                // The printer gets the full receipt on its standard input; no spool file keeps it.
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/lp")
                let input = Pipe()
                process.standardInput = input
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                do {
                    try process.run()
                    input.fileHandleForWriting.write(Data(full.utf8))
                    try input.fileHandleForWriting.close()
                    process.waitUntilExit()
                    printed = process.terminationStatus == 0
                } catch {
                    printed = false
                }
            }
            // A one-time list of documents handed over is recorded: the hall can show what it told whom.
            if name.hasPrefix("notice-"), let desk = app.desk {
                try desk.recordNoticePrinted(topic: String(name.dropFirst("notice-".count)), idNumber: app.citizen?.person.id.value)
            }
            app.say(app.catalogue(printed ? "receipt.printed" : "receipt.saved", path))
        } catch {
            app.say(error)
        }
    }

    func render(on screen: inout Screen, in area: Rect, app: DeskApp) -> (x: Int, y: Int)? {
        let visible = area.height - 1
        for (index, line) in lines.dropFirst(offset).prefix(visible).enumerated() {
            screen.put(line, x: area.x, y: area.y + index, role: .normal, limit: area.width)
        }
        screen.put(app.catalogue("receipt.hint"), x: area.x, y: area.y + visible, role: .hint, limit: area.width)
        return nil
    }
}
