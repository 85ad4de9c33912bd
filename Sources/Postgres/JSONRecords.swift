import Foundation

/// Rows for `jsonb_to_recordset`, written straight to UTF-8 (issue 16 §1: a sync audits and
/// publishes 20,000 rows in a statement, and Foundation's JSONSerialization spent half the
/// request building them). Only what those rows hold: text, integers, booleans, text arrays.
public struct JSONRecords: Sendable {
    public enum Value: Sendable {
        case text(String?)
        case int(Int64)
        case bool(Bool)
        case texts([String])

        /// The value as a COPY field carries it (`CopyRows`).
        public var copyText: String? {
            switch self {
            case .text(let text): text
            case .int(let number): String(number)
            case .bool(let flag): flag ? "t" : "f"
            case .texts(let items): CopyRows.arrayLiteral(items)
            }
        }
    }

    /// From this many rows a bulk write goes through COPY instead (`CopyRows`): two round trips
    /// more, which pay once a statement holds thousands (20,000 audit rows in psql: 1.3–1.6 s
    /// through `jsonb_to_recordset`, 0.7 s by COPY and INSERT … SELECT).
    public static let copiedFrom = 500

    private var bytes: [UInt8] = [UInt8(ascii: "[")]
    public init() {}

    public var isEmpty: Bool { bytes.count == 1 }

    public mutating func append(_ fields: [(String, Value)]) {
        if !isEmpty { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "{"))
        for (index, (name, value)) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(name)
            bytes.append(UInt8(ascii: ":"))
            switch value {
            case .text(let text?): string(text)
            case .text(nil): bytes.append(contentsOf: "null".utf8)
            case .int(let number): bytes.append(contentsOf: String(number).utf8)
            case .bool(let flag): bytes.append(contentsOf: (flag ? "true" : "false").utf8)
            case .texts(let items):
                bytes.append(UInt8(ascii: "["))
                for (position, item) in items.enumerated() {
                    if position > 0 { bytes.append(UInt8(ascii: ",")) }
                    string(item)
                }
                bytes.append(UInt8(ascii: "]"))
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// The array, to bind as `\(records.json)::jsonb`.
    public var json: JSONText {
        JSONText(String(decoding: bytes + [UInt8(ascii: "]")], as: UTF8.self))
    }

    /// A JSON string (RFC 8259 §7): quote, backslash and control characters escaped.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hex = Array("0123456789abcdef".utf8)
}
