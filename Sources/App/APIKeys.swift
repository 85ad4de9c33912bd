import Domain
import Foundation
import Postgres
import Store

/// Creating, listing, revoking and authenticating API keys.
///
/// A key reads `apk_<prefix>_<secret>`: the prefix (12 characters) finds the row, the secret
/// (43 characters, 256 bits) is compared by its SHA-256. Only the hash is stored.
public struct APIKeyService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    static func randomText(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    public func create(_ input: APIKeyInput, in trust: UUID, audit: AuditContext) async throws -> CreatedAPIKey {
        try input.validate()
        let now = environment.clock.now()
        let prefix = Self.randomText(12).lowercased()
        let secret = Self.randomText(43)
        let key = APIKey(id: environment.newID(), trustId: trust, name: input.name, prefix: prefix,
                         scopes: input.scopes.sorted(), createdAt: now, revokedAt: nil, lastUsedAt: nil,
                         rateLimitPerMinute: input.rateLimitPerMinute, version: 1)
        return try await environment.transaction(.trust(trust)) { [environment] db in
            try APIKeyStore.insert(key, secretHash: APIKeyStore.hash(secret: secret), on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "api_key", resourceId: key.id,
                                        changedFields: FieldNames.set(input)), audit, at: now, on: db)
            return CreatedAPIKey(apiKey: key, key: "apk_\(prefix)_\(secret)")
        }
    }

    public func get(_ id: UUID, in trust: UUID) async throws -> APIKey? {
        try await environment.pool.read(trustID: trust, APIKeyStore.findQuery(id), APIKeyStore.decode).first
    }

    public func list(page: PageRequest, in trust: UUID) async throws -> Page<APIKey> {
        let keys = try await environment.pool.read(trustID: trust, APIKeyStore.listQuery(page: page), APIKeyStore.decode)
        return makePage(keys, limit: page.limit, id: \.id)
    }

    /// Renames a live key or sets its own rate limit (issue 16 §7); a revoked key is gone (404).
    public func update(_ id: UUID, expectedVersion: Int, in trust: UUID, audit: AuditContext,
                       change: @escaping @Sendable (APIKeyInput) throws -> APIKeyInput)
        async throws -> VersionedUpdate<APIKey> {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let current = try APIKeyStore.find(id, on: db) else { return .notFound }
            let before = APIKeyInput(name: current.name, scopes: current.scopes,
                                     rateLimitPerMinute: current.rateLimitPerMinute)
            let after = try change(before)
            try after.validate()
            let result = try APIKeyStore.update(id, name: after.name, rateLimitPerMinute: after.rateLimitPerMinute,
                                                expectedVersion: expectedVersion, on: db)
            if case .updated = result {
                try environment.audit(.init(trustId: trust, action: "update", resourceType: "api_key", resourceId: id,
                                            changedFields: FieldNames.changed(from: before, to: after)),
                                      audit, at: now, on: db)
            }
            return result
        }
    }

    public func revoke(_ id: UUID, in trust: UUID, expectedVersion: Int, audit: AuditContext) async throws -> VersionedDelete {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            let result = try APIKeyStore.revoke(id, expectedVersion: expectedVersion, at: now, on: db)
            if result == .deleted {
                try environment.audit(.init(trustId: trust, action: "revoke", resourceType: "api_key", resourceId: id,
                                            changedFields: ["revoked_at"]), audit, at: now, on: db)
            }
            return result
        }
    }

    /// The key's identity when `presented` is a live key, else nil. Records the use.
    public func authenticate(_ presented: String) async throws -> APIKeyStore.Credential? {
        let parts = presented.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "apk", parts[1].count == 12, parts[2].count == 43,
              presented.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let prefix = String(parts[1])
        guard let credential = try await environment.pool.read(
            settings: [("app.api_key_prefix", prefix)], APIKeyStore.credentialQuery(prefix: prefix),
            APIKeyStore.decodeCredential).first else { return nil }
        guard !credential.revoked,
              constantTimeEqual(credential.secretHash, APIKeyStore.hash(secret: String(parts[2]))) else { return nil }
        let now = environment.clock.now()
        try await environment.transaction(.trust(credential.trustId)) { db in
            try APIKeyStore.touch(credential.id, at: now, on: db)
        }
        return credential
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
