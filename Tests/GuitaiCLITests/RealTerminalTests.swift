import Foundation
import Testing

/// The desk in a real terminal: a private tmux server runs `guitai`, types as a clerk would, resizes, quits and
/// sends SIGTERM; afterwards `stty -a` in the same pane must show the terminal restored (canonical mode, echo on).
@Suite(.serialized) struct RealTerminalTests {
    final class Tmux {
        let socket = "guitai-test-\(UUID().uuidString.prefix(8))"
        let directory: String

        struct Missing: Error, CustomStringConvertible {
            var description: String { "tmux is not installed: these tests cannot run here (make deps installs it)" }
        }

        init(command: String, directory: String) throws {
            self.directory = directory
            guard ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].contains(where: FileManager.default.isExecutableFile) else {
                throw Missing()
            }
            try run(["new-session", "-d", "-s", "desk", "-x", "80", "-y", "24",
                     command + "; stty -a > \(directory)/stty.txt 2>&1; echo $? > \(directory)/done; sleep 60"], capture: false)
        }

        /// Runs a tmux command through /bin/sh with posix_spawn and waitpid. Foundation's Process is not used here:
        /// the tmux server forks from the first client and would hold any pipe it inherited open for ever.
        @discardableResult
        func run(_ arguments: [String], capture: Bool = true) throws -> String {
            let output = directory + "/tmux-out-\(UUID().uuidString.prefix(6))"
            let quoted = (["tmux", "-L", socket] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            let command = quoted.joined(separator: " ") + " < /dev/null > " + (capture ? output : "/dev/null") + " 2>/dev/null"
            _ = spawn(["/bin/sh", "-c", command])
            guard capture else { return "" }
            defer { try? FileManager.default.removeItem(atPath: output) }
            return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        }

        func keys(_ keys: String...) throws { try run(["send-keys", "-t", "desk"] + keys) }
        func text(_ text: String) throws { try run(["send-keys", "-t", "desk", "-l", text]) }
        func screen() throws -> String { try run(["capture-pane", "-p", "-t", "desk"]) }

        /// Waits until the screen shows `needle` (or the time runs out) and returns the screen.
        func waitFor(_ needle: String, seconds: Double = 15) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if last.contains(needle) { return last }
                usleep(100_000)
            }
            return last
        }

        func waitForExit(seconds: Double = 15) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if FileManager.default.fileExists(atPath: directory + "/done") { return true }
                usleep(100_000)
            }
            return false
        }

        var sttyAfterwards: String { (try? String(contentsOfFile: directory + "/stty.txt", encoding: .utf8)) ?? "" }

        deinit { _ = try? run(["kill-server"], capture: false) }
    }

    private func hall() throws -> (CLI, String) {
        let cli = try CLI.hall()
        let command = "env -u LC_ALL -u LC_MESSAGES -u LANGUAGE GUITAI_STORE=\(cli.store) GUITAI_TODAY=2023-06-01 LANG=C.UTF-8 TERM=xterm-256color \(CLI.binary)"
        return (cli, command)
    }

    private func sane(_ stty: String) -> Bool {
        let words = Set(stty.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }).map(String.init))
        return words.contains("icanon") && words.contains("echo") && !words.contains("-icanon") && !words.contains("-echo")
    }

    @Test func startLogInResizeStormAndQuitLeaveTheTerminalSane() throws {
        let (cli, command) = try hall()
        try CLI.seedPerson(cli)
        let tmux = try Tmux(command: command, directory: cli.directory)
        #expect(try tmux.waitFor("操作员登录").contains("操作员编号"))
        try tmux.text("zhuoma"); try tmux.keys("Enter"); try tmux.text("clerk-password"); try tmux.keys("Enter")
        #expect(try tmux.waitFor("1号窗口", seconds: 30).contains("1号窗口  经办员 卓玛  2023-06-01"))
        try tmux.text("zxpc"); try tmux.keys("Enter")
        #expect(try tmux.waitFor("540102********", seconds: 30).contains("扎西·平措"))
        // A resize storm, ending below 80x24 and then back.
        for (w, h) in [(100, 30), (60, 20), (132, 43), (81, 24), (70, 22), (80, 24)] {
            try tmux.run(["resize-window", "-t", "desk", "-x", String(w), "-y", String(h)])
        }
        try tmux.run(["resize-window", "-t", "desk", "-x", "60", "-y", "20"])
        #expect(try tmux.waitFor("太小").contains("60x20"))
        try tmux.run(["resize-window", "-t", "desk", "-x", "90", "-y", "26"])
        #expect(try tmux.waitFor("扎西·平措").contains("F1帮助"))
        // Esc answers at once, and F10 quits.
        try tmux.keys("F10")
        #expect(tmux.waitForExit())
        #expect(sane(tmux.sttyAfterwards), "\(tmux.sttyAfterwards)")
    }

    @Test func sigtermLeavesTheTerminalSane() throws {
        let (cli, command) = try hall()
        let tmux = try Tmux(command: command, directory: cli.directory)
        _ = try tmux.waitFor("操作员登录")
        let pids = try tmux.run(["list-panes", "-t", "desk", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(spawn(["/usr/bin/pkill", "-TERM", "-P", pids, "-f", "guitai"]) == 0)
        #expect(tmux.waitForExit())
        #expect(sane(tmux.sttyAfterwards), "\(tmux.sttyAfterwards)")
    }
}

/// The processes whose environment holds `marker`, read from /proc (no pgrep needed).
func processes(carrying marker: String) -> [Int32] {
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return entries.compactMap { entry -> Int32? in
        guard let pid = Int32(entry), pid != getpid(),
              let environment = FileManager.default.contents(atPath: "/proc/\(entry)/environ") else { return nil }
        return environment.split(separator: 0).contains { String(decoding: $0, as: UTF8.self).hasPrefix(marker + "=") } ? pid : nil
    }
}

/// Runs a program and waits for it with posix_spawn and waitpid; returns its exit status.
@discardableResult
func spawn(_ arguments: [String]) -> Int32 {
    var pid: pid_t = 0
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    guard posix_spawn(&pid, arguments[0], nil, nil, &argv, environ) == 0 else { return -1 }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    return (status >> 8) & 0xff
}

extension RealTerminalTests {
    /// A dropped session: tmux kills the window, the pane's processes get SIGHUP; the desk must exit, not spin.
    @Test func aDroppedSessionEndsTheDeskInsteadOfLeavingItSpinning() throws {
        let (cli, command) = try hall()
        let marker = "GUITAI_DROP_\(UUID().uuidString.prefix(8))"
        let tmux = try Tmux(command: "env \(marker)=1 " + command, directory: cli.directory)
        _ = try tmux.waitFor("操作员登录")
        // The way of finding the desk must find it while it runs, or the check below would pass for nothing.
        #expect(!processes(carrying: marker).isEmpty, "the running desk was not found in /proc: this check cannot run here")
        try tmux.run(["kill-server"], capture: false)
        let deadline = Date().addingTimeInterval(10)
        var running = true
        while Date() < deadline {
            running = !processes(carrying: marker).isEmpty
            if !running { break }
            usleep(200_000)
        }
        #expect(!running, "the desk kept running after its terminal went away")
    }
}

extension RealTerminalTests {
    /// Whether a pane's escape sequences set any foreground or background colour.
    private func usesColour(_ escaped: String) -> Bool {
        escaped.range(of: #"\x1b\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]"#, options: .regularExpression) != nil
    }

    @Test func noColorGivesMonochromeAndACLocaleFallsBackToUTF8() throws {
        let (cli, _) = try hall()
        // The environment running the tests may itself set NO_COLOR: the coloured run unsets it.
        let base = "env -u NO_COLOR -u LC_ALL -u LC_MESSAGES -u LANGUAGE GUITAI_STORE=\(cli.store) GUITAI_TODAY=2023-06-01 TERM=xterm-256color"
        let coloured = try Tmux(command: base + " LANG=C.UTF-8 " + CLI.binary, directory: cli.directory)
        _ = try coloured.waitFor("操作员登录")
        let colouredScreen = try coloured.run(["capture-pane", "-e", "-p", "-t", "desk"])
        #expect(usesColour(colouredScreen), "\(colouredScreen.debugDescription.prefix(300))")
        let plain = try Tmux(command: base + " NO_COLOR=1 LANG=C LC_ALL=C " + CLI.binary, directory: cli.directory)
        // The C locale cannot show Chinese; the desk falls back to C.UTF-8 and still does.
        #expect(try plain.waitFor("操作员登录").contains("操作员编号"))
        let escaped = try plain.run(["capture-pane", "-e", "-p", "-t", "desk"])
        #expect(!usesColour(escaped))
        // Meaning never rests on colour alone: the title bar is still set apart (reverse video).
        #expect(escaped.contains("\u{1b}[7m") || escaped.contains(";7m"))
    }
}

extension CLI {
    /// 扎西·平措, registered by the clerk.
    static func seedPerson(_ cli: CLI) throws {
        try cli.run(["person", "add", "--id", CLI.id(birth: "19550310", sequence: 123), "--name", "扎西·平措"])
    }
}

extension RealTerminalTests {
    /// Sends raw bytes, as a terminal emulator would for a key (`1b 5b 31 7e` is PuTTY's Home).
    private func bytes(_ tmux: Tmux, _ sequence: String) throws {
        try tmux.run(["send-keys", "-t", "desk", "-H"] + sequence.utf8.map { String($0, radix: 16) })
    }

    /// Home and End as xterm (`ESC [H`, `ESC OF`) and PuTTY or rxvt (`ESC [1~`, `ESC [4~`) send them move the cursor and
    /// leave nothing in the field, whatever TERM says; PuTTY's F1 (`ESC [11~`) opens help.
    @Test func homeAndEndInTheFormsPuTTYAndXtermSendThem() throws {
        let (cli, command) = try hall()
        let tmux = try Tmux(command: command, directory: cli.directory)
        _ = try tmux.waitFor("操作员登录")
        // "huoma", Home, "z", End: zhuoma. "lerk-passwor", Home, "c", End, "d": clerk-password.
        try tmux.text("huoma"); try bytes(tmux, "\u{1b}[1~"); try tmux.text("z"); try bytes(tmux, "\u{1b}[4~")
        try tmux.keys("Enter")
        try tmux.text("lerk-passwor"); try bytes(tmux, "\u{1b}[H"); try tmux.text("c"); try bytes(tmux, "\u{1b}OF"); try tmux.text("d")
        try tmux.keys("Enter")
        let home = try tmux.waitFor("经办员 卓玛", seconds: 30)
        #expect(home.contains("经办员 卓玛"), "the login failed: Home or End did not move the cursor\n\(home)")
        #expect(!home.contains("[1~") && !home.contains("[4~"))
        try bytes(tmux, "\u{1b}[11~")
        #expect(try tmux.waitFor("帮助").contains("Ctrl-G"))
        try bytes(tmux, "\u{1b}[21~")
        #expect(tmux.waitForExit(), "PuTTY's F10 did not quit")
    }

    /// Keys typed while the window is below 80x24 act on nothing: the bill on the hidden screen is not settled and no
    /// text lands in its field.
    @Test func keysTypedWhileTheWindowIsTooSmallChangeNothing() throws {
        let (cli, command) = try hall()
        try CLI.seedPerson(cli)
        let tmux = try Tmux(command: command, directory: cli.directory)
        _ = try tmux.waitFor("操作员登录")
        try tmux.text("zhuoma"); try tmux.keys("Enter"); try tmux.text("clerk-password"); try tmux.keys("Enter")
        _ = try tmux.waitFor("经办员 卓玛", seconds: 30)
        try tmux.text("zxpc"); try tmux.keys("Enter")
        _ = try tmux.waitFor("扎西·平措", seconds: 30)
        try tmux.keys("F5"); try tmux.text("药品 B 850.80"); try tmux.keys("Enter")
        _ = try tmux.waitFor("共 1 项")
        try tmux.run(["resize-window", "-t", "desk", "-x", "60", "-y", "20"])
        _ = try tmux.waitFor("太小")
        try tmux.keys("F9"); try tmux.keys("Enter"); try tmux.text("床位费 A 100"); try tmux.keys("Enter")
        usleep(300_000)
        try tmux.run(["resize-window", "-t", "desk", "-x", "80", "-y", "24"])
        let back = try tmux.waitFor("共 1 项")
        #expect(back.contains("850.80") && !back.contains("床位费") && !back.contains("请确认"), "\(back)")
        // Quitting over the unsaved bill asks first; a second F10 quits.
        try tmux.keys("F10")
        #expect(try tmux.waitFor("尚未保存").contains("一站式结算（扎西·平措）"))
        try tmux.keys("F10")
        #expect(tmux.waitForExit())
        let shown = try cli.run(["person", "show", CLI.id(birth: "19550310", sequence: 123), "--json"])
        let settlements = try #require(shown.json["settlements"] as? [Any], "\(shown.stdout)")
        #expect(settlements.isEmpty, "a hidden screen settled the bill: \(settlements)")
    }
}
