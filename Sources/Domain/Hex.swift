import Foundation

/// Lower-case hexadecimal, by table. `String(format: "%02x")` per byte is slow on Linux, and
/// digests are written on hot paths (every request's token digest, every audit event's five).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Written straight into the string's storage from the bytes' own: an audited sync hexes
    /// 40,000 digests, and iterating a digest as a sequence went through a closure per byte.
    public static func lowercase(_ bytes: some ContiguousBytes) -> String {
        bytes.withUnsafeBytes { raw in
            String(unsafeUninitializedCapacity: raw.count * 2) { out in
                for (index, byte) in raw.enumerated() {
                    out[2 * index] = digits[Int(byte >> 4)]
                    out[2 * index + 1] = digits[Int(byte & 0x0F)]
                }
                return raw.count * 2
            }
        }
    }
}
