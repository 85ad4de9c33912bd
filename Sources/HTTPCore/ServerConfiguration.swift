import Foundation

public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: UInt16
    /// Largest accepted request body; larger declared bodies get 413 before any is read.
    public var maxBodyBytes: Int
    /// Largest request line plus headers; larger gets 431.
    public var maxHeaderBytes: Int
    /// Time a client has to send a complete head, and then its body, once it starts; and the
    /// time an idle keep-alive connection is kept open.
    public var clientTimeout: Duration
    public var idleTimeout: Duration
    /// Connections beyond this get 503 and are closed, so one client cannot exhaust descriptors.
    public var maxConnections: Int
    /// How long shutdown waits for in-flight requests.
    public var shutdownGrace: Duration

    public init(host: String = "0.0.0.0", port: UInt16 = 8080, maxBodyBytes: Int = 1_048_576,
                maxHeaderBytes: Int = 16_384, clientTimeout: Duration = .seconds(15),
                idleTimeout: Duration = .seconds(60), maxConnections: Int = 1_024,
                shutdownGrace: Duration = .seconds(10)) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.clientTimeout = clientTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.shutdownGrace = shutdownGrace
    }
}

/// Accepts `X-Request-Id` only when it is short and plain, so it is safe in logs and headers.
enum RequestID {
    static func accept(_ header: String?) -> String {
        if let header, (1...128).contains(header.utf8.count),
           header.utf8.allSatisfy({ RequestHead.isTokenByte($0) && $0 != UInt8(ascii: "'") }) {
            return header
        }
        return UUID().uuidString.lowercased()
    }
}
