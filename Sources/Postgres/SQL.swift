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
    /// Whether PostgreSQL plans this statement once per connection (see `plannedOnce()`).
    public private(set) var plansOnce = false
    /// Whether it is planned afresh for every run, with its values: it binds a value whose
    /// size or content decides the best plan (`PostgresEncodable.shapesThePlan`).
    public private(set) var plansEachRun = false

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
        plansEachRun = stringInterpolation.plansEachRun
    }

    /// `INSERT INTO table (columns) VALUES ($1, …)`, binding `values` in the columns' order.
    public init(insertInto table: String, columns: String, values: [String?]) {
        let placeholders = values.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
        text = "INSERT INTO \(table) (\(columns)) VALUES (\(placeholders))"
        binds = values
    }

    public var description: String { text }

    /// The same statement, planned once per connection and run with that one plan for every
    /// set of values (PostgreSQL's generic plan, `plan_cache_mode = force_generic_plan` for
    /// this statement only). For statements whose plan does not depend on the values but
    /// whose planning costs more than running them: PostgreSQL's own choice kept planning the
    /// record access check afresh for every request, 5 ms to run in 0.5 ms (issue 12).
    public func plannedOnce() -> SQL {
        var copy = self
        copy.plansOnce = true
        return copy
    }

    /// The same statement, planned with its values on every run, never with a plan kept for
    /// the connection. For statements over a whole trust's rows: PostgreSQL estimates
    /// `trust_id = app_current_trust()` with the trust current when it plans, so a plan kept
    /// from a trust of ten concerns read the next trust's 10,000 against 10,000 support plans
    /// in a nested loop (7 s); planned for that trust, a hash join takes 26 ms.
    public func plannedEachRun() -> SQL {
        var copy = self
        copy.plansEachRun = true
        return copy
    }

    /// Appends another fragment, renumbering its `$n` placeholders after ours. Works on
    /// UTF-8 bytes, and not at all when nothing needs renumbering: the record access query
    /// is built from dozens of fragments on every request.
    public mutating func append(_ other: SQL) {
        let offset = binds.count
        binds += other.binds
        plansEachRun = plansEachRun || other.plansEachRun
        guard offset > 0, !other.binds.isEmpty else {
            text += other.text
            return
        }
        let source = Array(other.text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(source.count + other.binds.count * 2)
        var index = 0
        while index < source.count {
            let byte = source[index]
            index += 1
            guard byte == UInt8(ascii: "$"), index < source.count, Self.isDigit(source[index]) else {
                result.append(byte)
                continue
            }
            var number = 0
            while index < source.count, Self.isDigit(source[index]) {
                number = number * 10 + Int(source[index] - UInt8(ascii: "0"))
                index += 1
            }
            result.append(UInt8(ascii: "$"))
            result.append(contentsOf: String(number + offset).utf8)
        }
        text += String(decoding: result, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The same statement with some bound values swapped for others (a cached statement
    /// built once with stand-in values, then bound per use).
    public func rebinding(_ values: [String: String]) -> SQL {
        var copy = self
        copy.binds = binds.map { bind in bind.flatMap { values[$0] } ?? bind }
        return copy
    }

    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        var result = lhs
        result.append(rhs)
        return result
    }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""
        var binds: [String?] = []
        var plansEachRun = false

        public init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + interpolationCount * 3)
        }

        public mutating func appendLiteral(_ literal: String) {
            text += literal
        }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T) {
            binds.append(value.postgresText)
            plansEachRun = plansEachRun || value.shapesThePlan
            text += "$\(binds.count)"
        }

        public mutating func appendInterpolation<T: PostgresEncodable>(_ value: T?) {
            binds.append(value?.postgresText)
            plansEachRun = plansEachRun || value?.shapesThePlan == true
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
    /// True for a value whose size decides the best plan, such as a list of ids bound as one
    /// array: a statement binding one is planned with its values on every run, never with
    /// PostgreSQL's generic plan. That plan guesses ten elements for any array and may then
    /// read the whole trust's rows and filter them by the list: `appraisal_id = ANY ($1)`
    /// over a trust of 2,000,000 objectives took 3 s for an empty list once a connection
    /// had run it five times (it takes 0.04 ms planned with the list).
    var shapesThePlan: Bool { get }
}

extension PostgresEncodable {
    public var shapesThePlan: Bool { false }
}

extension String: PostgresEncodable { public var postgresText: String { self } }
extension Int: PostgresEncodable { public var postgresText: String { String(self) } }
extension Int64: PostgresEncodable { public var postgresText: String { String(self) } }
extension Int32: PostgresEncodable { public var postgresText: String { String(self) } }
extension Bool: PostgresEncodable { public var postgresText: String { self ? "t" : "f" } }
extension UUID: PostgresEncodable {
    /// Lower case, by table: Foundation's `uuidString` formats through `snprintf` on Linux and
    /// `lowercased()` copies it again — 0.7 µs an id, and a staff sync writes 300,000 of them.
    public var postgresText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { text in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    text[position] = lowercaseHexDigits[Int(byte >> 4)]
                    text[position + 1] = lowercaseHexDigits[Int(byte & 0x0F)]
                    position += 2
                }
                return position
            }
        }
    }
}
private let lowercaseHexDigits = Array("0123456789abcdef".utf8)
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
