import App
import Crypto
import Foundation
import Synchronization

/// Short-lived access tokens for logged-in users: JWT (RFC 7519) signed with HMAC-SHA256
/// under `APPRAISE_TOKEN_SECRET`. Only `HS256` is accepted — `alg: none` or any other value is
/// refused before the signature is looked at.
struct AccessToken: Sendable, Equatable {
    static let lifetime: TimeInterval = 15 * 60
    static let issuer = "appraise"

    struct Claims: Codable, Equatable, Sendable {
        var iss: String
        var sub: String   // account id
        var tid: String   // trust id
        var pid: String   // person id
        var sid: String   // session id
        var iat: Int
        var exp: Int
    }

    /// Kept as bytes (SymmetricKey is not Sendable); a key is made per use, which is cheap.
    let secret: Data

    init(secret: String) {
        self.secret = Data(secret.utf8)
    }

    private var key: SymmetricKey { SymmetricKey(data: secret) }

    func sign(_ claims: Claims) -> String {
        let header = Self.base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let payload = Self.base64URL((try? encoder.encode(claims)) ?? Data())
        let input = "\(header).\(payload)"
        let signature = Data(HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key))
        return "\(input).\(Self.base64URL(signature))"
    }

    /// The claims of a valid, unexpired token signed with our key; nil otherwise.
    func verify(_ token: String, now: Date) -> Claims? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Self.decodeBase64URL(parts[0]),
              let header = try? JSONDecoder().decode([String: String].self, from: headerData),
              header["alg"] == "HS256",
              let signature = Self.decodeBase64URL(parts[2]),
              HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: key),
              let payload = Self.decodeBase64URL(parts[1]),
              let claims = try? JSONDecoder().decode(Claims.self, from: payload),
              claims.iss == Self.issuer, Double(claims.exp) > now.timeIntervalSince1970 else { return nil }
        return claims
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}

/// Whether sessions are still live, and their people's roles, remembered for 30 s: a disabled account or a logout is
/// refused within 30 s on every instance (issue 3 asks for 60), at one query per session per 30 s.
final class SessionCache: Sendable {
    let lifetime: TimeInterval = 30
    private let entries = Mutex<[UUID: (state: AuthService.SessionState, expires: Date)]>([:])

    func cached(_ session: UUID, now: Date) -> AuthService.SessionState? {
        entries.withLock { entries in
            guard let entry = entries[session], entry.expires > now else { return nil }
            return entry.state
        }
    }

    func remember(_ session: UUID, _ state: AuthService.SessionState, now: Date) {
        entries.withLock { entries in
            if entries.count > 100_000 { entries.removeAll() }
            entries[session] = (state, now.addingTimeInterval(lifetime))
        }
    }

    func forgetAll() {
        entries.withLock { $0.removeAll() }
    }
}

/// Access tokens already verified, by digest, until they expire: the signature and claims of a
/// token are checked once, not on every request (its session is still re-checked every 30 s).
final class VerifiedTokens: Sendable {
    private let entries = Mutex<[String: AccessToken.Claims]>([:])

    func claims(for digest: String, now: Date) -> AccessToken.Claims? {
        entries.withLock { entries in
            guard let claims = entries[digest] else { return nil }
            if Double(claims.exp) <= now.timeIntervalSince1970 { entries[digest] = nil; return nil }
            return claims
        }
    }

    func remember(_ claims: AccessToken.Claims, for digest: String) {
        entries.withLock { entries in
            if entries.count > 50_000 { entries.removeAll() }
            entries[digest] = claims
        }
    }
}
