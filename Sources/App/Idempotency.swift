import Foundation
import Postgres
import Store

public typealias StoredResponse = IdempotencyStore.StoredResponse
public typealias IdempotencyClaim = IdempotencyStore.Claim

/// Idempotency-Key handling for POSTs: same key and body → the first response again; same key,
/// other body → refused; still running → conflict. A failed attempt releases its key so the
/// client can correct the request and retry with the same key.
public struct IdempotencyService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func claim(trustID: UUID?, credential: String, key: String, requestHash: String) async throws -> IdempotencyClaim {
        let now = environment.clock.now()
        let scope: Scope = trustID.map { .trust($0) } ?? .platform
        return try await environment.transaction(scope) { db in
            try IdempotencyStore.claim(trustID: trustID, credential: credential, key: key,
                                       requestHash: requestHash, at: now, on: db)
        }
    }

    public func complete(trustID: UUID?, credential: String, key: String, response: StoredResponse) async throws {
        let scope: Scope = trustID.map { .trust($0) } ?? .platform
        try await environment.transaction(scope) { db in
            try IdempotencyStore.complete(credential: credential, key: key, response: response, on: db)
        }
    }

    public func release(trustID: UUID?, credential: String, key: String) async {
        let scope: Scope = trustID.map { .trust($0) } ?? .platform
        _ = try? await environment.transaction(scope) { db in
            try IdempotencyStore.release(credential: credential, key: key, on: db)
        }
    }
}
