import GRDB
import GuitaiCore

extension Store {
    /// Proves the store: the file's integrity and foreign keys, every link of the journal's and the security log's
    /// hash chains and that neither lost its tail, and that every row of every business table is exactly what the
    /// journal's entries made it (see `Projection`): a row changed, added or deleted behind the product's back is a
    /// problem naming its table and key.
    public func verify() throws -> VerificationReport {
        try withJobMemory { try verifyEveryRow() }
    }

    private func verifyEveryRow() throws -> VerificationReport {
        try read { tx in
            var problems: [VerificationProblem] = []
            let db = tx.db
            // The schema first: what is missing from it cannot be read below, and is reported instead.
            problems += try schemaProblems(db)
            let tables = Set(try db.fetchAll(String.self, sql: db.isPostgres
                ? "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
                : "SELECT name FROM sqlite_master WHERE type = 'table'"))
            for required in ["journal", "security_log"] where !tables.contains(required) {
                return VerificationReport(transactions: 0, problems: problems)
            }
            // A file's own integrity and references; the city's server keeps its references itself.
            if !db.isPostgres {
                for line in try db.fetchAll(String.self, sql: "PRAGMA integrity_check") where line != "ok" {
                    problems.append(VerificationProblem(table: "file", row: "", zh: "文件完整性：\(line)", en: "file integrity: \(line)"))
                }
                for row in try db.allRows(sql: "PRAGMA foreign_key_check") {
                    let table = RowReader.shown(row[0]), key = RowReader.shown(row[1])
                    problems.append(VerificationProblem(table: table, row: key, zh: "\(table) 第 \(key) 行指向不存在的记录",
                                                        en: "\(table) row \(key) points at a record that does not exist"))
                }
            }

            // The journal: its chain, and the rows its entries made.
            var expected: [String: [String: (digest: String, seq: Int64)]] = [:]
            var previous = hall.chainStart
            var count = 0
            var lastSeq: Int64 = 0
            var anchors: [(entry: Int64, head: String)] = []
            try db.forEachRow(sql: "SELECT * FROM journal ORDER BY seq") { row in
                let entry = try Journal.entry(row)
                count += 1
                if !entry.isIntact(after: previous) {
                    problems.append(VerificationProblem(table: "journal", row: String(entry.seq),
                                                        zh: "journal 第 \(entry.seq) 条（\(entry.serial)）与哈希链不符，已被改动",
                                                        en: "journal entry \(entry.seq) (\(entry.serial)) does not match its hash chain: it was edited"))
                }
                if entry.seq != lastSeq &+ 1 {
                    problems.append(VerificationProblem(table: "journal", row: String(lastSeq &+ 1),
                                                        zh: "journal 第 \(lastSeq &+ 1) 至 \(entry.seq &- 1) 条已被删除",
                                                        en: "journal entries \(lastSeq &+ 1) to \(entry.seq &- 1) were removed"))
                }
                previous = entry.hash
                lastSeq = entry.seq
                if !entry.securityHead.isEmpty { anchors.append((entry.seq, entry.securityHead)) }
                for line in entry.changes.split(separator: "\n") {
                    guard let change = Projection.Change(line: line) else {
                        problems.append(VerificationProblem(table: "journal", row: String(entry.seq),
                                                            zh: "journal 第 \(entry.seq) 条的改动记录无法读取",
                                                            en: "journal entry \(entry.seq) has an unreadable change list"))
                        continue
                    }
                    if let digest = change.digest {
                        expected[change.table, default: [:]][change.key] = (digest, entry.seq)
                    } else {
                        expected[change.table]?[change.key] = nil
                    }
                }
            }
            problems += try cutTail(db, table: "journal", lastSeq: lastSeq)

            // Every business row against what the journal made it.
            for table in Projection.tables where tables.contains(table.name) {
                var made = expected[table.name] ?? [:]
                let columns = try Projection.columns(of: table.name, db)
                try db.forEachRow(sql: """
                    SELECT \(table.keyExpression("")), \(Projection.digestExpression(table, columns: columns, prefix: "", on: db)) FROM \(table.name)
                    """) { row in
                    let key = RowReader.shown(row[0])
                    let digest = RowReader.shown(row[1])
                    guard let want = made.removeValue(forKey: key) else {
                        problems.append(VerificationProblem(table: table.name, row: key,
                                                            zh: "\(table.name) 中 \(key) 一行不是任何业务记录产生的（被绕过柜台添加）",
                                                            en: "\(table.name) row \(key) was made by no journal entry (added behind the product's back)"))
                        return
                    }
                    if want.digest != digest {
                        let serial = try db.fetchOne(String.self, sql: "SELECT serial FROM journal WHERE seq = ?", arguments: [want.seq]) ?? "?"
                        problems.append(VerificationProblem(table: table.name, row: key,
                                                            zh: "\(table.name) 中 \(key) 一行与业务 \(serial) 写入的不同（被绕过柜台改动）",
                                                            en: "\(table.name) row \(key) differs from what transaction \(serial) wrote (changed behind the product's back)"))
                    }
                }
                for (key, want) in made.sorted(by: { $0.key < $1.key }) {
                    let serial = try db.fetchOne(String.self, sql: "SELECT serial FROM journal WHERE seq = ?", arguments: [want.seq]) ?? "?"
                    problems.append(VerificationProblem(table: table.name, row: key,
                                                        zh: "\(table.name) 中 \(key) 一行（业务 \(serial) 写入）已不在库中（被绕过柜台删除）",
                                                        en: "\(table.name) row \(key), written by transaction \(serial), is missing (deleted behind the product's back)"))
                }
            }

            // The derived indexes: a search key removed would hide a person from the clerk, a due date keep a pensioner
            // off the due list.
            if tables.contains(PersonSearchKeys.table) && tables.contains("persons") {
                problems += try PersonSearchKeys.problems(db)
            }
            if tables.contains(CertificationDue.table) && tables.contains("benefits") && tables.contains("certifications") {
                problems += try CertificationDue.problems(db)
            }

            // The security log's own chain, and the rows the journal's entries saw at its end.
            var previousLog = JournalEntry.genesis
            var lastLog: Int64 = 0
            let log = try SecurityLog.entries(db)
            let heads = Set(log.map { String($0.seq) + ":" + $0.hash })
            // The first anchor that no longer matches is where the log was cut or rewritten.
            if let missing = anchors.first(where: { !heads.contains($0.head) }) {
                let seq = missing.head.split(separator: ":").first.map(String.init) ?? "?"
                problems.append(VerificationProblem(table: "security_log", row: seq,
                                                    zh: "security_log 第 \(seq) 条（journal 第 \(missing.entry) 条记录的末尾）已被删除或改动",
                                                    en: "security_log row \(seq), its last row when journal entry \(missing.entry) was written, was removed or edited"))
            }
            for entry in log {
                if entry.previousHash != previousLog || entry.hash != entry.computedHash(after: previousLog) {
                    problems.append(VerificationProblem(table: "security_log", row: String(entry.seq),
                                                        zh: "security_log 第 \(entry.seq) 条与哈希链不符（之前的记录被改动或删除）",
                                                        en: "security_log row \(entry.seq) does not match its hash chain (a row before it was edited or removed)"))
                }
                previousLog = entry.hash
                lastLog = entry.seq
            }
            problems += try cutTail(db, table: "security_log", lastSeq: lastLog)

            // The migrations on record are exactly those this version made.
            let record = db.isPostgres ? "guitai_migrations" : "grdb_migrations"
            if tables.contains(record) {
                let applied = Set(try db.fetchAll(String.self, sql: "SELECT identifier FROM \(record)"))
                let known = Schema.migrator().migrations
                for missing in known where !applied.contains(missing) {
                    problems.append(VerificationProblem(table: record, row: missing, zh: "\(record) 缺少 \(missing)",
                                                        en: "\(record) lacks \(missing)"))
                }
                for extra in applied.subtracting(known).sorted() {
                    problems.append(VerificationProblem(table: record, row: extra, zh: "\(record) 多出 \(extra)",
                                                        en: "\(record) has \(extra), which this version never ran"))
                }
            }
            return VerificationReport(transactions: count, problems: problems)
        }
    }

