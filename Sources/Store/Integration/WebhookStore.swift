import Domain
import Foundation
import Postgres

/// Webhook subscriptions, their replays and delivery log (migration 0023, issue 16 §4).
public enum WebhookStore {
    static let columns = """
        id, trust_id, url, description, array_to_string(event_types, ',') AS event_types, \
        array_to_string(topics, ',') AS topics, state, disabled_reason, after_position, attempts, failing_since, \
        next_attempt_at, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> WebhookSubscription {
        func list(_ column: String) throws -> [String] {
            let text = try row.decode(String.self, column)
            return text.isEmpty ? [] : text.components(separatedBy: ",")
        }
        return WebhookSubscription(
            id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
            url: try row.decode(String.self, "url"), description: try row.decode(String?.self, "description"),
            eventTypes: try list("event_types"), topics: Set(try list("topics").compactMap(ChangeFeed.Topic.init)),
            state: try row.decode(String.self, "state").asEnum(WebhookSubscription.State.self),
            disabledReason: try row.decode(String?.self, "disabled_reason"),
            afterPosition: try row.decode(Int64.self, "after_position"), attempts: try row.decode(Int.self, "attempts"),
            failingSince: try row.decode(Date?.self, "failing_since"),
            nextAttemptAt: try row.decode(Date?.self, "next_attempt_at"), version: try row.decode(Int.self, "version"),
            createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
    }

    static func textArray(_ values: [String]) -> String {
        "{" + values.map { "\"\($0)\"" }.joined(separator: ",") + "}"
    }

    /// A new subscription starts after the trust's latest event: it is sent what happens next.
    public static func insert(_ s: WebhookSubscription, secret: String,
                              on db: Connection) throws -> WebhookSubscription {
        let rows = try db.query("""
            INSERT INTO webhook_subscriptions (trust_id, id, url, description, event_types, topics, secret,
                after_position, created_at, updated_at)
            VALUES (\(s.trustId), \(s.id), \(s.url), \(s.description), \(textArray(s.eventTypes))::text[],
                \(textArray(s.topics.map(\.rawValue).sorted()))::text[], \(secret),
                (SELECT coalesce(max(position), 0) FROM change_events WHERE trust_id = \(s.trustId)),
                \(s.createdAt), \(s.updatedAt))
            RETURNING \(unsafeSQL: columns)
            """)
        return try decode(rows[0])
    }

    public static func find(_ id: UUID, on db: Connection) throws -> WebhookSubscription? {
        try db.query("SELECT \(unsafeSQL: columns) FROM webhook_subscriptions WHERE id = \(id)").first.map(decode)
    }

    public static func listQuery(page: PageRequest) -> SQL {
        var conditions = Conditions()
        conditions.page(page)
        return conditions.query(select: columns, from: "webhook_subscriptions", page: page)
    }

    /// A change by its owner: url, description, types; re-enabling clears the failure state.
    public static func update(_ s: WebhookSubscription, expectedVersion: Int, at now: Date,
                              on db: Connection) throws -> WebhookSubscription? {
        try db.query("""
            UPDATE webhook_subscriptions SET url = \(s.url), description = \(s.description),
                event_types = \(textArray(s.eventTypes))::text[], state = \(s.state.rawValue),
                disabled_reason = \(s.disabledReason), attempts = \(s.attempts), failing_since = \(s.failingSince),
                next_attempt_at = \(s.nextAttemptAt), version = version + 1, updated_at = \(now)
            WHERE id = \(s.id) AND version = \(expectedVersion)
            RETURNING \(unsafeSQL: columns)
            """).first.map(decode)
    }

    public static func delete(_ id: UUID, version: Int, on db: Connection) throws -> Bool {
        try !db.query("""
            DELETE FROM webhook_subscriptions WHERE id = \(id) AND version = \(version) RETURNING id
            """).isEmpty
    }

    public static func addReplay(id: UUID, subscription: WebhookSubscription, event: UUID, at now: Date,
                                 on db: Connection) throws {
        try db.query("""
            INSERT INTO webhook_replays (trust_id, id, subscription_id, event_id, requested_at)
            VALUES (\(subscription.trustId), \(id), \(subscription.id), \(event), \(now))
            """)
    }
}
