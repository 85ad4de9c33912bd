import Foundation
import Synchronization

/// Makes identifiers. Production uses UUIDv7 (RFC 9562 §5.7): time-ordered, so primary-key
/// order is creation order, B-tree inserts stay local, and cursors over `id` list oldest first.
public struct IDGenerator: Sendable {
    private let make: @Sendable () -> UUID
    public init(_ make: @escaping @Sendable () -> UUID) { self.make = make }
    public func callAsFunction() -> UUID { make() }

    public static let uuidV7 = IDGenerator { uuidV7(at: Date()) }

    public static func uuidV7(at date: Date) -> UUID {
        let milliseconds = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                    UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &bytes) { bytes in
            for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - UInt64(index)))) }
            IdentifierRandomness.shared.fill(UnsafeMutableRawBufferPointer(rebasing: bytes[6..<16]))
            bytes[6] = (bytes[6] & 0x0F) | 0x70 // version 7
            bytes[8] = (bytes[8] & 0x3F) | 0x80 // RFC 9562 variant
        }
        return UUID(uuid: bytes)
    }
}

/// The random part of identifiers, drawn from the kernel 4 KiB at a time. Drawing
/// each byte on its own cost ten getrandom calls an id, and a staff sync makes 60,000 ids
/// (a tenth of its server time). Every byte is handed out once, so ids stay unguessable.
final class IdentifierRandomness: Sendable {
    static let shared = IdentifierRandomness()
    private static let poolSize = 4096
    private let pool = Mutex<(bytes: [UInt8], used: Int)>(([UInt8](repeating: 0, count: poolSize), poolSize))

    func fill(_ target: UnsafeMutableRawBufferPointer) {
        pool.withLock { pool in
            if pool.used + target.count > Self.poolSize {
                // glibc's arc4random_buf is the kernel's getrandom, as the standard library's generator.
                pool.bytes.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, Self.poolSize) }
                pool.used = 0
            }
            for index in 0..<target.count { target[index] = pool.bytes[pool.used + index] }
            pool.used += target.count
        }
    }
}

/// The clock, injected so rules and tests never read the wall clock themselves (DESIGN §5).
public struct Clock: Sendable {
    private let read: @Sendable () -> Date
    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }
    public func now() -> Date { read() }
    public static let system = Clock { Date() }
}

/// One page of a keyset-paginated list: rows after `after`, in id order.
public struct PageRequest: Sendable, Equatable {
    public static let defaultLimit = 50
    public static let maximumLimit = 200
    public var limit: Int
    public var after: UUID?
    public init(limit: Int = PageRequest.defaultLimit, after: UUID? = nil) {
        self.limit = limit
        self.after = after
    }
}

public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// The last id of this page when more rows may follow.
    public var nextAfter: UUID?
    public init(items: [Item], nextAfter: UUID?) {
        self.items = items
        self.nextAfter = nextAfter
    }
}

// RFC 9562 §4: UUIDs are output in lowercase. Foundation writes them uppercase; these
// overloads are chosen by the synthesised Codable conformances of this module's types.
extension KeyedEncodingContainer {
    public mutating func encode(_ value: UUID, forKey key: Key) throws {
        try encode(value.uuidString.lowercased(), forKey: key)
    }

    public mutating func encodeIfPresent(_ value: UUID?, forKey key: Key) throws {
        guard let value else { return }
        try encode(value.uuidString.lowercased(), forKey: key)
    }

    public mutating func encode(_ value: [UUID], forKey key: Key) throws {
        try encode(value.map { $0.uuidString.lowercased() }, forKey: key)
    }
}
