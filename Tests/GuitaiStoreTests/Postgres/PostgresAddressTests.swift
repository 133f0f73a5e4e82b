import Foundation
import GuitaiCore
import Testing
@testable import GuitaiStore

/// `--store postgres://USER@HOST[:PORT]/DB` and where its password comes from (`cli.md`; PostgreSQL's manual, "The
/// Password File").
@Suite struct PostgresAddressTests {
    @Test func anAddressNamesUserHostPortAndDatabase() throws {
        let full = try PostgresLocation.parse("postgres://guitai@db.hall.local:6432/city")
        #expect(full == PostgresLocation(user: "guitai", host: "db.hall.local", port: 6432, database: "city"))
        // No port: PostgreSQL's own, 5432. libpq's other scheme name is accepted too.
        #expect(try PostgresLocation.parse("postgresql://clerk@10.0.0.5/guitai").servers == [.init(host: "10.0.0.5", port: 5432)])
        // A primary and its standby, tried in that order (libpq's way of writing several hosts).
        let pair = try PostgresLocation.parse("postgres://guitai@db1.city:5433,db2.city/guitai")
        #expect(pair.servers == [.init(host: "db1.city", port: 5433), .init(host: "db2.city", port: 5432)])
        #expect(pair.description == "postgres://guitai@db1.city:5433,db2.city:5432/guitai")
        #expect(PostgresLocation.names("postgres://a@b/c"))
        #expect(!PostgresLocation.names("/var/lib/guitai/postgres.sqlite"))
        #expect(!PostgresLocation.names("postgres.sqlite"))
    }

    @Test func aPasswordInTheAddressIsRefusedWithoutBeingPrinted() {
        do {
            _ = try PostgresLocation.parse("postgres://guitai:s3cret-pw@db:5432/city")
            Issue.record("an address carrying a password was accepted")
        } catch let error as DomainError {
            #expect(error.kind == .usage)
            #expect(error.code == "store-address")
            #expect(!error.message.zh.contains("s3cret-pw") && !error.message.en.contains("s3cret-pw"))
            #expect(error.message.en.contains("PGPASSWORD"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test(arguments: [
        "postgres://db:5432/city",          // no user
        "postgres://@db/city",              // empty user
        "postgres://guitai@db",             // no database
        "postgres://guitai@db/",            // empty database
        "postgres://guitai@/city",          // no host
        "postgres://guitai@db:0/city",      // port out of range
        "postgres://guitai@db:65536/city",
        "postgres://guitai@db:54x2/city",   // no number
        "postgres://guitai@db:/city",
        "postgres://guitai@db/city?sslmode=disable",  // nothing may follow the name
        "postgres://guitai@db/city/more",
        "postgres://guitai@db1,/city",      // an empty server in the list
        "postgres://guitai@db1:5432,:5433/city",
    ])
    func aMalformedAddressIsAUsageError(_ text: String) {
        #expect(throws: DomainError.self) { _ = try PostgresLocation.parse(text) }
        do { _ = try PostgresLocation.parse(text) } catch let error as DomainError {
            #expect(error.kind == .usage, "\(text)")
            #expect(error.message.en.contains("postgres://USER@HOST[:PORT]/DB"))
        } catch {}
    }

    private let city = PostgresLocation(user: "clerk_a", host: "db.city", port: 5432, database: "guitai")
    private let cityServer = PostgresLocation.Server(host: "db.city", port: 5432)

    @Test func thePasswordFilesFirstMatchingLineWinsWithWildcardsAndEscapes() {
        let file = """
            # the city's database
            other.host:5432:guitai:clerk_a:not-this-host
            db.city:6543:guitai:clerk_a:not-this-port
            db.city:5432:guitai:clerk_b:not-this-user
            too:few:fields
            db.city:*:guitai:clerk_a:pa\\:ss\\\\word
            *:*:*:*:the-fallback
            """
        // `\:` is a colon and `\\` a backslash inside a field.
        #expect(PostgresPassword.password(in: file, for: city, on: cityServer) == "pa:ss\\word")
        // Each server of the address is looked up as itself.
        #expect(PostgresPassword.password(in: file, for: city, on: .init(host: "db.other")) == "the-fallback")
        #expect(PostgresPassword.password(in: "db.city:5432:guitai:clerk_b:x\n", for: city, on: cityServer) == nil)
    }

    @Test func pgpasswordComesBeforeTheFileAndTheFileMustBePrivate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("guitai-pgpass-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/.pgpass"
        try "db.city:5432:guitai:clerk_a:from-the-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)

        #expect(try PostgresPassword.find(for: city, on: cityServer, environment: ["HOME": directory]) == "from-the-file")
        #expect(try PostgresPassword.find(for: city, on: cityServer, environment: ["HOME": directory, "PGPASSWORD": "from-env"]) == "from-env")
        #expect(try PostgresPassword.find(for: city, on: cityServer, environment: ["HOME": "/nonexistent", "PGPASSFILE": path]) == "from-the-file")
        // No file, no variable: no password (a server that trusts the address needs none).
        #expect(try PostgresPassword.find(for: city, on: cityServer, environment: ["HOME": "/nonexistent"]) == nil)

        // A file others may read is what libpq ignores; here it is an error that says how to mend it.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        do {
            _ = try PostgresPassword.find(for: city, on: cityServer, environment: ["HOME": directory])
            Issue.record("a world-readable password file was used")
        } catch let error as DomainError {
            #expect(error.code == "store-password-file")
            #expect(error.message.en.contains("chmod 600 \(path)"))
            #expect(error.message.en.contains("644"))
        }
    }
}
