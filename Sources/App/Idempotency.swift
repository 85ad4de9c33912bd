import Foundation
import Postgres
import Store

public typealias StoredResponse = IdempotencyStore.StoredResponse

/// Idempotency-Key handling for POSTs: same key and body → the first response again; same key,
/// other body → refused; still running → conflict. The request's writes, its audit events and
/// the stored response commit in one transaction; a request that fails stores nothing, so the
/// client can correct it and retry with the same key.
public struct IdempotencyService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// How long the request's transaction may sit idle between statements before PostgreSQL
    /// ends it (and so frees the key): a stalled or dead instance holds a key for seconds.
    static let leaseSeconds = 15

    public enum Outcome<T: Sendable>: Sendable {
        case performed(T)
        case replayed(StoredResponse)
        case inFlight
        case differentRequest
    }

    /// Runs `perform` once per key. `perform` returns its result and the response to store.
    public func once<T: Sendable>(trustID: UUID?, credential: String, key: String, requestHash: String,
                                  _ perform: () async throws -> (T, StoredResponse)) async throws -> Outcome<T> {
        let now = environment.clock.now()
        // A failure of `perform` is the request's answer: what it wrote (a refusal's audit
        // event, say) commits as it would have alone, and no response is stored.
        let outcome: Result<Outcome<T>, any Error> = try await environment.pool.sharedTransaction(
            trustID: trustID, platform: trustID == nil, leaseSeconds: Self.leaseSeconds) { shared in
            let claim = try await shared.savepoint { db in
                try IdempotencyStore.claim(credential: credential, key: key, requestHash: requestHash, at: now, on: db)
            }
            switch claim {
            case .inFlight: return .success(.inFlight)
            case .differentRequest: return .success(.differentRequest)
            case .completed(let stored): return .success(.replayed(stored))
            case .claimed:
                let value: T, stored: StoredResponse
                do { (value, stored) = try await perform() } catch { return .failure(error) }
                let kept = try await shared.savepoint { db in
                    try IdempotencyStore.complete(trustID: trustID, credential: credential, key: key,
                                                  requestHash: requestHash,
                                                  response: stored, at: now, on: db)
                }
                // Taken under another trust's context: undo this request's writes.
                guard kept else { throw IdempotencyKeyTaken() }
                return .success(.performed(value))
            }
        }
        return try outcome.get()
    }
}

/// The key exists under another trust: the request is refused and nothing it wrote is kept.
public struct IdempotencyKeyTaken: Error, Sendable {}
