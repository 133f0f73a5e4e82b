// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Guitai",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "guitai", targets: ["guitai"]),
        .executable(name: "guitai-bench", targets: ["guitai-bench"]),
        .executable(name: "guitai-fuzz", targets: ["guitai-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        // Property tests over the parsers and the engine (tests only).
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        // Quoting and line ends of the CSV exports that Excel and WPS open.
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        // Latency percentiles in the benchmarks (guitai-bench only).
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
        // The city's engine: PostgreSQL's wire protocol (issue 14), and the logger its connections ask for.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // Terminal cell widths of text (East Asian wide characters take two): slips, tables and the screen grid.
        .target(name: "CellText"),
        // Pure domain: values, rules, the policy engine. No SQL, no terminal, no files.
        .target(name: "GuitaiCore"),
        // SQLite through GRDB, PostgreSQL through postgres-nio: migrations, intent-named writes, the hash-chained journal.
        .target(
            name: "GuitaiStore",
            dependencies: [
                "GuitaiCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the row digest function the projection's triggers call on every written row.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Use cases shared by every front end: validate with Core, write with Store, return a receipt.
        .target(name: "GuitaiDesk", dependencies: ["CellText", "GuitaiCore", "GuitaiStore",
                                               // The outreach laptops' Ed25519 keys.
                                               .product(name: "Crypto", package: "swift-crypto"),
                                               .product(name: "CSV", package: "CSV.swift")]),
        // The `guitai` command line: the stable surface for scripts.
        .target(
            name: "GuitaiCLI",
            dependencies: [
                "CellText", "GuitaiDesk", "GuitaiCore", "GuitaiStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The screen layer in pure Swift: cells, widths, keys, a terminal protocol with an in-memory terminal.
        .target(name: "TerminalKit", dependencies: ["CellText"]),
        // ncursesw through a small C shim; only CursesTerminal imports it.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CursesTerminal", dependencies: ["TerminalKit", "CNcursesw"]),
        // The desk's screens: panels over TerminalKit, calling the same GuitaiDesk use cases as the command line.
        .target(name: "GuitaiTUI", dependencies: ["CellText", "TerminalKit", "GuitaiDesk", "GuitaiStore", "GuitaiCore"]),
        .executableTarget(name: "guitai", dependencies: ["GuitaiCLI", "GuitaiTUI", "GuitaiDesk", "CursesTerminal"]),
        .executableTarget(name: "guitai-bench", dependencies: ["GuitaiDesk", "GuitaiCore", "GuitaiStore", "GuitaiTUI", "TerminalKit",
                                                           .product(name: "Histogram", package: "hdrhistogram-swift"),
                                                           // The bare-commit and primary-key floors the store is measured against.
                                                           .product(name: "GRDB", package: "GRDB.swift"),
                                                           .product(name: "PostgresNIO", package: "postgres-nio")]),
        // libFuzzer harnesses over outreach bundles (scripts/fuzz.sh builds it with the fuzzer); a plain build replays a corpus.
        .executableTarget(name: "guitai-fuzz", dependencies: ["GuitaiDesk", "GuitaiStore", "GuitaiCore"]),
        // What the tests share and the product does not: references written from the standards (GB 11643).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "GuitaiCoreTests", dependencies: ["GuitaiCore", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(name: "GuitaiTUITests", dependencies: ["GuitaiTUI", "TerminalKit", "CellText", "GuitaiDesk", "GuitaiStore", "GuitaiCore", "TestSupport"],
                    resources: [.copy("Screens")]),
        .testTarget(
            name: "GuitaiStoreTests",
            dependencies: ["GuitaiStore", "GuitaiCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // GRDB only to tamper with a store from outside, as the `sqlite3` tool would.
        .testTarget(
            name: "GuitaiDeskTests",
            dependencies: ["CellText", "GuitaiDesk", "GuitaiStore", "GuitaiCore", "TestSupport",
                           .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // Runs the built `guitai` binary as a process; GRDB only to hold a lock from outside.
        .testTarget(name: "GuitaiCLITests", dependencies: ["GuitaiCore", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
