// swift-tools-version:6.1
import PackageDescription

// One library module per box of DESIGN.md's architecture; the executable stays thin.
// Data flows one way: YAML → Reconciler ← GenesysCloud; the emulator shares nothing with the client.
let package = Package(
    name: "messengerctl",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "messengerctl", targets: ["messengerctl"]),
        .library(name: "Reconciler", targets: ["Reconciler"]),
        .library(name: "GenesysCloud", targets: ["GenesysCloud"]),
        .library(name: "GenesysEmulator", targets: ["GenesysEmulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        // Debian's libyaml (`apt-get install libyaml-dev`).
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        .target(name: "YAML", dependencies: ["CYAML"]),
        .target(
            name: "GenesysCloud",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .target(
            name: "Reconciler",
            dependencies: [
                "YAML", "GenesysCloud",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "GenesysEmulator",
            dependencies: [
                "YAML",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "messengerctl",
            dependencies: [
                "Reconciler", "GenesysCloud", "GenesysEmulator", "YAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Benchmarks and the fault soak (issue "Proof"): figures printed, never asserted in tests.
        .executableTarget(
            name: "messengerctl-bench",
            dependencies: [
                "Reconciler", "GenesysCloud", "GenesysEmulator", "YAML",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // libFuzzer target over the YAML binding and tenant loading (scripts/fuzz builds it with
        // -sanitize=fuzzer,address -DFUZZING); in an ordinary build it replays saved inputs.
        .executableTarget(name: "messengerctl-fuzz", dependencies: ["Reconciler", "YAML"]),
        // What every test target shares: a clock tests move by hand, scoped emulators whose teardown is
        // awaited, and the harness that runs the `messengerctl` executable against an in-process emulator.
        .target(
            name: "TestSupport",
            dependencies: ["GenesysEmulator", "GenesysCloud", "Reconciler"],
            path: "Tests/TestSupport"),
        .testTarget(name: "YAMLTests", dependencies: ["YAML", "TestSupport"]),
        .testTarget(
            name: "GenesysEmulatorTests",
            dependencies: [
                "GenesysEmulator", "TestSupport", .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ]),
        .testTarget(name: "GenesysCloudTests", dependencies: ["GenesysCloud", "GenesysEmulator", "TestSupport"]),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: ["Reconciler", "GenesysCloud", "GenesysEmulator", "YAML", "TestSupport"],
            resources: []
        ),
        .testTarget(
            name: "messengerctlTests",
            dependencies: [
                "messengerctl", "messengerctl-bench", "GenesysEmulator", "GenesysCloud", "Reconciler", "YAML", "TestSupport",
            ],
            exclude: ["Fixtures"]),
    ]
)
