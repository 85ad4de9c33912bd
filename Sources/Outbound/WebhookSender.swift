import CCurl
import Crypto
import Domain
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Delivers one signed webhook over libcurl (issue 16 §4; NIO-free): the host resolved here,
/// every address checked against `WebhookAddress.isForbidden`, and curl pinned to the address
/// checked (`CURLOPT_RESOLVE`), so DNS cannot change between the check and the connection.
/// No redirects; only https (http by configuration, for tests); bounded time. Blocking: call
/// it off Swift's cooperative pool (`WebhookSender.send` runs it on its own thread).
public struct WebhookSender: Sendable {
    public struct Configuration: Sendable {
        public var allowHTTP = false
        /// Loopback and private addresses: for tests, whose receiver listens on 127.0.0.1.
        public var allowPrivateAddresses = false
        public var timeout: Duration = .seconds(10)
        public init() {}
    }

    public struct Result: Sendable, Equatable {
        public var statusCode: Int?
        public var error: String?
        public var duration: Duration
        public var delivered: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
    }

    let configuration: Configuration
    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    static let queue = DispatchQueue(label: "appraise.webhooks", attributes: .concurrent)

    /// Signs and posts `body` as message `id` (Standard Webhooks headers).
    public func send(url: String, id: String, body: String, secret: String, at now: Date) async -> Result {
        let timestamp = String(Int(now.timeIntervalSince1970))
        let signature = StandardWebhooks.signature(id: id, timestamp: timestamp, body: body, secret: secret)
        let headers = [
            "Content-Type: application/json", "User-Agent: Appraise-Webhooks/1",
            "webhook-id: \(id)", "webhook-timestamp: \(timestamp)",
            "webhook-signature: \(signature)",
        ]
        return await withCheckedContinuation { continuation in
            Self.queue.async { continuation.resume(returning: self.post(url, headers: headers, body: body)) }
        }
    }

    func post(_ url: String, headers: [String], body: String) -> Result {
        let started = ContinuousClock.now
        func failed(_ error: String) -> Result { Result(statusCode: nil, error: error, duration: .now - started) }
        guard let address = WebhookAddress.parse(url, allowHTTP: configuration.allowHTTP) else {
            return failed("the URL is not an https URL this server may call")
        }
        let resolved = Resolver.addresses(of: address.host, port: address.port)
        guard let first = resolved.first else { return failed("the host did not resolve") }
        if !configuration.allowPrivateAddresses,
           resolved.contains(where: { WebhookAddress.isForbidden($0.bytes) }) {
            return failed("the host resolves to a loopback, private, link-local or reserved address")
        }
        return Curl.post(url: url, pin: "\(address.host):\(address.port):\(first.text)",
                         allowHTTP: configuration.allowHTTP, headers: headers, body: body,
                         timeout: configuration.timeout, started: started)
    }
}

/// Standard Webhooks signatures: HMAC-SHA256 over `id.timestamp.body` with the secret's bytes
/// (the base64 after `whsec_`), sent as `v1,<base64>`.
public enum StandardWebhooks {
    public static func signature(id: String, timestamp: String, body: String, secret: String) -> String {
        let key = SymmetricKey(data: Data(base64Encoded: String(secret.dropFirst("whsec_".count))) ?? Data())
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(id).\(timestamp).\(body)".utf8), using: key)
        return "v1," + Data(mac).base64EncodedString()
    }

    /// A new secret: 24 random bytes.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "whsec_" + Data(bytes).base64EncodedString()
    }
}
