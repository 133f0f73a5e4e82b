#if canImport(Glibc)
import Glibc
#endif
import Foundation
import GuitaiCore
import PostgresNIO
import Testing
@testable import GuitaiStore

/// A city's primary dies (SIGKILL) under four counters writing; the synchronous standby is promoted; the counters,
/// given both servers in one address, reconnect to it by themselves, and every commit the primary acknowledged is
/// there. Clusters of its own under `with-postgres.sh`'s directory, on free loopback ports.
@Suite struct PostgresFailoverTests {
    private final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var acknowledged: Set<[Int]> = []
        private var afterFailover = 0
        private var failedOver = false
        private var stopped = false

        func acknowledge(_ counter: Int, _ number: Int) {
            lock.withLock {
                acknowledged.insert([counter, number])
                if failedOver { afterFailover += 1 }
            }
        }
        var count: Int { lock.withLock { acknowledged.count } }
        var countAfterFailover: Int { lock.withLock { afterFailover } }
        var all: Set<[Int]> { lock.withLock { acknowledged } }
        var isStopped: Bool { lock.withLock { stopped } }
        func failOver() { lock.withLock { failedOver = true } }
        func stop() { lock.withLock { stopped = true } }
    }

    @Test func everyAcknowledgedCommitSurvivesThePrimarysDeathAndCountersFindThePromotedStandby() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let root = environment["GUITAI_TEST_POSTGRES_ROOT"], let tool = environment["GUITAI_TEST_POSTGRES_CLUSTER"],
              let password = environment["GUITAI_TEST_POSTGRES_PASSWORD"] else { throw PostgresTestDatabase.NoServer() }
        let base = root + "/failover-" + UUID().uuidString.prefix(8).lowercased()
        let ports = try Self.freePorts(2)
        let (primaryPort, standbyPort) = (ports[0], ports[1])
        try Self.cluster(tool, ["primary", base + "/primary", "\(primaryPort)"], password: password)
        defer {
            try? Self.cluster(tool, ["stop", base + "/primary"], password: password)
            try? Self.cluster(tool, ["stop", base + "/standby"], password: password)
        }
        try Self.cluster(tool, ["standby", base + "/standby", "\(standbyPort)", "\(primaryPort)"], password: password)

        let city = PostgresLocation(user: "postgres", servers: [.init(host: "127.0.0.1", port: primaryPort),
                                                               .init(host: "127.0.0.1", port: standbyPort)], database: "postgres")
        let setup = try PostgresSession.connect(to: city, password: password)
        #expect(setup.server.port == primaryPort)
        try setup.execute("CREATE TABLE receipts (counter integer NOT NULL, n integer NOT NULL, PRIMARY KEY (counter, n))")
        // pg-cluster.sh returns only once the primary reports its standby synchronous.
        #expect(try setup.query("SELECT sync_state FROM pg_stat_replication").map { try $0.decode(String.self) } == ["sync"])

        let tally = Tally()
        let group = DispatchGroup()
        for counter in 0..<4 {
            // A thread each, as four counters are four processes: Dispatch's shared queue runs as many blocks at once
            // as there are cores, and a counter waiting on the server would hold the others back.
            group.enter()
            Thread {
                defer { group.leave() }
                var session: PostgresSession?
                var number = 0
                while !tally.isStopped {
                    do {
                        let connected = try session ?? PostgresSession.connect(to: city, password: password, connectTimeout: 2)
                        session = connected
                        try connected.query("INSERT INTO receipts VALUES (\(counter), \(number))")
                        tally.acknowledge(counter, number)
                        number += 1
                    } catch let failure as PostgresSession.Failure where failure.sqlState == "23505" {
                        // Committed, but the answer was lost with the primary: never acknowledged, so not counted.
                        number += 1
                    } catch {
                        session = nil
                        usleep(50_000)
                    }
                }
            }.start()
        }
        defer {
            tally.stop()
            group.wait()
        }

        try Self.waitUntil(seconds: 30) { tally.count >= 80 }
        try Self.cluster(tool, ["kill", base + "/primary"], password: password)
        // Between the primary's death and the promotion only a standby answers: busy (75), try again shortly.
        do {
            _ = try PostgresSession.connect(to: city, password: password, connectTimeout: 2)
            Issue.record("a counter connected with no primary up")
        } catch let error as DomainError {
            #expect(error.code == "store-no-primary")
            #expect(error.kind == .busy)
        }
        try Self.cluster(tool, ["promote", base + "/standby"], password: password)
        tally.failOver()
        try Self.waitUntil(seconds: 60) { tally.countAfterFailover >= 80 }
        tally.stop()
        group.wait()

        let promoted = try PostgresSession.connect(to: PostgresLocation(user: "postgres", host: "127.0.0.1", port: standbyPort,
                                                                         database: "postgres"), password: password)
        let present = Set(try promoted.query("SELECT counter, n FROM receipts").map { row -> [Int] in
            let (counter, number) = try row.decode((Int, Int).self)
            return [counter, number]
        })
        let acknowledged = tally.all
        #expect(acknowledged.count >= 160)
        #expect(acknowledged.subtracting(present).isEmpty, "acknowledged but lost: \(acknowledged.subtracting(present).sorted { $0.lexicographicallyPrecedes($1) })")
        // All four counters carried on after the failover.
        #expect(Set(acknowledged.map { $0[0] }) == [0, 1, 2, 3])
    }

    /// Runs `pg-cluster.sh` with the superuser's password in its environment, failing with its output if it fails.
    /// Spawned and waited for directly: Foundation's `Process.waitUntilExit` was seen never to return once the script
    /// had started a server that outlives it.
    private static func cluster(_ tool: String, _ arguments: [String], password: String) throws {
        struct ClusterFailed: Error, CustomStringConvertible { var description: String }
        let log = NSTemporaryDirectory() + "guitai-pg-cluster-" + UUID().uuidString + ".log"
        defer { unlink(log) }
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, envp)
        guard spawned == 0 else { throw ClusterFailed(description: "cannot run \(tool): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0 && ((status >> 8) & 0xff) == 0
        guard exited else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw ClusterFailed(description: "pg-cluster.sh \(arguments) failed (status \(status)): \(output)")
        }
    }

    private static func waitUntil(seconds: Double, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            struct TimedOut: Error {}
            guard Date() < deadline else { throw TimedOut() }
            usleep(20_000)
        }
    }

    /// `count` different loopback ports nothing listens on now: the kernel's choices for sockets bound to port 0, all
    /// held open until every one is chosen, so no two are the same.
    private static func freePorts(_ count: Int) throws -> [Int] {
        var descriptors: [Int32] = []
        defer { descriptors.forEach { close($0) } }
        var ports: [Int] = []
        for _ in 0..<count {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
            descriptors.append(descriptor)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
            }
            guard bound else { throw POSIXError(.EADDRINUSE) }
            ports.append(Int(UInt16(bigEndian: address.sin_port)))
        }
        return ports
    }
}
