import Foundation

/// Runs the built `guitai` binary the way a hall's script would, on a store in a temporary directory.
struct CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary: String = {
        if let explicit = ProcessInfo.processInfo.environment["GUITAI_BIN"] { return explicit }
        return root.appendingPathComponent(".build/debug/guitai").path
    }()

    let directory: String
    var store: String { storeOverride ?? cityStore ?? directory + "/hall.sqlite" }
    /// The store in the city's database when the suite runs on PostgreSQL (`onPostgres`), nil on files.
    let cityStore: String?
    var today = "2023-06-01"
    /// Another path as `GUITAI_STORE` (a directory, a foreign file).
    var storeOverride: String?
    /// The password every operator types instead of their own (a wrong one, a reset one).
    var passwordOverride: String?
    /// Runs the binary as this user through `runuser` (root can write any file, so read-only tests need another user).
    var runAs: String?

    init() {
        directory = NSTemporaryDirectory() + "guitai-cli-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        cityStore = CLI.onPostgres ? CLI.newCityDatabase() : nil
    }

    /// A command line on a store that already exists in `directory`.
    init(directory: String) {
        self.directory = directory
        cityStore = nil
    }

    /// Whether the suite's stores are made in the city's database: `GUITAI_TEST_ENGINE=postgres`, beside the
    /// throwaway server `scripts/with-postgres.sh` starts (`make test` runs the contract suites so, after the files).
    static let onPostgres = ProcessInfo.processInfo.environment["GUITAI_TEST_ENGINE"] == "postgres"

    /// A database of its own on the test server, worked on by the server's owner as hall 540102 (`GUITAI_HALL`).
    private static func newCityDatabase() -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let server = environment["GUITAI_TEST_POSTGRES"], let cut = server.range(of: "/", options: .backwards) else {
            preconditionFailure("GUITAI_TEST_ENGINE=postgres without a server: run it through scripts/with-postgres.sh")
        }
        let name = "guitai_cli_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let psql = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql"))?.sorted().last
            .map { "/usr/lib/postgresql/\($0)/bin/psql" } ?? "psql"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psql)
        process.arguments = ["-q", "-d", server, "-c", "CREATE DATABASE \(name) LOCALE_PROVIDER icu ICU_LOCALE 'zh-CN' LOCALE 'C.UTF-8' TEMPLATE template0"]
        process.environment = ["PGPASSWORD": environment["GUITAI_TEST_POSTGRES_PASSWORD"] ?? ""]
        try! process.run()
        process.waitUntilExit()
        precondition(process.terminationStatus == 0, "could not make the test database \(name)")
        return String(server[..<cut.lowerBound]) + "/" + name
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        /// The signal that ended the process, nil when it exited.
        var signal: Int32? = nil

        /// The stdout as a JSON object.
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:] }
    }

    /// Starts the command without waiting, for tests that race or kill it.
    /// - Parameter wrapper: a program to run the binary under (`strace` with its options), the binary and its
    ///   arguments following.
    func start(_ arguments: [String], as op: String? = "zhuoma", stdin: String? = nil, wrapper: [String] = []) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        if let program = wrapper.first {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = Array(wrapper.dropFirst()) + [CLI.binary] + arguments
        } else if let runAs {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", runAs, "--", CLI.binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = arguments
        }
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("GUITAI_") { environment[key] = nil }
        environment["GUITAI_STORE"] = store
        environment["GUITAI_TODAY"] = today
        if cityStore != nil {
            environment["GUITAI_HALL"] = "540102"
            environment["PGPASSWORD"] = ProcessInfo.processInfo.environment["GUITAI_TEST_POSTGRES_PASSWORD"]
        }
        // The language comes from LANG alone: an English LC_ALL in the caller's shell must not change the messages.
        for key in ["LC_ALL", "LC_MESSAGES", "LANGUAGE"] { environment[key] = nil }
        environment["LANG"] = "C.UTF-8"
        if let op {
            environment["GUITAI_OPERATOR"] = op
            environment["GUITAI_PASSWORD"] = passwordOverride ?? CLI.passwords[op] ?? "wrong-password"
        }
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        return (process, out, err)
    }

    @discardableResult
    func run(_ arguments: [String], as op: String? = "zhuoma", stdin: String? = nil, wrapper: [String] = []) throws -> Outcome {
        let (process, out, err) = try start(arguments, as: op, stdin: stdin, wrapper: wrapper)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                       stderr: String(decoding: stderr, as: UTF8.self),
                       signal: process.terminationReason == .uncaughtSignal ? process.terminationStatus : nil)
    }

    static let passwords = ["admin": "admin-password", "zhuoma": "clerk-password", "ciren": "super-password"]

    /// A hall store with an administrator, the clerk 卓玛 and the supervisor 次仁.
    static func hall() throws -> CLI {
        let cli = CLI()
        let created = try cli.run(["init", "--hall-code", "540102", "--hall-name", "拉萨市城关区社保经办大厅", "--region", "540102",
                                   "--admin", "admin", "--admin-name", "管理员", "--password-stdin", "--json"],
                                  as: nil, stdin: "admin-password\n")
        precondition(created.status == 0, "init failed: \(created.stdout) \(created.stderr)")
        try cli.run(["operator", "add", "--id", "zhuoma", "--name", "卓玛", "--role", "clerk", "--password-stdin"], as: "admin", stdin: "clerk-password\n")
        try cli.run(["operator", "add", "--id", "ciren", "--name", "次仁", "--role", "supervisor", "--password-stdin"], as: "admin", stdin: "super-password\n")
        return cli
    }

    /// The number of business transactions, as `verify` counts them.
    func transactions() throws -> Int {
        try run(["verify", "--json"], as: "ciren").json["transactions"] as? Int ?? -1
    }

    /// The store's write-ahead log as size and modification time (nil when absent). Reading the store leaves both
    /// alone (a reader creates an empty log at most), so a change while one command runs means it began to write.
    static func writeAheadLog(of store: String) -> [Int]? {
        var status = stat()
        guard stat(store + "-wal", &status) == 0, status.st_size > 0 else { return nil }
        return [Int(status.st_size), status.st_mtim.tv_sec, status.st_mtim.tv_nsec]
    }

    /// A valid ID number with a computed check character.
    static func id(region: String = "540102", birth: String, sequence: Int) -> String {
        let body = region + birth + String(format: "%03d", sequence)
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + $1.0.wholeNumberValue! * $1.1 }
        return body + String(Array("10X98765432")[sum % 11])
    }
}
