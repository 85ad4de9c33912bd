// swift-tools-version: 6.0
import PackageDescription

// Module layout follows ../shared/DESIGN.md: requests flow
// HTTPCore (sockets, HTTP/1.1) → HTTPAPI (routes, DTOs) → App (use cases) → Domain (rules) → Store (SQL) → Postgres (libpq).
let package = Package(
    name: "Appraise",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "appraise", targets: ["Appraise"]),
    ],
    dependencies: [
        // Pinned exactly: the HTTP layer works around this version's known gaps (see Sources/HTTPCore).
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // swift-crypto 4 because jwt-kit 5.8 asks for it; both NIO-free.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .systemLibrary(name: "CLibPQ", path: "Sources/CLibPQ", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .target(name: "Postgres", dependencies: [
            "CLibPQ",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Domain"),
        .target(name: "Store", dependencies: [
            "Domain", "Postgres", .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        // Webhooks go out through libcurl (issue 16 §4): NIO-free, and it can pin an address.
        // Loaded on the first delivery, not linked (issue 12 §4); its header from libcurl4-openssl-dev.
        .target(name: "CCurl"),
        .target(name: "Outbound", dependencies: [
            "CCurl", "Domain", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // glibc's malloc_trim and mallinfo2 (App/FreedHeap.swift).
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .target(name: "App", dependencies: ["Domain", "Store", "Postgres", "Outbound", "CMalloc"]),
        // PDF for the personnel file (issue 13 §2): cairo draws, Pango sets the text.
        // Loaded on the first print, not linked (issue 12 §4: 4 MB of every server's RSS).
        .target(name: "CPangoCairo"),
        .target(name: "Documents", dependencies: ["CPangoCairo"]),
        // epoll and eventfd for the server's socket pool (Glibc's module leaves them out).
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),
        .target(name: "HTTPCore", dependencies: [
            "CEpoll",
            .product(name: "FlyingSocks", package: "FlyingFox"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Neither Store nor Postgres: SQL stays below the use cases (Tests/APITests/LayeringTests).
        .target(name: "HTTPAPI", dependencies: [
            "App", "Domain", "HTTPCore", "Documents",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
        .executableTarget(name: "Appraise", dependencies: [
            "HTTPAPI", "App", "Postgres", "Store", "Domain", "HTTPCore", "Outbound",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Shared by the test targets: database access, an in-process API, a raw socket client.
        .target(name: "TestSupport", dependencies: ["HTTPAPI", "HTTPCore", "App", "Postgres", "Domain"],
                path: "Tests/TestSupport"),
        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "DocumentsTests", dependencies: ["Documents", "TestSupport"]),
        .testTarget(name: "PostgresTests", dependencies: [
            "Postgres", "Store", "Domain", "App", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "APITests", dependencies: [
            "HTTPAPI", "HTTPCore", "App", "Postgres", "Store", "Domain", "TestSupport",
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
