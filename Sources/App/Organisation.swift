import Domain
import Foundation
import Postgres
import Store

public enum Units: TenantResource {
    public static let name = "unit"
    public static func make(id: UUID, trustID: UUID, input: UnitInput, now: Date) -> OrganisationUnit {
        OrganisationUnit(id: id, trustId: trustID, input: input, version: 1, createdAt: now, updatedAt: now)
    }
    public static func id(of record: OrganisationUnit) -> UUID { record.id }
    public static func version(of record: OrganisationUnit) -> Int { record.version }
    public static func input(of record: OrganisationUnit) -> UnitInput { record.input }
    public static func insert(_ record: OrganisationUnit, on db: Connection) throws { try UnitStore.insert(record, on: db) }
    public static func find(_ id: UUID, on db: Connection) throws -> OrganisationUnit? { try UnitStore.find(id, on: db) }
    public static func findQuery(_ id: UUID) -> SQL { UnitStore.findQuery(id) }
    public static func listQuery(_ filter: UnitStore.Filter, page: PageRequest) -> SQL { UnitStore.listQuery(filter, page: page) }
    public static func decode(_ row: Row) throws -> OrganisationUnit { try UnitStore.decode(row) }
    public static let idKeyPath: KeyPath<OrganisationUnit, UUID> & Sendable = \OrganisationUnit.id
    public static func update(_ id: UUID, to input: UnitInput, expectedVersion: Int, at now: Date,
                              on db: Connection) throws -> VersionedUpdate<OrganisationUnit> {
        try UnitStore.update(id, to: input, expectedVersion: expectedVersion, at: now, on: db)
    }
    public static func delete(_ id: UUID, expectedVersion: Int, on db: Connection) throws -> VersionedDelete {
        try UnitStore.delete(id, expectedVersion: expectedVersion, on: db)
    }
}

public enum People: TenantResource {
    public static let name = "person"
    public static func make(id: UUID, trustID: UUID, input: PersonInput, now: Date) -> Person {
        Person(id: id, trustId: trustID, input: input, version: 1, createdAt: now, updatedAt: now)
    }
    public static func id(of record: Person) -> UUID { record.id }
    public static func version(of record: Person) -> Int { record.version }
    public static func input(of record: Person) -> PersonInput { record.input }
    public static func insert(_ record: Person, on db: Connection) throws { try PersonStore.insert(record, on: db) }
    public static func find(_ id: UUID, on db: Connection) throws -> Person? { try PersonStore.find(id, on: db) }
    public static func findQuery(_ id: UUID) -> SQL { PersonStore.findQuery(id) }
    public static func listQuery(_ filter: PersonStore.Filter, page: PageRequest) -> SQL { PersonStore.listQuery(filter, page: page) }
    public static func decode(_ row: Row) throws -> Person { try PersonStore.decode(row) }
    public static let idKeyPath: KeyPath<Person, UUID> & Sendable = \Person.id
    public static func update(_ id: UUID, to input: PersonInput, expectedVersion: Int, at now: Date,
                              on db: Connection) throws -> VersionedUpdate<Person> {
        try PersonStore.update(id, to: input, expectedVersion: expectedVersion, at: now, on: db)
    }
    public static func delete(_ id: UUID, expectedVersion: Int, on db: Connection) throws -> VersionedDelete {
        try PersonStore.delete(id, expectedVersion: expectedVersion, on: db)
    }
}

public enum Employments: TenantResource {
    public static let name = "employment"
    public static func make(id: UUID, trustID: UUID, input: EmploymentInput, now: Date) -> Employment {
        Employment(id: id, trustId: trustID, input: input, version: 1, createdAt: now, updatedAt: now)
    }
    public static func id(of record: Employment) -> UUID { record.id }
    public static func version(of record: Employment) -> Int { record.version }
    public static func input(of record: Employment) -> EmploymentInput { record.input }
    public static func insert(_ record: Employment, on db: Connection) throws { try EmploymentStore.insert(record, on: db) }
    public static func find(_ id: UUID, on db: Connection) throws -> Employment? { try EmploymentStore.find(id, on: db) }
    public static func findQuery(_ id: UUID) -> SQL { EmploymentStore.findQuery(id) }
    public static func listQuery(_ filter: EmploymentStore.Filter, page: PageRequest) -> SQL { EmploymentStore.listQuery(filter, page: page) }
    public static func decode(_ row: Row) throws -> Employment { try EmploymentStore.decode(row) }
    public static let idKeyPath: KeyPath<Employment, UUID> & Sendable = \Employment.id
    public static func update(_ id: UUID, to input: EmploymentInput, expectedVersion: Int, at now: Date,
                              on db: Connection) throws -> VersionedUpdate<Employment> {
        try EmploymentStore.update(id, to: input, expectedVersion: expectedVersion, at: now, on: db)
    }
    public static func delete(_ id: UUID, expectedVersion: Int, on db: Connection) throws -> VersionedDelete {
        try EmploymentStore.delete(id, expectedVersion: expectedVersion, on: db)
    }
}

/// Trusts are managed at platform scope (creation, listing) or read in their own context.
public struct TrustService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func create(_ input: TrustInput) async throws -> Trust {
        try input.validate()
        let now = environment.clock.now()
        let trust = Trust(id: environment.newID(), name: input.name, kind: input.kind,
                          companiesHouseNumber: input.companiesHouseNumber, version: 1, createdAt: now, updatedAt: now)
        return try await environment.transaction(.platform) { db in
            try TrustStore.insert(trust, on: db)
            return trust
        }
    }

    public func get(_ id: UUID) async throws -> Trust? {
        try await environment.pool.read(trustID: nil, platform: true, TrustStore.findQuery(id), TrustStore.decode).first
    }

    public func list(page: PageRequest) async throws -> Page<Trust> {
        let trusts = try await environment.pool.read(trustID: nil, platform: true, TrustStore.listQuery(page: page), TrustStore.decode)
        return makePage(trusts, limit: page.limit, id: \.id)
    }

    public func update(_ id: UUID, expectedVersion: Int,
                       change: @escaping @Sendable (TrustInput) throws -> TrustInput) async throws -> VersionedUpdate<Trust> {
        let now = environment.clock.now()
        return try await environment.transaction(.platform) { db in
            guard let current = try TrustStore.find(id, on: db) else { return .notFound }
            let input = try change(current.input)
            try input.validate()
            guard current.version == expectedVersion else { return .stale(current: current) }
            return try TrustStore.update(id, to: input, expectedVersion: expectedVersion, at: now, on: db)
        }
    }
}
