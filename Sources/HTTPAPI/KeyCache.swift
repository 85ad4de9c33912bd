import App
import Domain
import Foundation
import Synchronization

/// Verified API keys, kept briefly so a busy integration costs one database lookup per key
/// per `lifetime`, not one per request. A revoked key is refused by this instance at once
/// (`forget`) and by other instances within `lifetime` (30 s).
final class KeyCache: Sendable {
    struct Entry {
        let credential: APIKeyCredential
        let expires: Date
    }

    let lifetime: TimeInterval
    private let entries = Mutex<[String: Entry]>([:])
    /// Each remembered key's own rate limit (issue 16 §7), by key id.
    private let limits = Mutex<[UUID: Int]>([:])

    init(lifetime: TimeInterval = 30) {
        self.lifetime = lifetime
    }

    /// Keyed by the SHA-256 of the whole presented key, so no secret is held in memory.
    func credential(for tokenHash: String, now: Date) -> APIKeyCredential? {
        entries.withLock { entries in
            guard let entry = entries[tokenHash] else { return nil }
            if entry.expires <= now { entries[tokenHash] = nil; return nil }
            return entry.credential
        }
    }

    func remember(_ credential: APIKeyCredential, for tokenHash: String, now: Date) {
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[tokenHash] = Entry(credential: credential, expires: now.addingTimeInterval(lifetime))
        }
        limits.withLock { limits in
            if limits.count > 10_000 { limits.removeAll() }
            limits[credential.id] = credential.rateLimitPerMinute
        }
    }

    /// The key's own requests a minute, if it has one (known once the key has authenticated).
    func rateLimit(of keyID: UUID) -> Int? {
        limits.withLock { $0[keyID] }
    }

    func forget(keyID: UUID) {
        entries.withLock { entries in entries = entries.filter { $0.value.credential.id != keyID } }
    }
}

/// People signed in with an identity provider's token, by token digest, for at most 30 s.
final class SignedInCache: Sendable {
    private let entries = Mutex<[String: (actor: Actor, until: Date)]>([:])

    func actor(for digest: String, now: Date) -> Actor? {
        entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            if entry.until <= now { entries[digest] = nil; return nil }
            return entry.actor
        }
    }

    func remember(_ actor: Actor, for digest: String, until: Date) {
        entries.withLock { entries in
            if entries.count > 50_000 { entries.removeAll() }
            entries[digest] = (actor, until)
        }
    }
}
