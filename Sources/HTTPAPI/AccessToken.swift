import App
import Foundation
import JWTKit
import Synchronization

/// Short-lived access tokens for logged-in users: JWT (RFC 7519) signed with HMAC-SHA256
/// under `APPRAISE_TOKEN_SECRET`, through jwt-kit. Only `HS256` is accepted — a header naming
/// `none` or any other algorithm is refused before the signature is looked at.
struct AccessToken: Sendable {
    static let lifetime: TimeInterval = 15 * 60
    static let issuer = "appraise"

    struct Claims: JWTPayload, Equatable {
        var iss: String
        var sub: String   // account id
        var tid: String   // trust id
        var pid: String   // person id
        var sid: String   // session id
        var iat: Int
        var exp: Int

        /// The issuer here; expiry in `verify(_:now:)`, against the service's clock.
        func verify(using algorithm: some JWTAlgorithm) throws {
            guard iss == AccessToken.issuer else {
                throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "not issued by Appraise")
            }
        }
    }

    /// jwt-kit's key collection is an actor made asynchronously; the task is made once.
    private let keys: Task<JWTKeyCollection, Never>

    /// No secret (`appraise routes`, which serves nothing): no key, so nothing signs or verifies;
    /// jwt-kit traps on a key shorter than the hash in debug builds.
    init(secret: String) {
        keys = Task {
            let keys = JWTKeyCollection()
            guard !secret.isEmpty else { return keys }
            return await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        }
    }

    func sign(_ claims: Claims) async throws -> String {
        try await keys.value.sign(claims)
    }

    /// The claims of a valid, unexpired token signed with our key; nil otherwise.
    func verify(_ token: String, now: Date) async -> Claims? {
        guard UnverifiedToken(token)?.algorithm == "HS256",
              let claims = try? await keys.value.verify(token, as: Claims.self),
              Double(claims.exp) > now.timeIntervalSince1970 else { return nil }
        return claims
    }
}

/// What a token says about itself before it is verified — read only to choose the key,
/// the provider or the rule that verifies it.
struct UnverifiedToken {
    private struct Issuer: JWTPayload {
        let iss: String?
        func verify(using algorithm: some JWTAlgorithm) {}
    }

    let algorithm: String?
    let keyID: String?
    let issuer: String?

    init?(_ token: String) {
        guard let parsed = try? DefaultJWTParser().parse(Array(token.utf8), as: Issuer.self) else { return nil }
        algorithm = parsed.header.alg
        keyID = parsed.header.kid
        issuer = parsed.payload.iss
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