    /// What differs between the store's schema and the one this version's migrations make, object by object (type
    /// and name: a trigger may bear a table's name).
    private func schemaProblems(_ db: StoreConnection) throws -> [VerificationProblem] {
        let expected: Set<Schema.SchemaObject>
        switch Schema.expectedObjects {
        case .success(let objects): expected = objects
        case .failure(let error): return [VerificationProblem(table: "schema", row: "", zh: error.message.zh, en: error.message.en)]
        }
        guard let sqlite = db.sqlite else { return try PostgresSchema.problems(db) }
        let actual = try Schema.objects(sqlite)
        let want = Dictionary(expected.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let have = Dictionary(actual.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        var problems: [VerificationProblem] = []
        for key in Set(want.keys).union(have.keys).sorted() {
            switch (want[key], have[key]) {
            case let (wanted?, found?) where wanted != found:
                problems.append(VerificationProblem(table: "schema", row: wanted.name, zh: "结构中的 \(wanted.type) \(wanted.name) 被改动",
                                                    en: "the schema's \(wanted.type) \(wanted.name) was changed"))
            case let (wanted?, nil):
                problems.append(VerificationProblem(table: "schema", row: wanted.name, zh: "结构中的 \(wanted.type) \(wanted.name) 被删除",
                                                    en: "the schema's \(wanted.type) \(wanted.name) was removed"))
            case let (nil, found?):
                problems.append(VerificationProblem(table: "schema", row: found.name, zh: "结构中多出 \(found.type) \(found.name)，不是柜台建的",
                                                    en: "the schema has a \(found.type) \(found.name) that Guitai did not make"))
            default:
                break
            }
        }
        return problems
    }

    /// A log whose highest number ever used (SQLite keeps it for AUTOINCREMENT) is above its last row lost its tail.
    private func cutTail(_ db: StoreConnection, table: String, lastSeq: Int64) throws -> [VerificationProblem] {
        let highest = try db.fetchOne(Int64.self, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [table]) ?? 0
        guard highest > lastSeq else { return [] }
        return [VerificationProblem(table: table, row: String(lastSeq &+ 1),
                                    zh: "\(table) 末尾第 \(lastSeq &+ 1) 至 \(highest) 条已被删除",
                                    en: "\(table) lost its last entries, \(lastSeq &+ 1) to \(highest)")]
    }
}
