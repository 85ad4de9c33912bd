import Foundation

/// A JSON Web Key (RFC 7517) as an identity provider publishes it: RSA (`n`, `e`) or P-256 (`x`, `y`).
public struct JSONWebKey: Sendable, Equatable, Codable {
    public var kty: String
    public var kid: String
    public var alg: String?
    public var use: String?
    public var n: String?
    public var e: String?
    public var crv: String?
    public var x: String?
    public var y: String?

    public init(kty: String, kid: String, alg: String? = nil, use: String? = nil, n: String? = nil, e: String? = nil,
                crv: String? = nil, x: String? = nil, y: String? = nil) {
        self.kty = kty
        self.kid = kid
        self.alg = alg
        self.use = use
        self.n = n
        self.e = e
        self.crv = crv
        self.x = x
        self.y = y
    }
}

public struct JSONWebKeySet: Sendable, Equatable, Codable {
    public var keys: [JSONWebKey]
    public init(keys: [JSONWebKey]) { self.keys = keys }
}

/// An OpenID Connect issuer a trust signs in with.
public struct IdentityProvider: Sendable, Equatable, Codable {
    public enum MatchBy: String, Sendable, Codable, CaseIterable {
        /// The token's `email` claim equals a person's email (case-insensitively).
        case email
        /// The token's `sub` claim equals a person's `external_id`.
        case subject
    }

    public var id: UUID
    public var trustId: UUID
    public var issuer: String
    public var audience: String
    public var matchBy: MatchBy
    public var jwks: JSONWebKeySet
    public var version: Int
    public var createdAt: Date

    public init(id: UUID, trustId: UUID, issuer: String, audience: String, matchBy: MatchBy, jwks: JSONWebKeySet,
                version: Int, createdAt: Date) {
        self.id = id
        self.trustId = trustId
        self.issuer = issuer
        self.audience = audience
        self.matchBy = matchBy
        self.jwks = jwks
        self.version = version
        self.createdAt = createdAt
    }
}

public struct IdentityProviderInput: Sendable, Equatable, Codable, ValidatedInput {
    public var issuer: String
    public var audience: String
    public var matchBy: IdentityProvider.MatchBy
    public var jwks: JSONWebKeySet

    public static let fields: Set<String> = ["issuer", "audience", "match_by", "jwks"]

    public init(issuer: String, audience: String, matchBy: IdentityProvider.MatchBy, jwks: JSONWebKeySet) {
        self.issuer = issuer
        self.audience = audience
        self.matchBy = matchBy
        self.jwks = jwks
    }

    public func validate() throws {
        var check = Validator()
        // OIDC Core §2: the issuer is an https URL (no query, no fragment).
        let url = URL(string: issuer)
        check.check(issuer.hasPrefix("https://") && url?.host?.isEmpty == false && issuer.unicodeScalars.count <= 500
                        && !issuer.unicodeScalars.contains { $0 == "?" || $0 == "#" || $0 == "\u{0}" || $0.properties.isWhitespace },
                    "issuer", "format", "must be the provider's https issuer URL")
        check.text(audience, "audience", max: 500)
        check.check(!jwks.keys.isEmpty, "jwks.keys", "min_items", "must hold at least one key")
        for (index, key) in jwks.keys.enumerated() {
            let field = "jwks.keys[\(index)]"
            check.check(!key.kid.isEmpty, "\(field).kid", "required", "must name the key (kid)")
            switch key.kty {
            case "RSA":
                check.check(key.n?.isEmpty == false && key.e?.isEmpty == false, field, "rsa", "an RSA key needs n and e")
            case "EC":
                check.check(key.crv == "P-256" && key.x?.isEmpty == false && key.y?.isEmpty == false, field, "ec",
                            "an EC key must be P-256 with x and y")
            default:
                check.fail("\(field).kty", "enum", "must be RSA or EC")
            }
        }
        check.check(Set(jwks.keys.map(\.kid)).count == jwks.keys.count, "jwks.keys", "unique_kid", "must not repeat a kid")
        try check.result()
    }
}
