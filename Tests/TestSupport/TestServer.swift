import Foundation
import HTTPAPI
import HTTPCore
import Logging

/// The real server on an ephemeral loopback port, serving `TestAPI`.
public final class TestServer: Sendable {
    public let server: Server
    public let api: TestAPI

    public init(api: TestAPI = TestAPI(), logger: Logger = TestServer.quietLogger,
                configure: (inout ServerConfiguration) -> Void = { _ in }) async throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0)
        configure(&configuration)
        self.api = api
        let handler = api.api
        server = Server(configuration: configuration, logger: logger,
                        observer: { handler.observe($0, $1, $2) }, handler: { await handler.handle($0) })
        try await server.start()
    }

    /// Access lines would drown the test output; warnings and errors still show.
    public static var quietLogger: Logger {
        var logger = Logger(label: "test-server")
        logger.logLevel = .warning
        return logger
    }

    public var port: UInt16 { server.port ?? 0 }

    public func client(receiveTimeout: TimeInterval = 10) throws -> RawClient {
        try RawClient(port: port, receiveTimeout: receiveTimeout)
    }

    public func stop() async { await server.shutdown() }
}
