import Domain
import Foundation
import Postgres

/// Identity providers (migration 0006) and the person a verified token names.
public enum IdentityProviderStore {
    static let columns = "id, trust_id, issuer, audience, match_by, jwks::text AS jwks, version, created_at"

    public static func decode(_ row: Row) throws -> IdentityProvider {
        let jwks = try JSONDecoder().decode(JSONWebKeySet.self, from: Data(try row.decode(String.self, "jwks").utf8))
        return IdentityProvider(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                                issuer: try row.decode(String.self, "issuer"), audience: try row.decode(String.self, "audience"),
                                matchBy: try row.decode(String.self, "match_by").asEnum(IdentityProvider.MatchBy.self),
                                jwks: jwks, version: try row.decode(Int.self, "version"),
                                createdAt: try row.decode(Date.self, "created_at"))
    }

    public static func insert(_ provider: IdentityProvider, on db: Connection) throws {
        let jwks = String(decoding: try JSONEncoder().encode(provider.jwks), as: UTF8.self)
        try db.query("""
            INSERT INTO identity_providers (trust_id, id, issuer, audience, match_by, jwks, version, created_at)
            VALUES (\(provider.trustId), \(provider.id), \(provider.issuer), \(provider.audience),
                    \(provider.matchBy.rawValue), \(jwks)::jsonb, \(provider.version), \(provider.createdAt))
            """)
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM identity_providers WHERE id = \(id)" }

    public static func find(_ id: UUID, on db: Connection) throws -> IdentityProvider? {
        try db.query(findQuery(id)).first.map(decode)
    }

    public static func listQuery(page: PageRequest) -> SQL {
        var conditions = Conditions()
        conditions.page(page)
        return conditions.query(select: columns, from: "identity_providers", page: page)
    }

    public static func delete(_ id: UUID, expectedVersion: Int, on db: Connection) throws -> VersionedDelete {
        try deleteVersioned(table: "identity_providers", id: id, expectedVersion: expectedVersion, on: db)
    }

    /// Run with `app.oidc_issuer` set to `issuer`.
    public static func byIssuerQuery(_ issuer: String) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM identity_providers WHERE issuer = \(issuer)"
    }

    /// The person a token names, in the provider's trust (run in that trust's context).
    public static func personQuery(matchBy: IdentityProvider.MatchBy, value: String) -> SQL {
        switch matchBy {
        case .email: return "SELECT id FROM people WHERE lower(email) = lower(\(value))"
        case .subject: return "SELECT id FROM people WHERE external_id = \(value)"
        }
    }
}
