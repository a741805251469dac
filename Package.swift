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
        .executableTarget(
            name: "care",
            dependencies: [
                "CareDomain",
                "CareConsole",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CareDomainTests", dependencies: ["CareDomain"]),
        .testTarget(
            name: "CareConsoleTests", dependencies: ["CareConsole", "CareDomain"],
            // The golden screens, read from the source tree by the tests.
            exclude: ["Golden"]),
        .testTarget(name: "careTests", dependencies: ["CareDomain"]),
    ]
)
