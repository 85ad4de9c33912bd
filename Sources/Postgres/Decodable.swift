import Foundation

/// A Swift type that can be read from PostgreSQL's text format.
public protocol PostgresDecodable: Sendable {
    /// The value from its text as libpq holds it; nil if the text is not one.
    init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>)
}

extension PostgresDecodable {
    /// The same from a `String` (tests; values that did not come from a result).
    public init?(postgresText: String) {
        var text = postgresText
        guard let value = text.withUTF8({ Self(postgresBytes: $0) }) else { return nil }
        self = value
    }
}

extension String: PostgresDecodable {
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) { self.init(decoding: bytes, as: UTF8.self) }
}
extension Int: PostgresDecodable {
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard let value = PlainNumber(bytes), !value.point, let integer = Int(exactly: value.signed) else {
            self.init(String(decoding: bytes, as: UTF8.self)) // beyond 18 digits: the standard library's
            return
        }
        self = integer
    }
}
extension Int64: PostgresDecodable {
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard let value = Int(postgresBytes: bytes) else { return nil }
        self.init(value)
    }
}
extension Int32: PostgresDecodable {
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard let value = Int(postgresBytes: bytes) else { return nil }
        self.init(exactly: value)
    }
}
extension Double: PostgresDecodable {
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) { self.init(String(decoding: bytes, as: UTF8.self)) }
}
extension Bool: PostgresDecodable {
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) {
        switch bytes.count == 1 ? bytes[0] : 0 { // PostgreSQL prints a boolean as `t` or `f`
        case UInt8(ascii: "t"): self = true
        case UInt8(ascii: "f"): self = false
        default:
            switch String(decoding: bytes, as: UTF8.self) {
            case "true": self = true
            case "false": self = false
            default: return nil
            }
        }
    }
}
extension JSONText: PostgresDecodable {
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) { self.init(String(decoding: bytes, as: UTF8.self)) }
}

extension UUID: PostgresDecodable {
    /// PostgreSQL prints a uuid as 36 lower-case characters; parsed here by hand because
    /// Foundation's `UUID(uuidString:)` goes through libuuid's sscanf (6 % of a list's CPU).
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) {
        let dash = UInt8(ascii: "-")
        guard bytes.count == 36, bytes[8] == dash, bytes[13] == dash, bytes[18] == dash, bytes[23] == dash else {
            return nil
        }
        let nibbles = Self.nibbles
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var seen: UInt8 = 0 // every nibble or'ed: above 0x0F if any character was not hex
        withUnsafeMutableBytes(of: &value) { output in
            var index = 0
            for byte in 0..<16 {
                if index == 8 || index == 13 || index == 18 || index == 23 { index += 1 }
                let high = nibbles[Int(bytes[index])], low = nibbles[Int(bytes[index + 1])]
                seen |= high | low
                output[byte] = high << 4 | low
                index += 2
            }
        }
        guard seen <= 0x0F else { return nil }
        self.init(uuid: value)
    }

    /// Each byte's value as a hex digit, 0xFF for any other byte.
    private static let nibbles: [UInt8] = (0...255).map { (character: Int) -> UInt8 in
        switch UInt8(character) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(character) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(character) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(character) - UInt8(ascii: "A") + 10
        default: 0xFF
        }
    }
}

extension Decimal: PostgresDecodable {
    private static let posix = Locale(identifier: "en_US_POSIX") // one per process, not one per row

    /// Plain numerics (`-12.345`, up to 18 digits) are read by hand: Foundation's parser was 7 %
    /// of a list page's CPU (fte on every employment). Anything else goes to Foundation.
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) {
        if let plain = PlainNumber(bytes) {
            self.init(sign: plain.negative ? .minus : .plus, exponent: -plain.scale, significand: Decimal(plain.digits))
        } else {
            self.init(string: String(decoding: bytes, as: UTF8.self), locale: Self.posix)
        }
    }
}

extension Date: PostgresDecodable {
    public init?(postgresBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard let date = PostgresTimestamp.parse(bytes) else { return nil }
        self = date
    }
}

/// `-12.345`: an optional minus, up to 18 digits (exact in a UInt64) and an optional point.
struct PlainNumber {
    var digits: UInt64 = 0
    var scale = 0
    var negative = false
    var point = false

    var signed: Int64 { negative ? -Int64(digits) : Int64(digits) }

    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        var count = 0
        for (index, byte) in bytes.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: ".") where !point && count > 0: point = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard count < 18 else { return nil }
                digits = digits * 10 + UInt64(byte - UInt8(ascii: "0"))
                count += 1
                if point { scale += 1 }
            default: return nil
            }
        }
        guard count > 0 else { return nil }
    }
}
