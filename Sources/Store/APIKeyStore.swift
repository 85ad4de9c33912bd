import Crypto
import Domain
import Foundation
import Postgres

/// API keys (migration 0003).
public enum APIKeyStore {
    /// What authentication needs about a presented key.
    public struct Credential: Sendable, Equatable {
        public var id: UUID
        public var trustId: UUID
        public var secretHash: String
        public var scopes: Set<APIScope>
        public var revoked: Bool
        public var rateLimitPerMinute: Int?
    }

    static let columns = """
        id, trust_id, name, prefix, array_to_string(scopes, ',') AS scopes, created_at, revoked_at, last_used_at, \
        rate_limit_per_minute, version
        """

    public static func hash(secret: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(secret.utf8)))
    }

    static func scopes(_ text: String) throws -> [APIScope] {
        try text.split(separator: ",").map { try String($0).asEnum(APIScope.self) }
    }

    public static func decode(_ row: Row) throws -> APIKey {
        APIKey(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
               name: try row.decode(String.self, "name"), prefix: try row.decode(String.self, "prefix"),
               scopes: try scopes(try row.decode(String.self, "scopes")), createdAt: try row.decode(Date.self, "created_at"),
               revokedAt: try row.decode(Date?.self, "revoked_at"), lastUsedAt: try row.decode(Date?.self, "last_used_at"),
               rateLimitPerMinute: try row.decode(Int?.self, "rate_limit_per_minute"),
               version: try row.decode(Int.self, "version"))
    }

    public static func insert(_ key: APIKey, secretHash: String, on db: Connection) throws {
        let scopes = "{" + key.scopes.map(\.rawValue).joined(separator: ",") + "}"
        try db.query("""
            INSERT INTO api_keys (trust_id, id, name, prefix, secret_hash, scopes, rate_limit_per_minute, created_at,
                version)
            VALUES (\(key.trustId), \(key.id), \(key.name), \(key.prefix), \(secretHash), \(scopes)::text[],
                \(key.rateLimitPerMinute),
                    \(key.createdAt), \(key.version))
            """)
    }

    /// A live key: a revoked one is gone from reads (its history is in the audit log).
    public static func findQuery(_ id: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM api_keys WHERE id = \(id) AND revoked_at IS NULL"
    }

    public static func find(_ id: UUID, on db: Connection) throws -> APIKey? {
        try db.query(findQuery(id)).first.map(decode)
    }

    public static func listQuery(page: PageRequest) -> SQL {
        var conditions = Conditions()
        conditions.add("revoked_at IS NULL")
        conditions.page(page)
        return conditions.query(select: columns, from: "api_keys", page: page)
    }

    /// A live key's new name and rate limit, when `expectedVersion` is current.
    public static func update(_ id: UUID, name: String, rateLimitPerMinute: Int?, expectedVersion: Int,
                              on db: Connection) throws -> VersionedUpdate<APIKey> {
        let rows = try db.query("""
            UPDATE api_keys SET name = \(name), rate_limit_per_minute = \(rateLimitPerMinute), version = version + 1
            WHERE id = \(id) AND version = \(expectedVersion) AND revoked_at IS NULL
            RETURNING \(unsafeSQL: columns)
            """)
        if let row = rows.first { return .updated(try decode(row)) }
        guard let current = try find(id, on: db) else { return .notFound }
        return .stale(current: current)
    }

    /// Revokes (never deletes: the audit log refers to keys). Guarded by version like a delete.
    public static func revoke(_ id: UUID, expectedVersion: Int, at now: Date, on db: Connection) throws -> VersionedDelete {
        let rows = try db.query("""
            UPDATE api_keys SET revoked_at = \(now), version = version + 1
            WHERE id = \(id) AND version = \(expectedVersion) AND revoked_at IS NULL RETURNING id
            """)
        if !rows.isEmpty { return .deleted }
        return try find(id, on: db) == nil ? .notFound : .stale
    }

    /// The lookup statement for a presented prefix; run with `app.api_key_prefix` set to it
    /// (see the row-level security policy in migration 0003).
    public static func credentialQuery(prefix: String) -> SQL {
        """
        SELECT id, trust_id, secret_hash, array_to_string(scopes, ',') AS scopes, revoked_at IS NOT NULL AS revoked,
               rate_limit_per_minute
        FROM api_keys WHERE prefix = \(prefix)
        """
    }

    public static func decodeCredential(_ row: Row) throws -> Credential {
        Credential(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                   secretHash: try row.decode(String.self, "secret_hash"),
                   scopes: Set(try scopes(try row.decode(String.self, "scopes"))),
                   revoked: try row.decode(Bool.self, "revoked"),
                   rateLimitPerMinute: try row.decode(Int?.self, "rate_limit_per_minute"))
    }

    public static func touch(_ id: UUID, at now: Date, on db: Connection) throws {
        try db.query("UPDATE api_keys SET last_used_at = \(now) WHERE id = \(id)")
    }
}
