import Domain
import Foundation
import Postgres

/// What the delivery worker reads and writes (issue 16 §4): due subscriptions across trusts,
/// a lease on one, its next events and replays, and each attempt's outcome.
public enum WebhookDeliveryStore {
    /// Active subscriptions not held by a worker and not waiting out a back-off (platform scope).
    public static func due(at now: Date, in trust: UUID? = nil, limit: Int = 100,
                           on db: Connection) throws -> [(trust: UUID, id: UUID)] {
        var sql: SQL = """
            SELECT trust_id, id FROM webhook_subscriptions
            WHERE state = 'active' AND (next_attempt_at IS NULL OR next_attempt_at <= \(now))
              AND (leased_until IS NULL OR leased_until < \(now))
            """
        if let trust { sql.append(" AND trust_id = \(trust)") }
        sql.append(" ORDER BY coalesce(next_attempt_at, created_at) LIMIT \(unsafeSQL: String(limit))")
        return try db.query(sql).map { (try $0.decode(UUID.self, "trust_id"), try $0.decode(UUID.self, "id")) }
    }

    /// Takes the subscription for this worker until `until`, with its secret; nil if another
    /// worker holds it or it is no longer active and due.
    public static func claim(_ id: UUID, until: Date, now: Date,
                             on db: Connection) throws -> (WebhookSubscription, secret: String)? {
        try db.query("""
            UPDATE webhook_subscriptions SET leased_until = \(until)
            WHERE id = \(id) AND state = 'active' AND (leased_until IS NULL OR leased_until < \(now))
              AND (next_attempt_at IS NULL OR next_attempt_at <= \(now))
            RETURNING \(unsafeSQL: WebhookStore.columns), secret
            """).first.map { (try WebhookStore.decode($0), try $0.decode(String.self, "secret")) }
    }

    public static func release(_ id: UUID, on db: Connection) throws {
        try db.query("UPDATE webhook_subscriptions SET leased_until = NULL WHERE id = \(id)")
    }

    /// The subscription's next events in feed order.
    public static func nextEventsQuery(_ s: WebhookSubscription, limit: Int) -> SQL {
        ChangeEventStore.listQuery(.init(trust: s.trustId, after: s.afterPosition, limit: limit - 1, topics: s.topics,
                                         types: s.eventTypes))
    }

    /// Replays asked for, oldest first, with their events.
    public static func replays(of s: WebhookSubscription,
                               on db: Connection) throws -> [(id: UUID, event: ChangeEvent)] {
        try db.query("""
            SELECT r.id AS replay_id, e.position, e.id, e.type, e.topic, e.resource_type, e.resource_id,
                   e.subject_person_id, array_to_string(e.changed_fields, ',') AS changed_fields, e.occurred_at
            FROM webhook_replays r JOIN change_events e ON e.trust_id = r.trust_id AND e.id = r.event_id
            WHERE r.subscription_id = \(s.id) ORDER BY r.requested_at LIMIT 20
            """).map { (try $0.decode(UUID.self, "replay_id"), try ChangeEventStore.decode($0)) }
    }

    public static func removeReplay(_ id: UUID, on db: Connection) throws {
        try db.query("DELETE FROM webhook_replays WHERE id = \(id)")
    }

    public struct Attempt: Sendable {
        public var id: UUID
        public var event: ChangeEvent
        public var attempt: Int
        public var replay: Bool
        public var statusCode: Int?
        public var error: String?
        public var milliseconds: Int
        public var at: Date
        public init(id: UUID, event: ChangeEvent, attempt: Int, replay: Bool, statusCode: Int?, error: String?,
                    milliseconds: Int, at: Date) {
            self.id = id; self.event = event; self.attempt = attempt; self.replay = replay
            self.statusCode = statusCode; self.error = error; self.milliseconds = milliseconds; self.at = at
        }
        public var delivered: Bool { statusCode.map { (200..<300).contains($0) } ?? false }
    }

    public static func record(_ a: Attempt, for s: WebhookSubscription, on db: Connection) throws {
        try db.query("""
            INSERT INTO webhook_deliveries (trust_id, id, subscription_id, event_id, event_type, attempt, replay,
                outcome, status_code, error, duration_ms, attempted_at)
            VALUES (\(s.trustId), \(a.id), \(s.id), \(a.event.id), \(a.event.type), \(a.attempt), \(a.replay),
                \(a.delivered ? "delivered" : "failed"), \(a.statusCode), \(a.error), \(a.milliseconds), \(a.at))
            """)
    }

    /// The subscription's place after a delivered event (or a failure's back-off): one write.
    public static func save(_ s: WebhookSubscription, at now: Date, on db: Connection) throws {
        try db.query("""
            UPDATE webhook_subscriptions SET after_position = \(s.afterPosition), attempts = \(s.attempts),
                failing_since = \(s.failingSince), next_attempt_at = \(s.nextAttemptAt), state = \(s.state.rawValue),
                disabled_reason = \(s.disabledReason), updated_at = \(now),
                version = version + CASE WHEN state <> \(s.state.rawValue) THEN 1 ELSE 0 END
            WHERE id = \(s.id)
            """)
    }

    public static func deliveriesQuery(subscription: UUID, page: PageRequest) -> SQL {
        var conditions = Conditions()
        conditions.add("subscription_id = \(subscription)")
        conditions.page(page)
        return conditions.query(select: """
            id, event_id, event_type, attempt, replay, outcome, status_code, error, duration_ms, attempted_at
            """, from: "webhook_deliveries", page: page)
    }

    public static func decodeDelivery(_ row: Row) throws -> WebhookDelivery {
        WebhookDelivery(id: try row.decode(UUID.self, "id"), eventId: try row.decode(UUID.self, "event_id"),
                        eventType: try row.decode(String.self, "event_type"),
                        attempt: try row.decode(Int.self, "attempt"), replay: try row.decode(Bool.self, "replay"),
                        outcome: try row.decode(String.self, "outcome"),
                        statusCode: try row.decode(Int?.self, "status_code"),
                        error: try row.decode(String?.self, "error"),
                        durationMs: try row.decode(Int.self, "duration_ms"),
                        attemptedAt: try row.decode(Date.self, "attempted_at"))
    }
}
