import Foundation
import Postgres
import Store

// What the API layer names of the stores, under the use cases' names: HTTPAPI imports
// neither Store nor Postgres (issue 11 §1; `LayeringTests` fails the build's tests if it
// does), so SQL and libpq stay below the use cases.

/// A kind of tenant record served by `ResourceService` (units, people, employments).
public typealias TenantResource = TenantStore
public typealias Units = UnitStore
public typealias People = PersonStore
public typealias Employments = EmploymentStore
public typealias AppraisalFilter = AppraisalStore.Filter
public typealias AuditFilter = AuditStore.Filter
public typealias APIKeyCredential = APIKeyStore.Credential
public typealias PolicyVersion = Store.PolicyVersion

/// Times as the API writes them: RFC 3339 in UTC with microseconds, as stored.
public enum Timestamps {
    public static func format(_ date: Date) -> String { PostgresTimestamp.format(date) }
    public static func write(_ date: Date, to output: inout [UInt8]) { PostgresTimestamp.write(date, to: &output) }
}

/// A database failure, as the API answers it; nil for any other error.
public enum DatabaseFailure: Sendable, Equatable {
    /// The server is down, restarting or unreachable: retry.
    case unavailable
    /// A statement timed out or lost a serialisation race: retry.
    case busy
    /// A unique constraint: another record already uses the value.
    case duplicate(constraint: String?)
    /// A foreign key: the record referred to does not exist (in this trust).
    case missingReference(constraint: String?)
    /// A check or not-null constraint.
    case broken(constraint: String?)
    /// A value the column cannot hold (out of range, bad encoding).
    case badValue(constraint: String?)
    /// Anything else the server refused.
    case other

    public static func classify(_ error: any Error) -> (failure: DatabaseFailure, description: String)? {
        guard let error = error as? PostgresError else { return nil }
        return (classify(error), "\(error)")
    }

    static func classify(_ error: PostgresError) -> DatabaseFailure {
        if error.isUnavailable { return .unavailable }
        switch error.sqlState {
        case PostgresError.uniqueViolation?: return .duplicate(constraint: error.constraint)
        case PostgresError.foreignKeyViolation?: return .missingReference(constraint: error.constraint)
        case PostgresError.checkViolation?, PostgresError.notNullViolation?:
            return .broken(constraint: error.constraint)
        case PostgresError.queryCanceled?, PostgresError.serializationFailure?: return .busy
        case let state? where state.hasPrefix("22"): return .badValue(constraint: error.constraint)
        default: return .other
        }
    }
}

/// Operations' view of the database.
public struct OperationsService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// The newest migration applied to the database.
    public func appliedMigration() async throws -> Int {
        try await Migrator.appliedVersion(using: environment.pool)
    }
}
