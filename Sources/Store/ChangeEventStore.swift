import Domain
import Foundation
import Postgres

/// The change feed's outbox (migration 0022, issue 16 §3): written by `AuditStore.append`
/// under the trust's chain head, so a trust's positions follow commit order.
public enum ChangeEventStore {
    /// Publishes the events among these audited changes that integrators follow, in one
    /// statement; an event's id is its audit event's id. (A bulk append's go by COPY:
    /// `AuditBatch`.)
    static func publish(_ events: [AuditEvent], on db: Connection) throws {
        let rows = events.compactMap(row)
        guard !rows.isEmpty else { return }
        var records = JSONRecords()
        for row in rows { records.append(row) }
        try db.query("""
            INSERT INTO change_events (\(unsafeSQL: insertedColumns))
            SELECT \(unsafeSQL: insertedColumns) FROM jsonb_to_recordset(\(records.json)::jsonb) AS e(
                trust_id uuid, id uuid, type text, topic text, resource_type text, resource_id uuid,
                subject_person_id uuid, changed_fields text[], occurred_at timestamptz)
            """)
    }

    /// The feed's row for an audited change an integrator is told of; nil for any other.
    static func row(_ event: AuditEvent) -> [(String, JSONRecords.Value)]? {
        guard let published = ChangeFeed.publication(resourceType: event.resourceType, action: event.action,
                                                     allowed: event.outcome == .allowed) else { return nil }
        func id(_ value: UUID?) -> JSONRecords.Value { .text(value.map(\.postgresText)) }
        return [
            ("trust_id", id(event.trustId)), ("id", id(event.id)), ("type", .text(published.type)),
            ("topic", .text(published.topic.rawValue)), ("resource_type", .text(event.resourceType)),
            ("resource_id", id(event.resourceId)), ("subject_person_id", id(event.subjectPersonId)),
            ("changed_fields", .texts(event.changedFields)), ("occurred_at", .text(event.occurredAt.postgresText)),
        ]
    }

    static let insertedColumns = """
        trust_id, id, type, topic, resource_type, resource_id, subject_person_id, changed_fields, occurred_at
        """

    /// What a feed reader asks for: events after a position, of some topics, maybe some types.
    public struct Query: Sendable {
        public var trust: UUID
        public var after: Int64
        public var limit: Int
        public var topics: Set<ChangeFeed.Topic>
        public var types: [String]
        public init(trust: UUID, after: Int64, limit: Int, topics: Set<ChangeFeed.Topic>, types: [String] = []) {
            self.trust = trust; self.after = after; self.limit = limit; self.topics = topics; self.types = types
        }
    }

    /// The trust's events after a position, oldest first; `limit + 1` rows tell whether more
    /// follow. Types are checked by the caller (`[a-z_.]+`), so they need no quoting here.
    public static func listQuery(_ query: Query) -> SQL {
        let topics = "{" + query.topics.map(\.rawValue).sorted().joined(separator: ",") + "}"
        var sql: SQL = """
            SELECT position, id, type, topic, resource_type, resource_id, subject_person_id,
                   array_to_string(changed_fields, ',') AS changed_fields, occurred_at
            FROM change_events
            WHERE trust_id = \(query.trust) AND position > \(query.after) AND topic = ANY(\(topics)::text[])
            """
        if !query.types.isEmpty {
            let types = "{" + query.types.map { "\"\($0)\"" }.joined(separator: ",") + "}"
            sql.append(" AND type = ANY(\(types)::text[])")
        }
        sql.append(" ORDER BY position LIMIT \(unsafeSQL: String(query.limit + 1))")
        return sql
    }

    public static func decode(_ row: Row) throws -> ChangeEvent {
        let fields = try row.decode(String.self, "changed_fields")
        return ChangeEvent(
            position: try row.decode(Int64.self, "position"), id: try row.decode(UUID.self, "id"),
            type: try row.decode(String.self, "type"),
            topic: try row.decode(String.self, "topic").asEnum(ChangeFeed.Topic.self),
            resourceType: try row.decode(String.self, "resource_type"),
            resourceId: try row.decode(UUID?.self, "resource_id"),
            subjectPersonId: try row.decode(UUID?.self, "subject_person_id"),
            changedFields: fields.isEmpty ? [] : fields.components(separatedBy: ","),
            occurredAt: try row.decode(Date.self, "occurred_at"))
    }
}

extension ChangeEventStore {
    public static func find(_ id: UUID, in trust: UUID, on db: Connection) throws -> ChangeEvent? {
        try db.query("""
            SELECT position, id, type, topic, resource_type, resource_id, subject_person_id,
                   array_to_string(changed_fields, ',') AS changed_fields, occurred_at
            FROM change_events WHERE trust_id = \(trust) AND id = \(id)
            """).first.map(decode)
    }
}
