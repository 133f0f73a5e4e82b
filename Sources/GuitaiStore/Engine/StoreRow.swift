import GRDB

/// One row a statement returned, from either engine: the store's decoders (`RowReader`) read it by column name or
/// position without knowing which.
///
/// A SQLite row is GRDB's own, read in place while its statement steps (no copy; the next step overwrites it, so a
/// decoder must not keep it). A PostgreSQL row arrives as values already, named by a column list its result shares.
struct StoreRow {
    private enum Storage {
        case sqlite(Row)
        case values(StoreRow.Columns, [DatabaseValue])
    }

    /// The column names of one result and where each is, made once per result (the first of a repeated name wins, as
    /// in SQLite).
    final class Columns {
        let names: [String]
        private let index: [String: Int]

        init(_ names: [String]) {
            self.names = names
            var index: [String: Int] = [:]
            for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
            self.index = index
        }

        func position(of name: String) -> Int? { index[name] }
    }

    private let storage: Storage

    init(_ row: Row) { storage = .sqlite(row) }

    init(columns: Columns, values: [DatabaseValue]) { storage = .values(columns, values) }

    /// The value of a column; NULL when the row has no such column.
    subscript(_ column: String) -> DatabaseValue {
        switch storage {
        case .sqlite(let row): (row[column] as DatabaseValue?) ?? .null
        case .values(let columns, let values): columns.position(of: column).map { values[$0] } ?? .null
        }
    }

    /// The value at a position (0 = first column); NULL past the last.
    subscript(_ index: Int) -> DatabaseValue {
        switch storage {
        case .sqlite(let row): index >= 0 && index < row.count ? (row[index] as DatabaseValue?) ?? .null : .null
        case .values(_, let values): values.indices.contains(index) ? values[index] : .null
        }
    }

    /// Every column with its value, in the result's order.
    var columnsAndValues: [(String, DatabaseValue)] {
        switch storage {
        case .sqlite(let row): Array(row)
        case .values(let columns, let values): Array(zip(columns.names, values))
        }
    }

    /// The value of a column as `T`, nil for NULL or a missing column.
    /// - Throws: when the value is not a `T` (text where a number belongs); `RowReader` names the row and column.
    func decode<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, forColumn column: String) throws -> T? {
        switch storage {
        case .sqlite(let row): return try row.decode(T?.self, forColumn: column)
        case .values: return try Self.converted(self[column], to: T.self)
        }
    }

    /// The value at a position as `T`, nil for NULL.
    /// - Throws: when the value is not a `T`.
    func decode<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, atIndex index: Int) throws -> T? {
        switch storage {
        case .sqlite(let row): return try row.decode(T?.self, atIndex: index)
        case .values: return try Self.converted(self[index], to: T.self)
        }
    }

    /// A value that is present as `T`. - Throws: `Mismatch` for a NULL or a value of another type.
    func require<T: DatabaseValueConvertible & StatementColumnConvertible>(_ type: T.Type, atIndex index: Int) throws -> T {
        guard let value = try decode(T.self, atIndex: index) else { throw Mismatch(found: self[index]) }
        return value
    }

    private static func converted<T: DatabaseValueConvertible>(_ value: DatabaseValue, to type: T.Type) throws -> T? {
        if value.isNull { return nil }
        guard let converted = T.fromDatabaseValue(value) else { throw Mismatch(found: value) }
        return converted
    }

    /// A stored value that is not of the type its reader expects.
    struct Mismatch: Error {
        let found: DatabaseValue
    }
}
