import Domain
import Foundation

// Trusts, accounts, keys, grants, identity providers and the audit log (issues 1–3), as the
// API sends them.

struct TrustResponse: ResponseBody {
    let id: UUID
    let name: String
    let kind: Trust.Kind
    let companiesHouseNumber: String?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ trust: Trust) {
        id = trust.id
        name = trust.name
        kind = trust.kind
        companiesHouseNumber = trust.companiesHouseNumber
        version = trust.version
        createdAt = trust.createdAt
        updatedAt = trust.updatedAt
    }
}

/// An account, never its password hash.
struct AccountResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let personId: UUID
    let email: String
    let disabledAt: Date?
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ account: Account) {
        id = account.id
        trustId = account.trustId
        personId = account.personId
        email = account.email
        disabledAt = account.disabledAt
        version = account.version
        createdAt = account.createdAt
        updatedAt = account.updatedAt
    }
}

/// An API key as listed: its prefix, never the key.
struct APIKeyResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let name: String
    let prefix: String
    let scopes: [APIScope]
    let createdAt: Date
    let revokedAt: Date?
    let lastUsedAt: Date?
    let rateLimitPerMinute: Int?
    let version: Int

    init(_ key: APIKey) {
        rateLimitPerMinute = key.rateLimitPerMinute
        id = key.id
        trustId = key.trustId
        name = key.name
        prefix = key.prefix
        scopes = key.scopes
        createdAt = key.createdAt
        revokedAt = key.revokedAt
        lastUsedAt = key.lastUsedAt
        version = key.version
    }
}

/// The one answer that carries the key itself: the key's fields and `key`, then never again.
struct CreatedAPIKeyResponse: ResponseBody {
    let apiKey: APIKeyResponse
    let key: String

    init(_ created: CreatedAPIKey) {
        apiKey = APIKeyResponse(created.apiKey)
        key = created.key
    }

    enum CodingKeys: String, CodingKey { case key }

    func encode(to encoder: any Encoder) throws {
        try apiKey.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
    }
}

struct GrantResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let personId: UUID
    let role: Role
    let unitId: UUID?
    let version: Int
    let createdAt: Date

    init(_ grant: Grant) {
        id = grant.id
        trustId = grant.trustId
        personId = grant.personId
        role = grant.role
        unitId = grant.unitId
        version = grant.version
        createdAt = grant.createdAt
    }
}

struct IdentityProviderResponse: ResponseBody {
    /// A public key of the provider's JWKS (RFC 7517), as registered.
    struct Key: Encodable {
        let kty: String
        let kid: String
        let alg: String?
        let use: String?
        let n: String?
        let e: String?
        let crv: String?
        let x: String?
        let y: String?
    }

    struct KeySet: Encodable {
        let keys: [Key]
    }

    let id: UUID
    let trustId: UUID
    let issuer: String
    let audience: String
    let matchBy: IdentityProvider.MatchBy
    let jwks: KeySet
    let version: Int
    let createdAt: Date

    init(_ provider: IdentityProvider) {
        id = provider.id
        trustId = provider.trustId
        issuer = provider.issuer
        audience = provider.audience
        matchBy = provider.matchBy
        jwks = KeySet(keys: provider.jwks.keys.map {
            Key(kty: $0.kty, kid: $0.kid, alg: $0.alg, use: $0.use, n: $0.n, e: $0.e, crv: $0.crv, x: $0.x, y: $0.y)
        })
        version = provider.version
        createdAt = provider.createdAt
    }
}

/// One audit event as its chain holds it. Erased identifiers (issue 11 §3) are simply absent.
struct AuditEventResponse: ResponseBody {
    struct Actor: Encodable {
        let kind: AuditActor.Kind
        let id: String?
        let authMethod: String
        let effectiveRole: String?
    }

    let trustId: UUID
    let sequence: Int64
    let id: UUID
    let occurredAt: Date
    let actor: Actor
    let requestId: String?
    let clientAddress: String?
    let action: String
    let resourceType: String
    let resourceId: UUID?
    let subjectPersonId: UUID?
    let outcome: AuditEvent.Outcome
    let reason: String?
    let changedFields: [String]
    let previousHash: String
    let hash: String

    init(_ event: AuditEvent) {
        trustId = event.trustId
        sequence = event.sequence
        id = event.id
        occurredAt = event.occurredAt
        actor = Actor(kind: event.actor.kind, id: event.actor.id, authMethod: event.actor.authMethod,
                      effectiveRole: event.actor.effectiveRole)
        requestId = event.requestId
        clientAddress = event.clientAddress
        action = event.action
        resourceType = event.resourceType
        resourceId = event.resourceId
        subjectPersonId = event.subjectPersonId
        outcome = event.outcome
        reason = event.reason
        changedFields = event.changedFields
        previousHash = event.previousHash
        hash = event.hash
    }
}
