import Domain
import Foundation
import Postgres
import Store

/// Trusts are managed at platform scope (creation, listing) or read in their own context.
public struct TrustService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func create(_ input: TrustInput, audit: AuditContext) async throws -> Trust {
        try input.validate()
        let now = environment.clock.now()
        let trust = Trust(id: environment.newID(), name: input.name, kind: input.kind,
                          companiesHouseNumber: input.companiesHouseNumber, version: 1, createdAt: now, updatedAt: now)
        return try await environment.transaction(.platform) { [environment] db in
            try TrustStore.insert(trust, on: db)
            // The trust's own chain starts with its creation.
            try environment.audit(.init(trustId: trust.id, action: "create", resourceType: "trust", resourceId: trust.id,
                                        changedFields: FieldNames.set(input)), audit, at: now, on: db)
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

    public func update(_ id: UUID, expectedVersion: Int, audit: AuditContext,
                       change: @escaping @Sendable (TrustInput) throws -> TrustInput) async throws -> VersionedUpdate<Trust> {
        let now = environment.clock.now()
        return try await environment.transaction(.platform) { [environment] db in
            guard let current = try TrustStore.find(id, on: db) else { return .notFound }
            let input = try change(current.input)
            try input.validate()
            guard current.version == expectedVersion else { return .stale(current: current) }
            let result = try TrustStore.update(id, to: input, expectedVersion: expectedVersion, at: now, on: db)
            if case .updated = result {
                try environment.audit(.init(trustId: id, action: "update", resourceType: "trust", resourceId: id,
                                            changedFields: FieldNames.changed(from: current.input, to: input)),
                                      audit, at: now, on: db)
            }
            return result
        }
    }
}
