import GRDB

/// The values a statement's placeholders take: by position (`?`) or by name (`:name`), as both engines are given them.
struct SQLArguments: ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    enum Values {
        case positional([DatabaseValue])
        case named([String: DatabaseValue])
    }

    let values: Values

    init(_ values: [(any DatabaseValueConvertible)?]) {
        self.values = .positional(values.map { $0?.databaseValue ?? .null })
    }

    init(arrayLiteral elements: (any DatabaseValueConvertible)?...) { self.init(elements) }

    init(dictionaryLiteral elements: (String, (any DatabaseValueConvertible)?)...) {
        values = .named(Dictionary(elements.map { ($0.0, $0.1?.databaseValue ?? .null) }, uniquingKeysWith: { first, _ in first }))
    }

    /// GRDB's form, for SQLite.
    var sqlite: StatementArguments {
        switch values {
        case .positional(let values): StatementArguments(values)
        case .named(let values): StatementArguments(values)
        }
    }
}
