// swift-tools-version: 6.0
import PackageDescription

// A minimal SwiftNIO (Hummingbird 2) hello server, built only by `make bench` as the peer
// for the bare-route figures (issue 12 §3). Never a dependency of the product: the product's
// HTTP server does not use SwiftNIO.
let package = Package(
    name: "NIOPeer",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        .executableTarget(name: "NIOPeer", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
    ]
)
