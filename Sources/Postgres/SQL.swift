import Foundation

/// A SQL statement whose interpolated values become bound parameters.
///
///     let sql: SQL = "SELECT * FROM units WHERE id = \(id) AND kind = \(kind)"
///     // text: "SELECT * FROM units WHERE id = $1 AND kind = $2", binds: [id, kind]
///
/// Interpolation is binding: a value can never become SQL text. Raw SQL (a column list,
/// an ORDER BY direction chosen from a closed set) needs the loudly named `unsafeSQL:`.
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var text: String
    public private(set) var binds: [String?]

    public init(stringLiteral value: String) {
        text = value
        binds = []
    }

    public init(unsafeSQL text: String) {
        self.text = text
        binds = []
    }

    public init(stringInterpolation: Interpolation) {
        text = stringInterpolation.text
        binds = stringInterpolation.binds
    }

    public var description: String { text }

    /// Appends another fragment, renumbering its `$n` placeholders after ours.
    public mutating func append(_ other: SQL) {
        let offset = binds.count
        var result = ""
        var scalars = other.text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = scalars.next()
        while let scalar = pending {
            pending = scalars.next()
            guard scalar == "$", let first = pending, ("0"..."9").contains(first) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            var digits = ""
            while let digit = pending, ("0"..."9").contains(digit) {
                digits.unicodeScalars.append(digit)
                pending = scalars.next()
            }
            result += "$\(Int(digits)! + offset)"
        }
        text += result
        binds += other.binds
    }

    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.append(rhs)
        return result
    }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""
        var binds: [String?] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T) {
            binds.append(value.postgresText)
            text += "$\(binds.count)"
        }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T?) {
            binds.append(value?.postgresText)
            text += "$\(binds.count)"
        }

        public mutating func appendInterpolation(unsafeSQL raw: String) {
            text += raw
        }
    }
}

/// A Swift value that can be bound as a parameter in PostgreSQL's text format.
public protocol PostgresEncodable: Sendable {
    var postgresText: String { get }
}

extension String: PostgresEncodable { public var postgresText: String { self } }
extension Int: PostgresEncodable { public var postgresText: String { String(self) } }
extension Int64: PostgresEncodable { public var postgresText: String { String(self) } }
extension Int32: PostgresEncodable { public var postgresText: String { String(self) } }
extension Bool: PostgresEncodable { public var postgresText: String { self ? "t" : "f" } }
extension UUID: PostgresEncodable { public var postgresText: String { uuidString.lowercased() } }
extension Decimal: PostgresEncodable { public var postgresText: String { "\(self)" } }
extension Double: PostgresEncodable { public var postgresText: String { String(self) } }
extension Date: PostgresEncodable {
    public var postgresText: String { PostgresTimestamp.format(self) }
}

/// A JSON document bound as text; the statement casts it (`\(json)::jsonb`).
public struct JSONText: PostgresEncodable, Equatable {
    public var raw: String
    public init(_ raw: String) { self.raw = raw }
    public var postgresText: String { raw }
}
