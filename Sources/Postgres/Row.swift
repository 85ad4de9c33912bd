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
extension UUID: PostgresDecodable { public init?(postgresText: String) { self.init(uuidString: postgresText) } }
extension Decimal: PostgresDecodable {
    public init?(postgresText: String) { self.init(string: postgresText, locale: Locale(identifier: "en_US_POSIX")) }
}
extension Date: PostgresDecodable {
    public init?(postgresText: String) {
        guard let date = PostgresTimestamp.parse(postgresText) else { return nil }
        self = date
    }
}
extension JSONText: PostgresDecodable { public init?(postgresText: String) { self.init(postgresText) } }
