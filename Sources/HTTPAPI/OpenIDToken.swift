import Domain
import Foundation
import JWTKit

/// Verifies an OpenID Connect ID token (RFC 7519 / OIDC Core §3.1.3.7) against a provider's
/// JWKS through jwt-kit: RS256 (RSASSA-PKCS1-v1_5 with SHA-256) or ES256 (ECDSA P-256). `iss`,
/// `aud`, `exp` and `nbf` are checked here against the provider and the service's clock; any
/// other `alg` — `none` included — is refused before a key is used.
enum OpenIDToken {
    /// The key type each accepted algorithm needs.
    static let keyTypes = ["RS256": "RSA", "ES256": "EC"]

    struct Claims: JWTPayload {
        let iss: String
        let sub: String
        let aud: AudienceClaim   // a string or an array of strings (RFC 7519 §4.1.3)
        let exp: Double
        let nbf: Double?
        let email: String?

        /// Nothing here: the claims are checked against the provider and the clock in `verify`.
        func verify(using algorithm: some JWTAlgorithm) {}
    }

    /// The issuer a token claims, read before verification only to find its provider.
    static func unverifiedIssuer(_ token: String) -> String? {
        guard let token = UnverifiedToken(token), let algorithm = token.algorithm,
              keyTypes[algorithm] != nil else { return nil }
        return token.issuer
    }

    /// The claim that names the person (email or subject) of a valid token; nil otherwise.
    static func verify(_ token: String, provider: IdentityProvider, now: Date,
                       leeway: TimeInterval = 60) async -> (value: String, expires: Date)? {
        guard let unverified = UnverifiedToken(token), let algorithm = unverified.algorithm,
              let key = provider.jwks.keys.first(where: { $0.kid == unverified.keyID }),
              keyTypes[algorithm] == key.kty, key.alg == nil || key.alg == algorithm,
              let keys = await collection(holding: key),
              let claims = try? await keys.verify(token, as: Claims.self) else { return nil }
        let seconds = now.timeIntervalSince1970
        guard claims.iss == provider.issuer, claims.aud.value.contains(provider.audience),
              claims.exp > seconds - leeway, (claims.nbf ?? 0) <= seconds + leeway else { return nil }
        let value: String? = switch provider.matchBy {
        case .email: claims.email
        case .subject: claims.sub
        }
        guard let value, !value.isEmpty else { return nil }
        return (value, Date(timeIntervalSince1970: claims.exp))
    }

    /// jwt-kit's own JWK, read from the provider's stored key; nil if it is not a usable key.
    private static func collection(holding key: JSONWebKey) async -> JWTKeyCollection? {
        guard let json = try? JSONEncoder().encode(key),
              let jwk = try? JSONDecoder().decode(JWK.self, from: json) else { return nil }
        return try? await JWTKeyCollection().add(jwk: jwk)
    }
}
