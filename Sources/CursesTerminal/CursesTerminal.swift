import CNcursesw
import Foundation
import TerminalKit

/// The real terminal: the only code that imports the ncurses shim. All curses calls happen on the thread that
/// runs the desk's loop.
public final class CursesTerminal: Terminal {
    public private(set) var width: Int
    public private(set) var height: Int
    private let color: Bool
    private var previous: Screen?
    private var quickErrors = 0
    private var closed = false

    /// Why the terminal could not start, in words that say what to set.
    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Starts curses: a UTF-8 locale (falling back to C.UTF-8), raw keys with flow control off (Ctrl-S freezes
    /// nothing), keypad on, and a short ESCDELAY so Esc answers at once instead of after the default second.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        setlocale(LC_ALL, "")
        if !CursesTerminal.localeIsUTF8() {
            setlocale(LC_ALL, "C.UTF-8")
            guard CursesTerminal.localeIsUTF8() else {
                throw StartError(description: "The terminal's locale is not UTF-8 and C.UTF-8 is not installed: set LANG=C.UTF-8 (or zh_CN.UTF-8) and start again")
            }
        }
        // Before curses takes the terminal, so a signal at any moment after ends the loop rather than the process.
        guitai_install_signal_handlers()
        // 25 ms tells a lone Esc from the start of an arrow key's sequence over SSH without a noticeable wait.
        set_escdelay(25)
        guard initscr() != nil else { throw StartError(description: "The terminal could not be initialised: check TERM") }
        raw()
        noecho()
        nonl()
        keypad(guitai_stdscr(), true)
        // Every common form of the editing and function keys, whatever TERM says (PuTTY claims xterm, sends ESC [1~).
        for form in EscapeSequence.commonForms {
            if let code = CursesTerminal.keyCode(form.key) { _ = define_key("\u{1b}" + form.tail, code) }
        }
        color = environment["NO_COLOR"] == nil && has_colors()
        if color {
            start_color()
            use_default_colors()
            init_pair(1, Int16(COLOR_WHITE), Int16(COLOR_BLUE))
            init_pair(2, Int16(COLOR_RED), -1)
            init_pair(3, Int16(COLOR_CYAN), -1)
            init_pair(4, Int16(COLOR_MAGENTA), -1)
            init_pair(5, Int16(COLOR_BLACK), Int16(COLOR_CYAN))
            init_pair(6, Int16(COLOR_GREEN), -1)
        }
        width = Int(guitai_cols())
        height = Int(guitai_lines())
    }

    private static func localeIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Puts the terminal back as it was. Safe to call twice.
    public func close() {
        guard !closed else { return }
        closed = true
        endwin()
    }

    deinit { close() }

    public func nextEvent(milliseconds: Int) -> Event {
        if guitai_take_signal() != 0 { return .hangup }
        wtimeout(guitai_stdscr(), Int32(milliseconds))
        var character: wint_t = 0
        let started = Date()
        let result = wget_wch(guitai_stdscr(), &character)
        if guitai_take_signal() != 0 { return .hangup }
        if result == ERR {
            // A read that fails at once, again and again, means the terminal is gone (a dropped SSH session
            // without SIGHUP): leave rather than spin.
            if Date().timeIntervalSince(started) * 1000 < Double(milliseconds) / 4 {
                quickErrors += 1
                if quickErrors > 20 { return .hangup }
            } else {
                quickErrors = 0
            }
            return .tick
        }
        quickErrors = 0
        if result == guitai_key_code_yes() { return decodeKeyCode(Int32(character)) }
        if character == 27 { return readEscape() }
        return .key(decodeCharacter(UInt32(character)))
    }

    /// After ESC: a sequence ncurses did not know is read to its end and decoded, or ignored when it names no key the
    /// desk uses, so its characters never land in a field. A lone Esc (nothing follows) is the Esc key.
    private func readEscape() -> Event {
        var tail: [Character] = []
        while true {
            switch EscapeSequence.read(tail) {
            case .notASequence:
                if let first = tail.first, let scalar = first.unicodeScalars.first { _ = unget_wch(wchar_t(scalar.value)) }
                return .key(.escape)
            case .complete(let key):
                return key.map { .key($0) } ?? .tick
            case .incomplete:
                wtimeout(guitai_stdscr(), 25)
                var next: wint_t = 0
                let result = wget_wch(guitai_stdscr(), &next)
                if result == ERR { return tail.isEmpty ? .key(.escape) : .tick }
                if result == guitai_key_code_yes() { return decodeKeyCode(Int32(next)) }
                tail.append(Character(UnicodeScalar(UInt32(next)) ?? "?"))
            }
        }
    }

    /// The ncurses key code a decoded key is taught as.
    private static func keyCode(_ key: Key) -> Int32? {
        switch key {
        case .up: return KEY_UP
        case .down: return KEY_DOWN
        case .left: return KEY_LEFT
        case .right: return KEY_RIGHT
        case .home: return KEY_HOME
        case .end: return KEY_END
        case .insert: return KEY_IC
        case .delete: return KEY_DC
        case .pageUp: return KEY_PPAGE
        case .pageDown: return KEY_NPAGE
        case .backTab: return KEY_BTAB
        case .function(let n): return guitai_key_f(Int32(n))
        default: return nil
        }
    }

    private func decodeKeyCode(_ code: Int32) -> Event {
        if code == guitai_key_resize() {
            width = Int(guitai_cols())
            height = Int(guitai_lines())
            previous = nil
            return .resize(width: width, height: height)
        }
        for n in 1...12 where code == guitai_key_f(Int32(n)) { return .key(.function(n)) }
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_FIND: return .key(.home)
        case KEY_SELECT: return .key(.end)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        default: return .tick
        }
    }

    private func decodeCharacter(_ value: UInt32) -> Key {
        switch value {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 1...26: return .control(Character(UnicodeScalar(UInt8(value + 96))))
        default: return .character(Character(UnicodeScalar(value) ?? "?"))
        }
    }

    public func show(_ screen: Screen, cursor: (x: Int, y: Int)?) {
        if previous == nil { wclear(guitai_stdscr()) }
        for y in screen.changedRows(since: previous) where y < height {
            for x in 0..<min(screen.width, width) {
                let cell = screen[x, y]
                if cell.isContinuation { continue }
                _ = guitai_put_cell(Int32(y), Int32(x), cell.text, attributes(cell.role))
            }
        }
        previous = screen
        if let cursor {
            curs_set(1)
            move(Int32(cursor.y), Int32(cursor.x))
        } else {
            curs_set(0)
        }
        refresh()
    }

    /// The theme: colour where the terminal has it and NO_COLOR is unset; otherwise bold, reverse and underline,
    /// so meaning never rests on colour alone.
    private func attributes(_ role: CellRole) -> attr_t {
        let bold = guitai_a_bold(), reverse = guitai_a_reverse(), underline = guitai_a_underline()
        switch role {
        case .normal, .label: return guitai_a_normal()
        case .title: return color ? guitai_color_pair(1) | bold : reverse | bold
        case .field: return underline
        case .focusedField: return color ? guitai_color_pair(5) : reverse
        case .selection: return reverse
        case .hint: return color ? guitai_color_pair(3) : guitai_a_normal()
        case .error: return color ? guitai_color_pair(2) | bold : bold | underline
        case .amount: return bold
        case .keyBar: return reverse
        case .watermark: return color ? guitai_color_pair(4) | bold : bold
        case .chart: return color ? guitai_color_pair(6) : guitai_a_normal()
        }
    }
}
