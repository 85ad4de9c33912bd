import Domain
import Foundation
import Postgres

/// Subject access exports (migration 0030, issue 17 §8): the job's row, and the reads that
/// fill its archive — each section's rows as one JSON array built by PostgreSQL, the audit
/// events about the person, and their evidence documents one at a time.
public enum SubjectAccessStore {
    static let columns = "id, trust_id, person_id, requested_by, state, items_done, items_total, archive_bytes, "
        + "archive_sha256, requested_at, completed_at, expires_at, version"

    public static func decode(_ row: Row) throws -> SubjectAccessExport {
        SubjectAccessExport(
            id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
            personId: try row.decode(UUID.self, "person_id"), requestedBy: try row.decode(UUID?.self, "requested_by"),
            state: try row.decode(String.self, "state").asEnum(SubjectAccessExport.State.self),
            itemsDone: try row.decode(Int.self, "items_done"), itemsTotal: try row.decode(Int?.self, "items_total"),
            archiveBytes: try row.decode(Int?.self, "archive_bytes"),
            archiveSHA256: try row.decode(String?.self, "archive_sha256"),
            requestedAt: try row.decode(Date.self, "requested_at"),
            completedAt: try row.decode(Date?.self, "completed_at"),
            expiresAt: try row.decode(Date?.self, "expires_at"), version: try row.decode(Int.self, "version"))
    }

    public static func insert(_ export: SubjectAccessExport, on db: Connection) throws {
        try db.query("""
            INSERT INTO subject_access_exports (trust_id, id, person_id, requested_by, requested_at)
            VALUES (\(export.trustId), \(export.id), \(export.personId), \(export.requestedBy), \(export.requestedAt))
            """)
    }

    public static func find(_ id: UUID, on db: Connection) throws -> SubjectAccessExport? {
        try db.query("SELECT \(unsafeSQL: columns) FROM subject_access_exports WHERE id = \(id)").first.map(decode)
    }

    public static func listQuery(person: UUID?, page: PageRequest) -> SQL {
        var conditions = Conditions()
        if let person { conditions.add("person_id = \(person)") }
        conditions.page(page)
        return conditions.query(select: columns, from: "subject_access_exports", page: page)
    }

    /// The finished archive's bytes; nil unless it is ready.
    public static func archive(_ id: UUID, on db: Connection) throws -> [UInt8]? {
        guard let row = try db.query("""
            SELECT archive FROM subject_access_exports WHERE id = \(id) AND state = 'ready'
            """).first, let hex = try row.decode(String?.self, "archive") else { return nil }
        guard let bytes = ByteaHex.parse(hex) else { throw CorruptDocument() }
        return bytes
    }

    // MARK: The worker's side (platform scope to find, the trust's scope for the rest).

    /// Exports waiting for a worker, or whose worker stopped reporting (it died part way).
    public static func due(at now: Date, on db: Connection) throws -> [(trust: UUID, id: UUID)] {
        let stale = now.addingTimeInterval(-SubjectAccessExport.staleAfter)
        return try db.query("""
            SELECT trust_id, id FROM subject_access_exports
            WHERE state = 'pending' OR (state = 'running' AND heartbeat_at < \(stale))
            ORDER BY requested_at LIMIT 20
            """).map { (try $0.decode(UUID.self, "trust_id"), try $0.decode(UUID.self, "id")) }
    }

    /// Finished archives past their time: their bytes are dropped, the row kept for the record.
    public static func expire(at now: Date, on db: Connection) throws {
        try db.query("""
            UPDATE subject_access_exports SET state = 'expired', archive = NULL, version = version + 1
            WHERE state = 'ready' AND expires_at <= \(now)
            """)
    }

    /// Takes the export for this worker; nil if another has it or it is no longer due.
    public static func claim(_ id: UUID, at now: Date, on db: Connection) throws -> SubjectAccessExport? {
        let stale = now.addingTimeInterval(-SubjectAccessExport.staleAfter)
        return try db.query("""
            UPDATE subject_access_exports
            SET state = 'running', heartbeat_at = \(now), items_done = 0, items_total = NULL, version = version + 1
            WHERE id = \(id) AND (state = 'pending' OR (state = 'running' AND heartbeat_at < \(stale)))
            RETURNING \(unsafeSQL: columns)
            """).first.map(decode)
    }

