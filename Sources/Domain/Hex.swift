/// Lower-case hexadecimal, by table. `String(format: "%02x")` per byte is slow on Linux, and
/// digests are written on hot paths (every request's token digest, every audit event's five).
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func lowercase<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(max(64, bytes.underestimatedCount * 2))
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
