import Foundation

/// Where a webhook may be delivered (issue 16 §4: SSRF-safe). The URL is checked when it is
/// saved; the addresses its host resolves to are checked again at every delivery, since DNS
/// can change between the two — and the delivery then connects to the address checked.
public struct WebhookAddress: Sendable, Equatable {
    public var secure: Bool
    public var host: String
    public var port: Int

    /// An absolute http(s) URL without user info or fragment; `allowHTTP` only in tests.
    public static func parse(_ text: String, allowHTTP: Bool) -> WebhookAddress? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "https" || (allowHTTP && scheme == "http"),
              let host = components.host, !host.isEmpty, components.user == nil, components.password == nil,
              components.fragment == nil else { return nil }
        let secure = scheme == "https"
        return WebhookAddress(secure: secure, host: host.lowercased(), port: components.port ?? (secure ? 443 : 80))
    }

    /// Whether an address is one no webhook may reach: loopback, private, link-local (where
    /// cloud metadata lives), carrier-grade NAT, multicast, unspecified or reserved.
    public static func isForbidden(_ bytes: [UInt8]) -> Bool {
        if bytes.count == 16 {
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible addresses are judged as IPv4.
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
                return isForbidden(Array(bytes[12...]))
            }
            if bytes[0..<15].allSatisfy({ $0 == 0 }) { return true }          // :: and ::1
            if bytes[0] == 0xff { return true }                                // multicast
            if bytes[0] & 0xfe == 0xfc { return true }                         // fc00::/7 unique local
            if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return true }     // fe80::/10 link-local
            if bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0x0d && bytes[3] == 0xb8 { return true } // docs
            if bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b { return true } // NAT64
            return false
        }
        guard bytes.count == 4 else { return true }
        let (a, b) = (bytes[0], bytes[1])
        switch a {
        case 0, 10, 127: return true                                 // this network, private, loopback
        case 100 where b & 0xc0 == 64: return true                   // 100.64.0.0/10 carrier-grade NAT
        case 169 where b == 254: return true                         // link-local, cloud metadata
        case 172 where b & 0xf0 == 16: return true                   // 172.16.0.0/12
        case 192 where b == 168: return true                         // 192.168.0.0/16
        case 192 where b == 0 && bytes[2] == 0: return true          // 192.0.0.0/24 protocol assignments
        case 198 where b & 0xfe == 18: return true                   // 198.18.0.0/15 benchmarking
        case 224...255: return true                                  // multicast, reserved, broadcast
        default: return false
        }
    }
}

/// How long to wait before each next attempt at an event that failed (issue 16 §4): quickly at
/// first, then hours apart, about three days in all; after the last, the subscription is
/// disabled and the trust told.
public enum WebhookRetrySchedule {
    /// Seconds before attempt 2, 3, …: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h, 8 h, then
    /// every 12 h — 15 attempts over about 75 hours.
    public static let delays: [TimeInterval] = [5, 30, 120, 600, 1_800, 3_600, 7_200, 14_400, 28_800,
                                                43_200, 43_200, 43_200, 43_200, 43_200]

    /// The wait after `attempts` failed attempts (scaled down in tests), or nil: give up.
    public static func delay(afterAttempts attempts: Int, scale: Double = 1) -> TimeInterval? {
        guard attempts >= 1, attempts <= delays.count else { return nil }
        return delays[attempts - 1] * scale
    }
}