    public static func progress(_ id: UUID, done: Int, total: Int, at now: Date, on db: Connection) throws {
        try db.query("""
            UPDATE subject_access_exports SET items_done = \(done), items_total = \(total), heartbeat_at = \(now)
            WHERE id = \(id) AND state = 'running'
            """)
    }

    public static func finish(_ id: UUID, archive: [UInt8], sha256: String, at now: Date,
                              on db: Connection) throws {
        try db.query("""
            UPDATE subject_access_exports
            SET state = 'ready', archive = \(ByteaHex(bytes: archive))::bytea, archive_bytes = \(archive.count),
                archive_sha256 = \(sha256), items_done = items_total, completed_at = \(now),
                expires_at = \(now.addingTimeInterval(SubjectAccessExport.availableFor)), version = version + 1
            WHERE id = \(id) AND state = 'running'
            """)
    }

    public static func fail(_ id: UUID, at now: Date, on db: Connection) throws {
        try db.query("""
            UPDATE subject_access_exports SET state = 'failed', completed_at = \(now), version = version + 1
            WHERE id = \(id) AND state = 'running'
            """)
    }

    // MARK: What the archive holds.

    /// One section's rows as a JSON array, `rows`; the person's own appraisals are the root.
    public static func sectionQuery(_ section: SubjectAccessSection, person: UUID) -> SQL {
        let omitted = (["trust_id"] + section.omitted).map { "'\($0)'" }.joined(separator: ", ")
        let order = section.order.map { "t.\($0)" }.joined(separator: ", ")
        var sql: SQL = """
            SELECT coalesce(jsonb_agg(to_jsonb(t) - ARRAY[\(unsafeSQL: omitted)] ORDER BY \(unsafeSQL: order)),
                            '[]')::text AS rows
            FROM \(unsafeSQL: section.table) t WHERE
            """
        let own: SQL = "(SELECT a.id FROM appraisals a WHERE a.person_id = \(person))"
        switch section.link {
        case .person(let column):
            sql.append(" t.\(unsafeSQL: column) = \(person)")
        case .appraisal:
            sql.append(" t.appraisal_id IN ")
            sql.append(own)
        case .record(let column, let parent):
            sql.append(" t.\(unsafeSQL: column) IN (SELECT x.id FROM \(unsafeSQL: parent) x WHERE x.appraisal_id IN ")
            sql.append(own)
            sql.append(")")
        }
        return sql
    }

    /// Every audit event about the person, chained or not yet: when, what, who (named when a
    /// person of the trust or an API key) and the outcome — never client addresses.
    public static func auditEventsQuery(person: UUID) -> SQL {
        """
        SELECT coalesce(jsonb_agg(jsonb_build_object(
                   'occurred_at', e.occurred_at, 'action', e.action, 'resource_type', e.resource_type,
                   'resource_id', e.resource_id, 'outcome', e.outcome, 'reason', e.reason,
                   'changed_fields', e.changed_fields, 'actor_type', e.actor_type, 'actor_role', e.effective_role,
                   'actor_person_id', p.id, 'actor_name', coalesce(p.given_name || ' ' || p.family_name, k.name))
                 ORDER BY e.occurred_at, e.id), '[]')::text AS rows
        FROM (SELECT id, occurred_at, action, resource_type, resource_id, outcome, reason, changed_fields,
                     actor_type, actor_id, effective_role
              FROM audit_events WHERE subject_person_id = \(person)
              UNION ALL
              SELECT id, occurred_at, action, resource_type, resource_id, outcome, reason, changed_fields,
                     actor_type, actor_id, effective_role
              FROM audit_pending WHERE subject_person_id = \(person)) e
        LEFT JOIN accounts c ON e.actor_type = 'user' AND c.id::text = e.actor_id
        LEFT JOIN people p ON p.id = c.person_id
        LEFT JOIN api_keys k ON e.actor_type = 'api_key' AND k.id::text = e.actor_id
        """
    }

    /// The person's evidence documents, without their bytes.
    public static func documentsQuery(person: UUID) -> SQL {
        """
        SELECT d.evidence_id, d.filename FROM evidence_documents d
        WHERE d.evidence_id IN (SELECT x.id FROM evidence x JOIN appraisals a ON a.id = x.appraisal_id
                                WHERE a.person_id = \(person))
        ORDER BY d.evidence_id
        """
    }

    public static func decodeRows(_ row: Row) throws -> String { try row.decode(String.self, "rows") }
}
