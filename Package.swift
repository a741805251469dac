// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "care",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "care", targets: ["care"]),
        .library(name: "CareDomain", targets: ["CareDomain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "CareDomain"),
        .executableTarget(
            name: "care",
            dependencies: [
                "CareDomain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CareDomainTests", dependencies: ["CareDomain"]),
        .testTarget(name: "careTests", dependencies: ["CareDomain"]),
    ]
)
