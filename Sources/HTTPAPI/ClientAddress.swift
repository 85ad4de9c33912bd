import Foundation

/// The client's address behind a reverse proxy. `X-Forwarded-For` is believed only when the
/// connection comes from a configured proxy (anyone else could write any address into it);
/// then the rightmost address that is not itself a trusted proxy is the client — entries
/// further left were written by the client and prove nothing.
public struct TrustedProxies: Sendable, Equatable {
    struct Network: Sendable, Equatable {
        var address: [UInt8]
        var prefixLength: Int
    }
    var networks: [Network]

    public static let none = TrustedProxies(networks: [])

    /// Parses `10.0.0.5, 172.30.80.0/24, ::1`; nil names the first entry that is not an address.
    public init(parsing list: String) throws {
        var networks: [Network] = []
        for entry in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = Self.bytes(parts[0]) else { throw InvalidEntry(entry: entry) }
            let length = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let length, (0...(bytes.count * 8)).contains(length) else { throw InvalidEntry(entry: entry) }
            networks.append(Network(address: bytes, prefixLength: length))
        }
        self.networks = networks
    }

    init(networks: [Network]) { self.networks = networks }

    public struct InvalidEntry: Error, Sendable { public let entry: String }

    public var isEmpty: Bool { networks.isEmpty }

    func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return networks.contains { network in
            guard network.address.count == bytes.count else { return false }
            var remaining = network.prefixLength
            for (a, b) in zip(network.address, bytes) where remaining > 0 {
                let bits = min(8, remaining)
                let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
                if a & mask != b & mask { return false }
                remaining -= bits
            }
            return true
        }
    }

    /// The client's address for a request that arrived from `peer` with these forwarded-for values.
    public func client(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard Self.bytes(hop) != nil else { return peer } // a malformed hop: trust nothing beyond the proxy
            if !contains(hop) { return hop }
        }
        return hops.first ?? peer
    }

    /// IPv4 or IPv6 text as bytes (IPv4-mapped IPv6 read as IPv4).
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        if mapped { return Array(bytes[12...]) }
        return bytes
    }
}
