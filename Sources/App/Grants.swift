import Domain
import Foundation
import Postgres
import Store

/// Giving and taking away roles (issue 3 §2). Both are audited with the person as subject.
public struct GrantService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func create(_ input: GrantInput, in trust: UUID, audit: AuditContext) async throws -> Grant {
        try input.validate()
        let now = environment.clock.now()
        let grant = Grant(id: environment.newID(), trustId: trust, personId: input.personId, role: input.role,
                          unitId: input.unitId, version: 1, createdAt: now)
        return try await environment.transaction(.trust(trust)) { [environment] db in
            try GrantStore.insert(grant, on: db)
            try environment.audit(.init(trustId: trust, action: "grant", resourceType: "grant", resourceId: grant.id,
                                        subjectPersonId: grant.personId, changedFields: ["role"]), audit, at: now, on: db)
            return grant
        }
    }

    public func get(_ id: UUID, in trust: UUID) async throws -> Grant? {
        try await environment.pool.read(trustID: trust, GrantStore.findQuery(id), GrantStore.decode).first
    }

    public func list(person: UUID?, page: PageRequest, in trust: UUID) async throws -> Page<Grant> {
        let grants = try await environment.pool.read(trustID: trust, GrantStore.listQuery(person: person, page: page), GrantStore.decode)
        return makePage(grants, limit: page.limit, id: \.id)
    }

    public func revoke(_ id: UUID, in trust: UUID, expectedVersion: Int, audit: AuditContext) async throws -> VersionedDelete {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let grant = try GrantStore.find(id, on: db) else { return .notFound }
            let result = try GrantStore.delete(id, expectedVersion: expectedVersion, on: db)
            if result == .deleted {
                try environment.audit(.init(trustId: trust, action: "revoke", resourceType: "grant", resourceId: id,
                                            subjectPersonId: grant.personId, changedFields: ["role"]), audit, at: now, on: db)
            }
            return result
        }
    }
}

extension AuthService {
    public struct SessionState: Sendable, Equatable {
        public var live: Bool
        public var roles: Set<Role>
    }

    /// Whether an access token's session is still good, and the person's trust-wide roles now.
    public func sessionState(_ session: UUID, person: UUID, trust: UUID) async throws -> SessionState {
        let now = environment.clock.now()
        let results = try await environment.pool.read(trustID: trust, [
            AccountStore.sessionIsLiveQuery(session, at: now), GrantStore.trustRolesQuery(person: person),
        ])
        let live = try results[0].first?.decode(Int.self, "live") == 1
        let roles = Set(try results[1].compactMap { Role(rawValue: try $0.decode(String.self, "role")) })
        return SessionState(live: live, roles: roles)
    }
}

/// What `GET /v1/me` says of a person: their grants and how they stand to other staff.
public struct PersonStanding: Sendable, Equatable {
    public var grants: [Grant]
    public var employments: [UUID]
    public var lineManages: [UUID]
    public var headOf: [UUID]
    /// Appraisals the person currently reviews, sits on the panel of or advises on.
    public var reviews: [UUID]
}

extension GrantService {
    public func standing(of person: UUID, in trust: UUID) async throws -> PersonStanding {
        let results = try await environment.pool.read(trustID: trust, [
            GrantStore.ofPersonQuery(person), EmploymentStore.ownQuery(of: person), EmploymentStore.reportsQuery(of: person),
            EmploymentStore.reviewsQuery(of: person),
        ])
        let grants = try results[0].map(GrantStore.decode)
        return PersonStanding(
            grants: grants,
            employments: try results[1].map { try $0.decode(UUID.self, "id") },
            lineManages: try results[2].map { try $0.decode(UUID.self, "id") },
            headOf: grants.filter { $0.role == .headteacher }.compactMap(\.unitId),
            reviews: try results[3].map { try $0.decode(UUID.self, "appraisal_id") })
    }
}
