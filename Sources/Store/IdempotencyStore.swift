import Foundation
import Postgres

/// Idempotency-Key records (migration 0001). The key is checked and its response stored in
/// the same transaction as the request's writes, so the two commit together: there is never
/// a write without its stored answer, nor a stored answer without its write. While a request
/// runs its key is held by a transaction-scoped advisory lock, which ends with the
/// transaction — by commit, rollback or a dead connection — so no key is left stuck.
public enum IdempotencyStore {
    public struct StoredResponse: Sendable, Equatable {
        public var status: Int
        public var headers: [String: String]
        public var body: String
        public init(status: Int, headers: [String: String], body: String) {
            self.status = status
            self.headers = headers
            self.body = body
        }
    }

    public enum Claim: Sendable, Equatable {
        case claimed
        case inFlight
        case differentRequest
        case completed(StoredResponse)
    }

    /// Keys are kept for a day; an older record is treated as absent and replaced.
    public static let retention: TimeInterval = 24 * 3600

    /// Takes the key for this transaction, or says why not.
    public static func claim(credential: String, key: String, requestHash: String, at now: Date,
                             on db: Connection) throws -> Claim {
        let lock = try db.query("""
            SELECT pg_try_advisory_xact_lock(
                hashtextextended(concat_ws(chr(10), \(credential)::text, \(key)::text), 0)) AS locked
            """)
        guard try lock.first?.decode(Bool.self, "locked") == true else { return .inFlight }
        // Holding the lock, nothing else runs under this key: an expired record, or an
        // `in_flight` one an earlier version left behind, is nobody's.
        try db.query("""
            DELETE FROM idempotency_keys WHERE credential = \(credential) AND key = \(key)
              AND (created_at < \(now.addingTimeInterval(-retention)) OR state = 'in_flight')
            """)
        guard let row = try db.query("""
            SELECT request_hash, state, response_status, response_headers::text AS headers, response_body
            FROM idempotency_keys WHERE credential = \(credential) AND key = \(key)
            """).first else {
            // None here — or one under another trust's context, which the insert will refuse.
            return .claimed
        }
        guard try row.decode(String.self, "request_hash") == requestHash else { return .differentRequest }
        let headersJSON = try row.decode(String?.self, "headers") ?? "{}"
        let headers = (try? JSONDecoder().decode([String: String].self, from: Data(headersJSON.utf8))) ?? [:]
        return .completed(StoredResponse(status: try row.decode(Int.self, "response_status"), headers: headers,
                                         body: try row.decode(String?.self, "response_body") ?? ""))
    }

    /// Stores the response, in the transaction that made the writes. False when the key is
    /// already taken under another trust (the request is then refused and rolled back).
    public static func complete(trustID: UUID?, credential: String, key: String, requestHash: String,
                                response: StoredResponse, at now: Date, on db: Connection) throws -> Bool {
        let headers = String(decoding: try JSONEncoder().encode(response.headers), as: UTF8.self)
        return !(try db.query("""
            INSERT INTO idempotency_keys (trust_id, credential, key, request_hash, state, response_status,
                                          response_headers,
                                          response_body, created_at)
            VALUES (\(trustID), \(credential), \(key), \(requestHash), 'completed', \(response.status),
                    \(headers)::jsonb,
                    \(response.body), \(now))
            ON CONFLICT (credential, key) DO NOTHING
            RETURNING key
            """)).isEmpty
    }
}
