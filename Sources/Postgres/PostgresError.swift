import Foundation

/// An error reported by PostgreSQL or by libpq, carrying what the HTTP layer needs to
/// map it to a status in one place (see `HTTPAPI/ErrorMapping.swift`).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The server answered with an error (SQLSTATE set).
        case server
        /// The connection is broken or could not be made: the request should get 503.
        case connection
        /// No connection became free within the pool's acquire timeout: 503 as well.
        case poolTimeout
        /// A value could not be decoded into the requested Swift type: a programming error.
        case decoding
    }

    public var kind: Kind
    /// Five-character SQLSTATE, e.g. `23505` unique_violation.
    public var sqlState: String?
    public var constraint: String?
    public var column: String?
    public var table: String?
    /// Server message and detail; these can contain row values, so they go to logs only
    /// at debug level and never into HTTP responses.
    public var message: String
    public var detail: String?

    public init(kind: Kind, sqlState: String? = nil, constraint: String? = nil, column: String? = nil,
                table: String? = nil, message: String, detail: String? = nil) {
        self.kind = kind
        self.sqlState = sqlState
        self.constraint = constraint
        self.column = column
        self.table = table
        self.message = message
        self.detail = detail
    }

    public var description: String {
        "PostgresError(\(kind), sqlState: \(sqlState ?? "-"), constraint: \(constraint ?? "-"))"
    }

    /// True when the request may succeed later without any change by the client.
    public var isUnavailable: Bool {
        switch kind {
        case .connection, .poolTimeout: return true
        case .server:
            // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 08xxx connection exceptions
            guard let state = sqlState else { return false }
            return state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03"
        case .decoding: return false
        }
    }

    public static let uniqueViolation = "23505"
    public static let foreignKeyViolation = "23503"
    public static let checkViolation = "23514"
    public static let notNullViolation = "23502"
    public static let exclusionViolation = "23P01"
    public static let serializationFailure = "40001"
    public static let queryCanceled = "57014"
    public static let insufficientPrivilege = "42501"
}
