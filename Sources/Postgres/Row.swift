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

    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws -> T {
        guard let value = try decode(Optional<T>.self, column) else {
            throw PostgresError(kind: .decoding, column: column, message: "column \(column) is NULL")
        }
        return value
    }

    public func decode<T: PostgresDecodable>(_ type: T?.Type = T?.self, _ column: String) throws -> T? {
        guard let position = columns.positions[column] else {
            throw PostgresError(kind: .decoding, column: column, message: "no column \(column) in result")
        }
        guard let text = values[position] else { return nil }
        guard let value = T(postgresText: text) else {
            throw PostgresError(kind: .decoding, column: column, message: "column \(column) is not \(T.self)")
        }
        return value
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
    public init?(postgresText: String) { self.init(string: postgresText, locale: Self.posix) }
}
extension Date: PostgresDecodable {
    public init?(postgresText: String) {
        guard let date = PostgresTimestamp.parse(postgresText) else { return nil }
        self = date
    }
}
extension JSONText: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
