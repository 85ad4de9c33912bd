import Foundation
import Postgres

/// Idempotency-Key records (migration 0001). A key is claimed in its own short transaction
/// before the request runs, so a concurrent retry sees it in flight.
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

    public static func claim(trustID: UUID?, credential: String, key: String, requestHash: String,
                             at now: Date, on db: Connection) throws -> Claim {
        try db.query("""
            DELETE FROM idempotency_keys
            WHERE credential = \(credential) AND key = \(key) AND created_at < \(now.addingTimeInterval(-retention))
            """)
        let inserted = try db.query("""
            INSERT INTO idempotency_keys (trust_id, credential, key, request_hash, state, created_at)
            VALUES (\(trustID), \(credential), \(key), \(requestHash), 'in_flight', \(now))
            ON CONFLICT (credential, key) DO NOTHING
            RETURNING key
            """)
        if !inserted.isEmpty { return .claimed }
        guard let row = try db.query("""
            SELECT request_hash, state, response_status, response_headers::text AS headers, response_body
            FROM idempotency_keys WHERE credential = \(credential) AND key = \(key)
            """).first else {
            // Claimed under another trust's context (invisible here): treat as a different request.
            return .differentRequest
        }
        guard try row.decode(String.self, "request_hash") == requestHash else { return .differentRequest }
        guard try row.decode(String.self, "state") == "completed" else { return .inFlight }
        let headersJSON = try row.decode(String?.self, "headers") ?? "{}"
        let headers = (try? JSONDecoder().decode([String: String].self, from: Data(headersJSON.utf8))) ?? [:]
        return .completed(StoredResponse(status: try row.decode(Int.self, "response_status"), headers: headers,
                                         body: try row.decode(String?.self, "response_body") ?? ""))
    }

    public static func complete(credential: String, key: String, response: StoredResponse, on db: Connection) throws {
        let headers = String(decoding: try JSONEncoder().encode(response.headers), as: UTF8.self)
        try db.query("""
            UPDATE idempotency_keys
            SET state = 'completed', response_status = \(response.status),
                response_headers = \(headers)::jsonb, response_body = \(response.body)
            WHERE credential = \(credential) AND key = \(key)
            """)
    }

    public static func release(credential: String, key: String, on db: Connection) throws {
        try db.query("DELETE FROM idempotency_keys WHERE credential = \(credential) AND key = \(key) AND state = 'in_flight'")
    }
}
