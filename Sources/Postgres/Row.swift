import CLibPQ
import Foundation

/// One result row in PostgreSQL's text format, decoded by column name.
///
/// A row reads its values where libpq keeps them, in the result it shares with the other
/// rows of its statement (freed with the last of them): a column nobody decodes costs
/// nothing, and a uuid, date or number is parsed from its bytes without becoming a `String`
/// first (issue 12 §2: building 22 strings per row was a fifth of a list page's CPU).
public struct Row: Sendable {
    @usableFromInline let result: Result
    let row: Int32

    /// A libpq result and its column names → positions, shared by every row of it. libpq
    /// never changes a result after it is made, and documents it as safe to read from any
    /// thread; only `deinit` frees it, once nothing refers to it.
    @usableFromInline
    final class Result: @unchecked Sendable {
        let pointer: OpaquePointer
        let columns: ColumnLookup

        init(taking pointer: OpaquePointer) {
            self.pointer = pointer
            columns = ColumnLookup(names: (0..<PQnfields(pointer)).map { String(cString: PQfname(pointer, $0)) })
        }

        deinit { PQclear(pointer) }

        var rows: [Row] { (0..<PQntuples(pointer)).map { Row(result: self, row: $0) } }
    }

    public func isNull(_ column: String) -> Bool {
        guard let position = result.columns.position(of: column) else { return true }
        return PQgetisnull(result.pointer, row, position) == 1
    }

    // Inlinable, so the stores' calls are specialized for their concrete types: unspecialized,
    // every call built `Optional<T>`'s metadata at run time (13 % of a list page's CPU, perf).
    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, _ column: String) throws -> T {
        guard let value = try value(T.self, column) else { throw Self.isNullError(column) }
        return value
    }

    @inlinable
    public func decode<T: PostgresDecodable>(_ type: T?.Type = T?.self, _ column: String) throws -> T? {
        try value(T.self, column)
    }

    /// The column's value, nil for NULL; a column the result does not have, or text that is
    /// not a `T`, is an error.
    @inlinable
    func value<T: PostgresDecodable>(_ type: T.Type, _ column: String) throws -> T? {
        guard let bytes = try bytes(column) else { return nil }
        let value = withExtendedLifetime(result) { T(postgresBytes: bytes) }
        guard let value else { throw Self.typeError(column, "\(T.self)") }
        return value
    }

    /// The column's text as libpq holds it (valid while `result` lives), nil for NULL.
    @usableFromInline
    func bytes(_ column: String) throws -> UnsafeBufferPointer<UInt8>? {
        guard let position = result.columns.position(of: column) else {
            throw PostgresError(kind: .decoding, column: column, message: "no column \(column) in result")
        }
        guard PQgetisnull(result.pointer, row, position) == 0 else { return nil }
        let start = UnsafeRawPointer(PQgetvalue(result.pointer, row, position)!)
        let count = Int(PQgetlength(result.pointer, row, position))
        return UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: count)
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
