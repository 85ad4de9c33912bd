import Domain
import Foundation
import Postgres
import Store

/// A resource stored per trust with versioned create/read/update/list/delete. Units, people
/// and employments are all this shape; each conforming type maps it to its Store.
public protocol TenantResource: Sendable {
    associatedtype Record: Codable & Sendable
    associatedtype Input: ValidatedInput
    associatedtype Filter: Sendable

    static var name: String { get }
    static func make(id: UUID, trustID: UUID, input: Input, now: Date) -> Record
    static func id(of record: Record) -> UUID
    static var idKeyPath: KeyPath<Record, UUID> & Sendable { get }
    static func version(of record: Record) -> Int
    static func input(of record: Record) -> Input
    static func insert(_ record: Record, on db: Connection) throws
    static func find(_ id: UUID, on db: Connection) throws -> Record?
    static func findQuery(_ id: UUID) -> SQL
    static func listQuery(_ filter: Filter, page: PageRequest) -> SQL
    static func decode(_ row: Row) throws -> Record
    static func update(_ id: UUID, to input: Input, expectedVersion: Int, at now: Date, on db: Connection) throws -> VersionedUpdate<Record>
    static func delete(_ id: UUID, expectedVersion: Int, on db: Connection) throws -> VersionedDelete
}

/// Use cases shared by every tenant resource: validate, then persist in one transaction
/// scoped to the trust.
public struct ResourceService<R: TenantResource>: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func create(_ input: R.Input, in trust: UUID) async throws -> R.Record {
        try input.validate()
        let record = R.make(id: environment.newID(), trustID: trust, input: input, now: environment.clock.now())
        return try await environment.transaction(.trust(trust)) { db in
            try R.insert(record, on: db)
            return record
        }
    }

    /// Reads are one statement in one round trip (see `Pool.read`).
    public func get(_ id: UUID, in trust: UUID) async throws -> R.Record? {
        try await environment.pool.read(trustID: trust, R.findQuery(id), R.decode).first
    }

    public func list(_ filter: R.Filter, page: PageRequest, in trust: UUID) async throws -> Page<R.Record> {
        let records = try await environment.pool.read(trustID: trust, R.listQuery(filter, page: page), R.decode)
        return makePage(records, limit: page.limit, id: R.idKeyPath)
    }

    /// `change` receives the current input and returns the new one (a merge patch applied by
    /// the HTTP layer); it runs inside the transaction, against the row it will update.
    public func update(_ id: UUID, in trust: UUID, expectedVersion: Int,
                       change: @escaping @Sendable (R.Input) throws -> R.Input) async throws -> VersionedUpdate<R.Record> {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { db in
            guard let current = try R.find(id, on: db) else { return .notFound }
            // Invalid input is reported before a stale version: the client must fix it either way.
            let input = try change(R.input(of: current))
            try input.validate()
            guard R.version(of: current) == expectedVersion else { return .stale(current: current) }
            return try R.update(id, to: input, expectedVersion: expectedVersion, at: now, on: db)
        }
    }

    public func delete(_ id: UUID, in trust: UUID, expectedVersion: Int) async throws -> VersionedDelete {
        do {
            return try await environment.transaction(.trust(trust)) { db in
                try R.delete(id, expectedVersion: expectedVersion, on: db)
            }
        } catch let error as PostgresError where error.sqlState == PostgresError.foreignKeyViolation {
            throw StillReferenced(resource: R.name)
        }
    }
}
