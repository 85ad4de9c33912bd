import Domain
import Foundation
import Postgres
import Store

/// OpenID Connect issuers of a trust (issue 3 §1), and who their tokens name.
public struct IdentityProviderService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func create(_ input: IdentityProviderInput, in trust: UUID, audit: AuditContext) async throws -> IdentityProvider {
        try input.validate()
        let now = environment.clock.now()
        let provider = IdentityProvider(id: environment.newID(), trustId: trust, issuer: input.issuer, audience: input.audience,
                                        matchBy: input.matchBy, jwks: input.jwks, version: 1, createdAt: now)
        return try await environment.transaction(.trust(trust)) { [environment] db in
            try IdentityProviderStore.insert(provider, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "identity_provider", resourceId: provider.id,
                                        changedFields: ["audience", "issuer", "jwks", "match_by"]), audit, at: now, on: db)
            return provider
        }
    }

    public func get(_ id: UUID, in trust: UUID) async throws -> IdentityProvider? {
        try await environment.pool.read(trustID: trust, IdentityProviderStore.findQuery(id), IdentityProviderStore.decode).first
    }

    public func list(page: PageRequest, in trust: UUID) async throws -> Page<IdentityProvider> {
        let providers = try await environment.pool.read(trustID: trust, IdentityProviderStore.listQuery(page: page),
                                                        IdentityProviderStore.decode)
        return makePage(providers, limit: page.limit, id: \.id)
    }

    public func delete(_ id: UUID, in trust: UUID, expectedVersion: Int, audit: AuditContext) async throws -> VersionedDelete {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            let result = try IdentityProviderStore.delete(id, expectedVersion: expectedVersion, on: db)
            if result == .deleted {
                try environment.audit(.init(trustId: trust, action: "delete", resourceType: "identity_provider", resourceId: id),
                                      audit, at: now, on: db)
            }
            return result
        }
    }

    /// The providers registered for this issuer, whatever trusts they belong to: a public
    /// issuer (Microsoft's or Google's) may be trusted by several trusts, each with its own
    /// audience; the token's audience and signature decide which one it is for.
    public func providers(issuer: String) async throws -> [IdentityProvider] {
        try await environment.pool.read(settings: [("app.oidc_issuer", issuer)], IdentityProviderStore.byIssuerQuery(issuer),
                                        IdentityProviderStore.decode)
    }

    public struct SignedIn: Sendable, Equatable {
        public var person: UUID
        public var roles: Set<Role>
    }

    /// The person a verified token names in the provider's trust, with their trust-wide roles.
    public func signIn(_ provider: IdentityProvider, claim value: String) async throws -> SignedIn? {
        // Both questions in one round trip: the roles of every match, kept only if there is one.
        let results = try await environment.pool.read(trustID: provider.trustId, [
            IdentityProviderStore.personQuery(matchBy: provider.matchBy, value: value),
            GrantStore.trustRolesOfMatchesQuery(matchBy: provider.matchBy, value: value),
        ])
        let people = try results[0].map { try $0.decode(UUID.self, "id") }
        guard people.count == 1, let person = people.first else { return nil } // unknown, or ambiguous: refuse
        let roles = try results[1].compactMap { Role(rawValue: try $0.decode(String.self, "role")) }
        return SignedIn(person: person, roles: Set(roles))
    }
}
