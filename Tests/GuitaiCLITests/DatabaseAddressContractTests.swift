import Foundation
import Testing

/// `--store postgres://USER@HOST[:PORT]/DB` (`cli.md`) names a database, never a file.
@Suite struct DatabaseAddressContractTests {
    @Test func aDatabaseAddressIsNeverTakenForAFileName() throws {
        var cli = CLI()
        let cwd = FileManager.default.currentDirectoryPath
        cli.storeOverride = "postgres://guitai@127.0.0.1:1/city"
        let created = try cli.run(["init", "--hall-code", "540102", "--hall-name", "x", "--region", "540102", "--admin", "admin",
                                   "--admin-name", "管理员", "--password-stdin", "--json"], as: nil, stdin: "admin-password\n")
        let verified = try cli.run(["verify", "--json"], as: "admin")
        for outcome in [created, verified] {
            // The city's server is tried, and none answers there: busy (75), naming the server, and no file or
            // `postgres:` folder made.
            #expect(outcome.status == 75)
            let error = try #require(outcome.json["error"] as? [String: Any])
            #expect(error["code"] as? String == "store-unreachable")
            #expect((error["message"] as? String)?.contains("127.0.0.1:1") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: cwd + "/postgres:"))
        #expect(!FileManager.default.fileExists(atPath: cli.directory + "/postgres:"))
    }

    @Test func aStoreMadeBesideTheAddressIsRefusedToo() throws {
        // The training store is made beside the hall's; beside an address it would be `postgres:/guitai@db.city/...`.
        var cli = CLI()
        cli.storeOverride = "postgres://guitai@db.city/guitai"
        let outcome = try cli.run(["training", "reset", "--password-stdin", "--json"], as: nil, stdin: "train-password\n")
        #expect(outcome.status == 1)
        let error = try #require(outcome.json["error"] as? [String: Any])
        #expect(error["code"] as? String == "store-engine-unavailable")
        // It names the address the file name was made from and says what to do instead.
        let message = error["message"] as? String ?? ""
        #expect(message.contains("postgres://guitai@db.city") && message.contains("--store"), "\(message)")
        #expect(!FileManager.default.fileExists(atPath: FileManager.default.currentDirectoryPath + "/postgres:"))
    }

    @Test func aPasswordWrittenIntoTheAddressIsAUsageErrorThatDoesNotRepeatIt() throws {
        var cli = CLI()
        cli.storeOverride = "postgres://guitai:Secret-123@db.city/guitai"
        let outcome = try cli.run(["person", "find", "扎西", "--json"])
        #expect(outcome.status == 64)
        #expect(!outcome.stdout.contains("Secret-123") && !outcome.stderr.contains("Secret-123"))
        let error = try #require(outcome.json["error"] as? [String: Any])
        #expect(error["code"] as? String == "store-address")
        // libpq's own way of putting a password after the name is not repeated either.
        cli.storeOverride = "postgres://guitai@db.city/guitai?password=Secret-456"
        let query = try cli.run(["person", "find", "扎西", "--json"])
        #expect(query.status == 64)
        #expect(!query.stdout.contains("Secret-456") && !query.stderr.contains("Secret-456"))
    }
}
