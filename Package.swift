// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "care",
    defaultLocalization: "en",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "care", targets: ["care"]),
        .library(name: "CareDomain", targets: ["CareDomain"]),
        .library(name: "CareConsole", targets: ["CareConsole"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // The PostgreSQL store (care --store postgresql://…): the wire
        // protocol, on SwiftNIO's event loops; swift-log for its logger.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // Resources: the Spanish catalog (es.lproj), read through Foundation's
        // bundle lookup; English is the key itself.
        .target(
            name: "CareDomain", dependencies: [.product(name: "CSV", package: "CSV.swift"), "CPosix"],
            resources: [.process("Resources")]),
        // openat2(2), which has no glibc wrapper: one call per history file read.
        .systemLibrary(name: "CPosix", path: "Sources/CPosix"),
        // ncursesw from Debian's libncursesw5-dev (headers in /usr/include);
        // not through pkg-config, whose -D flags SwiftPM refuses with a warning.
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "CareConsole", dependencies: ["CareDomain", "CNcurses"]),
        // The same store protocol on PostgreSQL.
        .target(
            name: "CarePostgres",
            dependencies: [
                "CareDomain",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "care",
            dependencies: [
                "CareDomain",
                "CareConsole",
                "CarePostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The store's conformance suite runs on the file store and, when
        // CARE_TEST_POSTGRES names a server, on PostgreSQL.
        .testTarget(name: "CareDomainTests", dependencies: ["CareDomain", "CarePostgres"]),
        .testTarget(
            name: "CareConsoleTests", dependencies: ["CareConsole", "CareDomain"],
            // The golden screens, read from the source tree by the tests.
            exclude: ["Golden"]),
        .testTarget(name: "careTests", dependencies: ["CareDomain", "CarePostgres"]),
    ]
)
