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
public enum RequestID {
    static func accept(_ header: String?) -> String {
        if let header, (1...128).contains(header.utf8.count),
           header.utf8.allSatisfy({ RequestHead.isTokenByte($0) && $0 != UInt8(ascii: "'") }) {
            return header
        }
        return random()
    }

    /// A random (version 4) UUID in lower case. Foundation's `UUID()` opens, reads and closes
    /// /dev/urandom on every call on Linux (8 % of a bare request's CPU, perf); this asks the
    /// kernel's getrandom through the standard library's generator.
    private static let hexDigits = Array("0123456789abcdef".utf8)

    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        let high: UInt64 = generator.next(), low: UInt64 = generator.next()
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * index))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (8 * index))
        }
        bytes[6] = bytes[6] & 0x0F | 0x40 // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80 // RFC 9562 variant
        let digits = hexDigits
        return String(unsafeUninitializedCapacity: 36) { text in
            var position = 0
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 {
                    text[position] = UInt8(ascii: "-")
                    position += 1
                }
                text[position] = digits[Int(byte >> 4)]
                text[position + 1] = digits[Int(byte & 0x0F)]
                position += 2
            }
            return position
        }
    }
}
