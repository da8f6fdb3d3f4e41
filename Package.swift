// swift-tools-version:6.2
// confsync: cluster configuration in git, validated, deployed over mutual TLS.
import PackageDescription

let package = Package(
    name: "confsync",
    products: [
        .executable(name: "confsync", targets: ["confsync"]),
        // The director service (`confsync serve` runs it): the one binary with the web console.
        .executable(name: "confsync-director", targets: ["confsync-director"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", exact: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
    ],
    targets: [
        // C libraries from the system (apt: libgit2-dev, libssl-dev, libpam0g-dev, zlib1g-dev).
        .systemLibrary(
            name: "CGit2", path: "Sources/CGit2", pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(
            name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CPAM", path: "Sources/CPAM", pkgConfig: "pam", providers: [.apt(["libpam0g-dev"])]),
        // zlib (apt: zlib1g-dev, which libgit2-dev brings): the objects of the packs GitStore writes.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Pure modules.
        .target(name: "Diagnostics"),
        .target(name: "ClusterConfig", dependencies: ["Diagnostics"]),
        .target(name: "SquidConfig", dependencies: ["Diagnostics"]),
        .target(name: "LdirectordConfig", dependencies: ["Diagnostics"]),
        .target(name: "Wire"),
        // One line per event for the journal, as a swift-log handler.
        .target(name: "JournalLog", dependencies: [.product(name: "Logging", package: "swift-log")]),

        // Safe wrappers over the C libraries (one each); Posix is the one over libc's files,
        // directories, errno and processes.
        .target(name: "Posix"),
        .target(name: "GitStore", dependencies: ["CGit2", "CZlib", "COpenSSL", "Posix"]),
        .target(name: "Transport", dependencies: ["COpenSSL", "Posix", "Wire"]),
        .target(name: "PAM", dependencies: ["CPAM"]),

        // Composition.
        .target(
            name: "Director",
            dependencies: ["Posix", "GitStore", "ClusterConfig", "Validation", "Diagnostics"]),
        .target(
            name: "Validation",
            dependencies: ["Posix", "Diagnostics", "ClusterConfig", "SquidConfig", "LdirectordConfig"]),
        // The TLS accept / authenticate / dispatch loop the agent and replication plug into.
        .target(name: "Serving", dependencies: ["Transport", "Wire", .product(name: "Logging", package: "swift-log")]),
        .target(
            name: "Agent", dependencies: ["Posix", "Wire", "Transport", "Serving", .product(name: "Logging", package: "swift-log")]),
        // The deploy ledger: records as git notes, node refs, the journals of deploys in flight.
        .target(name: "Ledger", dependencies: ["Director", "GitStore", "Wire", "Posix"]),
        .target(
            name: "Deploy",
            dependencies: ["Director", "Ledger", "GitStore", "Wire", "Transport", "ClusterConfig", "Posix"]),
        .target(
            name: "Replication",
            dependencies: [
                "Director", "Ledger", "GitStore", "Wire", "Transport", "ClusterConfig", "Serving", "Diagnostics", "Posix",
            ]),
        .target(
            name: "Operations", dependencies: ["Director", "Deploy", "Ledger", "GitStore", "Diagnostics", "Validation", "Wire", "Posix"]),
        .target(
            name: "Service",
            dependencies: [
                "Operations", "Director", "Deploy", "GitStore", "ClusterConfig", "Validation", "JournalLog", "Posix",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "WebConsole",
            dependencies: [
                "Service", "Operations", "Director", "Deploy", "GitStore", "Diagnostics", "Validation", "PAM", "Transport",
                "JournalLog", "Posix", .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]),
        .target(
            name: "Commands",
            dependencies: [
                "Diagnostics", "GitStore", "ClusterConfig", "Validation", "Director", "Transport",
                "Wire", "Agent", "Serving", "Deploy", "Ledger", "Replication", "Operations", "Service", "JournalLog", "Posix",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // libgit2 started without the CA bundle it would parse for HTTPS (see its offline.c).
        .target(name: "CGit2Offline"),
        .executableTarget(name: "confsync", dependencies: ["Commands", "GitStore", "CGit2Offline"]),
        .executableTarget(
            name: "confsync-director",
            dependencies: ["Commands", "WebConsole", "Service", "GitStore", "CGit2Offline", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // Tests: one target beside each module, plus end-to-end; TestSupport holds what
        // several share (a seeded generator, temporary directories, a process runner).
        .target(name: "TestSupport", dependencies: ["Posix"], path: "Tests/TestSupport"),
        .target(
            name: "LedgerTestSupport", dependencies: ["Ledger", "Director", "GitStore", "TestSupport"],
            path: "Tests/LedgerTestSupport"),
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "ClusterConfigTests", dependencies: ["ClusterConfig", "Diagnostics", "TestSupport"]),
        .testTarget(
            name: "SquidConfigTests", dependencies: ["SquidConfig", "Diagnostics", "TestSupport"],
            exclude: ["Corpus", "RealWorld"]),
        .testTarget(
            name: "LdirectordConfigTests", dependencies: ["LdirectordConfig", "Diagnostics", "TestSupport"],
            exclude: ["Corpus", "Oracle", "RealWorld"]),
        .testTarget(name: "WireTests", dependencies: ["Wire", "TestSupport"]),
        .testTarget(
            name: "JournalLogTests", dependencies: ["JournalLog", .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "PosixTests", dependencies: ["Posix", "TestSupport"]),
        .testTarget(name: "GitStoreTests", dependencies: ["GitStore", "TestSupport"]),
        .testTarget(name: "TransportTests", dependencies: ["Transport", "Wire", "TestSupport"]),
        .testTarget(name: "ValidationTests", dependencies: ["Validation", "Diagnostics", "ClusterConfig"]),
        .testTarget(
            name: "ServingTests",
            dependencies: [
                "Serving", "Transport", "Wire", "JournalLog", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "AgentTests",
            dependencies: [
                "Agent", "Posix", "Serving", "Wire", "Transport", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "DirectorTests", dependencies: ["Director", "GitStore", "Diagnostics", "Posix", "TestSupport"]),
        .testTarget(
            name: "DeployTests",
            dependencies: [
                "Deploy", "Ledger", "Director", "GitStore", "Wire", "ClusterConfig", "Diagnostics", "Posix", "Transport",
                "TestSupport", "LedgerTestSupport",
            ]),
        .testTarget(
            name: "LedgerTests", dependencies: ["Ledger", "Director", "GitStore", "Wire", "TestSupport", "LedgerTestSupport"]),
        .testTarget(name: "OperationsTests", dependencies: ["Operations", "Director", "GitStore", "TestSupport"]),
        .testTarget(
            name: "ReplicationTests", dependencies: ["Replication", "Director", "GitStore", "Wire", "ClusterConfig", "TestSupport"]),
        .testTarget(
            name: "CommandsTests",
            dependencies: ["Commands", "Deploy", "Director", "GitStore", "Transport", "Wire", "Service", "TestSupport"]),
    ]
)

// Every warning in our own code is an error (dependencies keep their own settings).
for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + [.treatAllWarnings(as: .error)]
}
