import Foundation
import Synchronization

/// Per-credential fair use (issue 16 §7): a fixed one-minute window per credential, each
/// request taking its weight from the credential's quota. A refusal never spends quota, and
/// one credential's use never touches another's. Kept in this process: each instance behind
/// the proxy limits on its own.
final class RateLimiter: Sendable {
    struct Decision: Sendable, Equatable {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// Seconds until the window starts again.
        var reset: Int
    }

    let window: TimeInterval = 60
    private let state = Mutex<[String: (start: Date, used: Int)]>([:])

    func take(_ credential: String, weight: Int, limit: Int, now: Date) -> Decision {
        state.withLock { entries in
            if entries.count > 100_000 { entries.removeAll() } // bounded memory
            var entry = entries[credential] ?? (now, 0)
            if now.timeIntervalSince(entry.start) >= window { entry = (now, 0) }
            let reset = max(1, Int((window - now.timeIntervalSince(entry.start)).rounded(.up)))
            guard entry.used + weight <= limit else {
                entries[credential] = entry
                return Decision(allowed: false, limit: limit, remaining: max(0, limit - entry.used), reset: reset)
            }
            entry.used += weight
            entries[credential] = entry
            return Decision(allowed: true, limit: limit, remaining: limit - entry.used, reset: reset)
        }
    }

    /// What a request costs: a bulk sync by its size (one per 64 KiB of body, about 180 staff),
    /// a page of the feed by its length (one per 100 events); anything else one.
    static func weight(route: String, body: Int, query: [(name: String, value: String)]) -> Int {
        switch route {
        case "/v1/staff-sync": return 1 + body / 65_536
        case "/v1/events":
            let limit = query.last { $0.name == "limit" }.flatMap { Int($0.value) } ?? 100
            return 1 + max(0, min(limit, 200)) / 100
        default: return 1
        }
    }

    /// `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers).
    static func headers(_ decision: Decision) -> [(String, String)] {
        [("RateLimit-Policy", "\"credential\";q=\(decision.limit);w=60"),
         ("RateLimit", "\"credential\";r=\(decision.remaining);t=\(decision.reset)")]
    }
}
