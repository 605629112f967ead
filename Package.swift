// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "memtop",
    products: [
        .executable(name: "memtop", targets: ["memtop"]),
        .executable(name: "memtop-bench", targets: ["memtop-bench"]),
    ],
    targets: [
        // The only C dependency; only MemtopTerminal imports it.
        .systemLibrary(
            name: "CNCursesW",
            path: "Sources/CNCursesW",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // Parsing, sampling and drawing run on every tick even in `swift run` (debug) builds: optimize them always.
        .target(name: "MemtopCore", swiftSettings: [.unsafeFlags(["-O"])]),
        .target(name: "MemtopUI", dependencies: ["MemtopCore"], swiftSettings: [.unsafeFlags(["-O"])]),
        .target(name: "MemtopTerminal", dependencies: ["CNCursesW", "MemtopUI"]),
        .executableTarget(
            name: "memtop",
            dependencies: ["MemtopCore", "MemtopUI", "MemtopTerminal"]
        ),
        .target(name: "MemtopTestSupport", dependencies: ["MemtopCore"]),
        .executableTarget(name: "memtop-bench", dependencies: ["MemtopCore", "MemtopUI", "MemtopTestSupport"]),
        .testTarget(
            name: "MemtopCoreTests",
            dependencies: ["MemtopCore", "MemtopTestSupport"]
        ),
        .testTarget(
            name: "MemtopUITests",
            dependencies: ["MemtopUI", "MemtopTestSupport"]
        ),
        .testTarget(
            name: "MemtopIntegrationTests",
            dependencies: ["MemtopCore", "MemtopTestSupport", "memtop"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
