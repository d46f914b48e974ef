// swift-tools-version:6.0
// Airlock: egress policy for AI-agent containers. Module ranks (a module imports only lower ranks):
// 0 Rego · 1 JSON | Identity · 2 Policy · 3 Supervisor | Proxy · 4 Sidecar · 5 airlock (CLI).
import PackageDescription

let package = Package(
    name: "Airlock",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "airlock", targets: ["airlock"]),
        .library(name: "Rego", targets: ["Rego"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // Rank 0: the Rego engine. Standard library only: no OS code, no Foundation on hot paths.
        .target(
            name: "Rego",
            swiftSettings: [
                // The evaluator's scratch state lives in one class owned by one thread; dynamic
                // exclusivity checks on it cost ~8% of a decision and guard nothing here.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
            ]),

        // Rank 1: C libraries through pkg-config, and the jansson bridge.
        .systemLibrary(
            name: "CJansson", pkgConfig: "jansson",
            providers: [.apt(["libjansson-dev"])]),
        .systemLibrary(
            name: "CSeccomp", pkgConfig: "libseccomp",
            providers: [.apt(["libseccomp-dev"])]),
        .target(name: "JSON", dependencies: ["Rego", "CJansson"]),
        // Wrappers for Linux syscalls libc lacks or hides behind macros; one prefixed function each.
        .target(name: "CAirlockLinux"),
        // /proc readers, the in-root symlink walk, executable hashing and the identity cache.
        .target(
            name: "Identity",
            dependencies: ["Rego", "CAirlockLinux", .product(name: "Logging", package: "swift-log")]),

        // Rank 2: policy documents, their paths resolved in the agent's root, generations and
        // decisions; and loading data the way `opa eval -d` does.
        .target(
            name: "Policy",
            dependencies: [
                "Rego", "JSON", "Identity", .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Rank 3: the egress proxy (explicit and transparent listeners, SSRF guard, decision log).
        .target(
            name: "Proxy",
            dependencies: [
                "Rego", "JSON", "Identity", "Policy",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // Rank 5: the command line.
        .executableTarget(
            name: "airlock",
            dependencies: [
                "Rego", "JSON", "Policy", "Identity", "Proxy",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]),

        // Helpers the test targets share: scratch directories, child processes, static C programs.
        .target(name: "TestSupport", dependencies: ["CAirlockLinux"], path: "Tests/TestSupport"),
        .testTarget(name: "RegoTests", dependencies: ["Rego", "JSON"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON", "Rego"]),
        .testTarget(name: "ConformanceTests", dependencies: ["Rego", "JSON"]),
        .testTarget(
            name: "PolicyTests",
            dependencies: [
                "Policy", "Rego", "JSON", "Identity", "CAirlockLinux", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        // Runs the built `airlock` binary (and unit-tests its output helpers through @testable).
        .testTarget(
            name: "ProxyTests",
            dependencies: [
                "Proxy", "Policy", "Identity", "Rego", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "CLITests", dependencies: ["airlock", "Rego", "TestSupport"]),
        .testTarget(
            name: "IdentityTests",
            dependencies: [
                "Identity", "CAirlockLinux", "Rego", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
