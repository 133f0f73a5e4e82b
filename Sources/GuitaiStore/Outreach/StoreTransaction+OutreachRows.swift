import GRDB
import GuitaiCore

/// Rows as bundles carry them: read whole, written back whole, compared by the journal's digest.
extension StoreTransaction {
    static func projected(_ table: String) -> Projection.Table? {
        Projection.tables.first { $0.name == table }
    }

    /// The rows of a projected table that satisfy `condition` (SQL over its bare columns), as images.
    /// - Throws: `store-damaged` for a value no table of the store holds (a real number, a blob).
    func rowImages(_ table: String, where condition: String, _ arguments: SQLArguments = []) throws -> [RowImage] {
        guard let projected = Self.projected(table) else { return [] }
        let columns = try cachedColumns(of: table)
        let sql = "SELECT \(projected.keyExpression("")) AS guitai_key, \(columns.joined(separator: ", ")) FROM \(table) WHERE \(condition)"
        return try db.allRows(sql: sql, arguments: arguments).map { row in
            let reader = RowReader(row, table: table, keyColumn: "guitai_key")
            var values: [String: RowValue] = [:]
            for column in columns {
                guard let value = RowValue(row[column]) else {
                    throw reader.damaged(column, expected: Bilingual(zh: "整数、文本或空", en: "a whole number, text or NULL"))
                }
                values[column] = value
            }
            return RowImage(table: table, key: try reader.text("guitai_key"), values: values)
        }
    }

    /// The row of a projected table with a journal key, as it stands (nil values when there is none).
    func rowImage(_ table: String, key: String) throws -> RowImage {
        guard let projected = Self.projected(table) else { return RowImage(table: table, key: key, values: nil) }
        return try rowImages(table, where: "\(projected.keyExpression("")) = ?", [key]).first ?? RowImage(table: table, key: key, values: nil)
    }

    /// The digest the journal would note for a row as it stands, or nil when there is no such row.
    func rowDigest(_ table: String, key: String) throws -> String? {
        guard let projected = Self.projected(table) else { return nil }
        let columns = try cachedColumns(of: table)
        return try db.fetchOne(String.self, sql: """
            SELECT \(Projection.digestExpression(projected, columns: columns, prefix: "", on: db)) FROM \(table)
            WHERE \(projected.keyExpression("")) = ?
            """, arguments: [key])
    }

    /// Makes a row what an image says: inserted, updated in place (never deleted and re-made, so rows pointing at it
    /// stay valid), or deleted. The image's key must be its values' key.
    /// - Throws: `bad-bundle` for an image of a table or column this store does not have, or whose key is not its
    ///   values'; SQLite's constraint errors as they come (the caller decides what they mean).
    func write(_ image: RowImage) throws {
        guard let projected = Self.projected(image.table), Outreach.travelling.contains(image.table) || image.table == "payment_runs" else {
            throw BundleFile.refusal(zh: "数据包中有不可导入的表 \(image.table)", en: "The bundle carries rows of \(image.table), which cannot be brought in")
        }
        guard let values = image.values else {
            try db.execute(sql: "DELETE FROM \(image.table) WHERE \(projected.keyExpression("")) = ?", arguments: [image.key])
            return
        }
        let columns = try cachedColumns(of: image.table)
        guard values.count == columns.count, columns.allSatisfy({ values[$0] != nil }) else {
            throw BundleFile.refusal(zh: "数据包中 \(image.table) 的列与本库不同（版本不符）",
                                     en: "The bundle's \(image.table) rows have other columns than this store's (another version)")
        }
        let keyText = projected.key.map { values[$0].map(Self.keyText) ?? "" }.joined(separator: "|")
        guard keyText == image.key else {
            throw BundleFile.refusal(zh: "数据包中 \(image.table) 一行的键与其内容不符", en: "A \(image.table) row in the bundle has a key that is not its own")
        }
        let others = columns.filter { !projected.key.contains($0) }
        let update = others.isEmpty ? "NOTHING" : "UPDATE SET " + others.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try db.execute(sql: """
            INSERT INTO \(image.table)(\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT(\(projected.key.joined(separator: ", "))) DO \(update)
            """, arguments: SQLArguments(columns.map { values[$0]?.databaseValue ?? .null }))
    }

    /// A key column's value as the journal's key expression writes it.
    private static func keyText(_ value: RowValue) -> String {
        switch value {
        case .int(let number): String(number)
        case .text(let text): text
        case .null: ""
        }
    }
}
