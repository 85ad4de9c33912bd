import Crypto
import _CryptoExtras
import Domain
import Foundation

/// Verifies an OpenID Connect ID token (RFC 7519 / OIDC Core §3.1.3.7) against a provider's
/// JWKS: RS256 (RSASSA-PKCS1-v1_5 with SHA-256) or ES256 (ECDSA P-256). `iss`, `aud`, `exp` and
/// `nbf` are checked; any other `alg` — `none` included — is refused.
enum OpenIDToken {
    struct Header: Decodable { let alg: String; let kid: String? }

    struct Claims: Decodable {
        let iss: String
        let sub: String
        let aud: Audience
        let exp: Double
        let nbf: Double?
        let email: String?
    }

    /// `aud` is a string or an array of strings (RFC 7519 §4.1.3).
    enum Audience: Decodable {
        case one(String), many([String])
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let value = try? container.decode(String.self) { self = .one(value) } else { self = .many(try container.decode([String].self)) }
        }
        func contains(_ audience: String) -> Bool {
            switch self {
            case .one(let value): return value == audience
            case .many(let values): return values.contains(audience)
            }
        }
    }

    /// The issuer a token claims, read before verification only to find its provider.
    static func unverifiedIssuer(_ token: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = decode(Header.self, parts[0]), ["RS256", "ES256"].contains(header.alg),
              let payload = AccessToken.decodeBase64URL(parts[1]),
              let object = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else { return nil }
        return object["iss"] as? String
    }

    /// The claim that names the person (email or subject) of a valid token; nil otherwise.
    static func verify(_ token: String, provider: IdentityProvider, now: Date, leeway: TimeInterval = 60) -> (value: String, expires: Date)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = decode(Header.self, parts[0]),
              let key = provider.jwks.keys.first(where: { $0.kid == header.kid }),
              key.alg == nil || key.alg == header.alg,
              let signature = AccessToken.decodeBase64URL(parts[2]) else { return nil }
        let signed = Data("\(parts[0]).\(parts[1])".utf8)
        switch (header.alg, key.kty) {
        case ("RS256", "RSA"):
            guard let n = key.n.flatMap({ AccessToken.decodeBase64URL(Substring($0)) }),
                  let e = key.e.flatMap({ AccessToken.decodeBase64URL(Substring($0)) }),
                  let publicKey = try? _RSA.Signing.PublicKey(n: n, e: e),
                  publicKey.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: signed,
                                             padding: .insecurePKCS1v1_5) else { return nil }
        case ("ES256", "EC"):
            guard let x = key.x.flatMap({ AccessToken.decodeBase64URL(Substring($0)) }),
                  let y = key.y.flatMap({ AccessToken.decodeBase64URL(Substring($0)) }),
                  let publicKey = try? P256.Signing.PublicKey(rawRepresentation: x + y),
                  let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature),
                  publicKey.isValidSignature(ecdsa, for: signed) else { return nil }
        default:
            return nil
        }
        guard let claims = decode(Claims.self, parts[1]), claims.iss == provider.issuer, claims.aud.contains(provider.audience),
              claims.exp > now.timeIntervalSince1970 - leeway,
              (claims.nbf ?? 0) <= now.timeIntervalSince1970 + leeway else { return nil }
        let value: String? = switch provider.matchBy {
        case .email: claims.email
        case .subject: claims.sub
        }
        guard let value, !value.isEmpty else { return nil }
        return (value, Date(timeIntervalSince1970: claims.exp))
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ part: Substring) -> T? {
        AccessToken.decodeBase64URL(part).flatMap { try? JSONDecoder().decode(T.self, from: $0) }
    }
}
