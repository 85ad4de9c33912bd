import Foundation

/// One result row in PostgreSQL's text format, decoded by column name.
public struct Row: Sendable {
    let columns: ColumnIndex
    let values: [String?]

    /// Column names → positions, shared by every row of one result.
    final class ColumnIndex: Sendable {
        let names: [String]
        let positions: [String: Int]
        init(names: [String]) {
            self.names = names
            var positions: [String: Int] = [:]
            for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
            self.positions = positions
        }
    }

    public func isNull(_ column: String) -> Bool {
        guard let position = columns.positions[column] else { return true }
        return values[position] == nil
    }

    // Inlinable, so the stores' calls are specialized for their concrete types: unspecialized,
    // every call built `Optional<T>`'s metadata at run time (13 % of a list page's CPU, perf).
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws -> T {
        guard let text = try text(column) else { throw Self.isNullError(column) }
        guard let value = T(postgresText: text) else { throw Self.typeError(column, "\(T.self)") }
        return value
    }

    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T?.Type = T?.self, _ column: String) throws -> T? {
        guard let text = try text(column) else { return nil }
        guard let value = T(postgresText: text) else { throw Self.typeError(column, "\(T.self)") }
        return value
    }

    /// The column's text, nil for NULL; a column the result does not have is an error.
    @usableFromInline
    func text(_ column: String) throws -> String? {
        guard let position = columns.positions[column] else {
            throw PostgresError(kind: .decoding, column: column, message: "no column \(column) in result")
        }
        return values[position]
    }

    @usableFromInline
    static func isNullError(_ column: String) -> PostgresError {
        PostgresError(kind: .decoding, column: column, message: "column \(column) is NULL")
    }

    @usableFromInline
    static func typeError(_ column: String, _ type: String) -> PostgresError {
        PostgresError(kind: .decoding, column: column, message: "column \(column) is not \(type)")
    }
}

/// A Swift type that can be read from PostgreSQL's text format.
public protocol PostgresDecodable: Sendable {
    init?(postgresText: String)
}

extension String: PostgresDecodable { public init?(postgresText: String) { self = postgresText } }
extension Int: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
extension Int64: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
extension Int32: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
extension Double: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
extension Bool: PostgresDecodable {
    public init?(postgresText: String) {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: return nil
        }
    }
}
extension UUID: PostgresDecodable {
    /// PostgreSQL prints a uuid as 36 lower-case characters; parsed here by hand because
    /// Foundation's `UUID(uuidString:)` goes through libuuid's sscanf (6 % of a list's CPU).
    public init?(postgresText: String) {
        var text = postgresText
        let parsed: UUID?? = text.withUTF8 { bytes -> UUID?? in
            guard bytes.count == 36 else { return .some(nil) }
            var value = [UInt8](repeating: 0, count: 16)
            var byte = 0, high: UInt8? = nil
            for (index, character) in bytes.enumerated() {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard character == UInt8(ascii: "-") else { return .some(nil) }
                    continue
                }
                guard let nibble = Self.nibble(character) else { return .some(nil) }
                if let first = high {
                    value[byte] = first << 4 | nibble
                    byte += 1
                    high = nil
                } else {
                    high = nibble
                }
            }
            return .some(UUID(uuid: (value[0], value[1], value[2], value[3], value[4], value[5], value[6],
                                     value[7], value[8], value[9], value[10], value[11], value[12], value[13],
                                     value[14], value[15])))
        }
        guard let uuid = parsed ?? nil else { return nil }
        self = uuid
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
extension Decimal: PostgresDecodable {
    private static let posix = Locale(identifier: "en_US_POSIX") // one per process, not one per row

    /// Plain numerics (`-12.345`, up to 18 digits) are read by hand: Foundation's parser was 7 %
    /// of a list page's CPU (fte on every employment). Anything else goes to Foundation.
    public init?(postgresText: String) {
        if let plain = Self.plain(postgresText) {
            self = plain
        } else {
            self.init(string: postgresText, locale: Self.posix)
        }
    }

    private static func plain(_ text: String) -> Decimal? {
        var significand: UInt64 = 0, digits = 0, scale = 0, negative = false, point = false
        for (index, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where index == 0: negative = true
            case UInt8(ascii: ".") where !point && digits > 0: point = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return nil } // beyond UInt64's exact digits: Foundation's
                significand = significand * 10 + UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if point { scale += 1 }
            default: return nil
            }
        }
        guard digits > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -scale, significand: Decimal(significand))
    }
}
extension Date: PostgresDecodable {
    public init?(postgresText: String) {
        guard let date = PostgresTimestamp.parse(postgresText) else { return nil }
        self = date
    }
}
extension JSONText: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
