import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Resolves a host name to its addresses with getaddrinfo (the system resolver, as curl would).
enum Resolver {
    struct Address: Sendable, Equatable {
        /// 4 bytes for IPv4, 16 for IPv6.
        var bytes: [UInt8]
        /// As curl's `CURLOPT_RESOLVE` wants it: IPv6 in brackets.
        var text: String
    }

    static func addresses(of host: String, port: Int) -> [Address] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0 else { return [] }
        defer { freeaddrinfo(list) }
        var found: [Address] = []
        var node = list
        while let info = node?.pointee {
            if let address = info.ai_addr, let made = describe(address, family: info.ai_family), !found.contains(made) {
                found.append(made)
            }
            node = info.ai_next
        }
        return found
    }

    static func describe(_ address: UnsafeMutablePointer<sockaddr>, family: Int32) -> Address? {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        switch family {
        case AF_INET:
            var ip = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr }
            let bytes = withUnsafeBytes(of: &ip) { Array($0) }
            inet_ntop(AF_INET, &ip, &text, socklen_t(text.count))
            return Address(bytes: bytes, text: String(cString: text))
        case AF_INET6:
            var ip = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_addr }
            let bytes = withUnsafeBytes(of: &ip) { Array($0) }
            inet_ntop(AF_INET6, &ip, &text, socklen_t(text.count))
            return Address(bytes: bytes, text: "[" + String(cString: text) + "]")
        default:
            return nil
        }
    }
}
