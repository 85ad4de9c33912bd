import Foundation

/// A result's column names → positions. Every value a store decodes is asked for by name,
/// 22 times for each row of a page of employments; the standard library's `Dictionary`
/// hashes each name with seeded SipHash, which was 7 % of a list page's CPU (perf). This
/// table hashes a name's length and its first and last eight bytes (no seed is needed:
/// the names are the query's, not the caller's), probes linearly in a table kept at most a
/// quarter full, and compares bytes with `memcmp`.
struct ColumnLookup: Sendable {
    private let names: [[UInt8]]
    private let slots: [Int32] // a position in `names`, or -1 for an empty slot
    private let mask: Int

    init(names: [String]) {
        self.names = names.map { Array($0.utf8) }
        var size = 8
        while size < names.count * 4 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for (position, name) in self.names.enumerated() {
            var slot = name.withUnsafeBufferPointer(Self.hash) & (size - 1)
            while slots[slot] != -1 {
                if self.names[Int(slots[slot])] == name { break } // two alike: the first wins
                slot = (slot + 1) & (size - 1)
            }
            if slots[slot] == -1 { slots[slot] = Int32(position) }
        }
        self.slots = slots
        mask = size - 1
    }

    func position(of name: String) -> Int32? {
        var name = name // `withUTF8` does not copy a literal's or a native string's bytes
        return name.withUTF8 { bytes in
            var slot = Self.hash(bytes) & mask
            while slots[slot] != -1 {
                let position = slots[slot]
                if Self.equal(names[Int(position)], bytes) { return position }
                slot = (slot + 1) & mask
            }
            return nil
        }
    }

    private static func equal(_ name: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.count == bytes.count else { return false }
        guard let start = bytes.baseAddress else { return true }
        return name.withUnsafeBufferPointer { memcmp($0.baseAddress!, start, bytes.count) == 0 }
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var head: UInt64 = 0, tail: UInt64 = 0
        if let start = bytes.baseAddress {
            let count = min(bytes.count, 8)
            memcpy(&head, start, count)
            memcpy(&tail, start + (bytes.count - count), count)
        }
        let mixed = (head &* 0x9E37_79B9_7F4A_7C15 ^ tail &* 0xC2B2_AE3D_27D4_EB4F) &+ UInt64(bytes.count)
        return Int(truncatingIfNeeded: ((mixed ^ mixed >> 29) &* 0xBF58_476D_1CE4_E5B9) >> 32)
    }
}
