import Domain
import Foundation
import Postgres

/// Allowed reads' audit events, written without the chain head's lock and linked onto the
/// chain afterwards, in order (migration 0014; issue 11 §3).
extension AuditStore {
    /// Records an event in the caller's transaction: an allowed read off the chain
    /// (`appendPending`), anything else on it at once (`append`), after the reads before it.
    public static func record(_ entry: Entry, context: AuditContext, id: UUID, at now: Date,
                              on db: Connection) throws {
        if entry.action == "read" && entry.outcome == .allowed {
            appendPending(entry, context: context, id: id, at: now, on: db)
        } else {
            try append(entry, context: context, id: id, at: now, on: db)
        }
    }

    /// Records an allowed read in the caller's transaction, queueing for nothing: no chain
    /// head is locked, so a trust's readers run side by side. A transaction whose only events
    /// are such reads commits without waiting for its WAL to reach disk (`synchronous_commit =
    /// off`): a crash can lose at most the last fraction of a second of read events — whole
    /// transactions, replayed in order, so nothing is half-linked.
    public static func appendPending(_ entry: Entry, context: AuditContext, id: UUID, at now: Date,
                                     on db: Connection) {
        let event = unchained(entry, context: context, id: id, at: now)
        let fields = "{" + event.changedFields.map { "\"\($0)\"" }.joined(separator: ",") + "}"
        // Nothing is read back, so the insert goes with the COMMIT: one round trip, not two.
        db.sendWithCommit("""
            INSERT INTO audit_pending (trust_id, id, occurred_at, actor_type, actor_id, auth_method, effective_role,
                request_id, client_address, action, resource_type, resource_id, subject_person_id, outcome, reason,
                changed_fields)
            VALUES (\(event.trustId), \(event.id), \(event.occurredAt), \(event.actor.kind.rawValue), \(event.actor.id),
                \(event.actor.authMethod), \(event.actor.effectiveRole), \(event.requestId), \(event.clientAddress),
                \(event.action), \(event.resourceType), \(event.resourceId), \(event.subjectPersonId),
                \(event.outcome.rawValue), \(event.reason), \(fields)::text[])
            RETURNING set_config('synchronous_commit',
                CASE current_setting('appraise.wrote', true) WHEN 'on' THEN 'on' ELSE 'off' END, true)
            """)
    }

    /// Moves a trust's pending events onto its chain, oldest first, under the head's lock;
    /// how many. Every reader of the chain calls it first, and so does the linker worker.
    @discardableResult
    public static func link(trust: UUID, on db: Connection) throws -> Int {
        var head = try lockHead(trust, durable: false, on: db)
        let pending = try takePending(of: trust, on: db)
        try insertChained(pending, onto: &head, on: db)
        return pending.count
    }

    /// Trusts with events waiting to be linked (platform scope).
    public static func trustsWithPendingEvents(on db: Connection) throws -> [UUID] {
        try db.query("SELECT DISTINCT trust_id FROM audit_pending").map { try $0.decode(UUID.self, "trust_id") }
    }

    /// Deletes and returns the trust's committed pending events in the order they were written.
    /// A concurrent linker waits on the head's lock first, so each event is taken once.
    static func takePending(of trust: UUID, on db: Connection) throws -> [AuditEvent] {
        try db.query("""
            WITH taken AS (
                DELETE FROM audit_pending WHERE trust_id = \(trust)
                RETURNING pending_id, trust_id, id, occurred_at, actor_type, actor_id, auth_method, effective_role,
                    request_id, client_address, action, resource_type, resource_id, subject_person_id, outcome,
                    reason, array_to_string(changed_fields, ',') AS changed_fields
            )
            SELECT * FROM taken ORDER BY pending_id
            """).map(decodePending)
    }

    static func decodePending(_ row: Row) throws -> AuditEvent {
        let fields = try row.decode(String.self, "changed_fields")
        return AuditEvent(
            trustId: try row.decode(UUID.self, "trust_id"), sequence: 0, id: try row.decode(UUID.self, "id"),
            occurredAt: try row.decode(Date.self, "occurred_at"),
            actor: AuditActor(kind: try row.decode(String.self, "actor_type").asEnum(AuditActor.Kind.self),
                              id: try row.decode(String?.self, "actor_id"),
                              authMethod: try row.decode(String.self, "auth_method"),
                              effectiveRole: try row.decode(String?.self, "effective_role")),
            requestId: try row.decode(String?.self, "request_id"),
            clientAddress: try row.decode(String?.self, "client_address"),
            action: try row.decode(String.self, "action"), resourceType: try row.decode(String.self, "resource_type"),
            resourceId: try row.decode(UUID?.self, "resource_id"),
            subjectPersonId: try row.decode(UUID?.self, "subject_person_id"),
            outcome: try row.decode(String.self, "outcome").asEnum(AuditEvent.Outcome.self),
            reason: try row.decode(String?.self, "reason"),
            changedFields: fields.isEmpty ? [] : fields.components(separatedBy: ","), previousHash: "", hash: "")
    }
}
