import Domain
import Foundation
import Postgres

/// Objectives, their history and progress notes (migration 0008).
public enum ObjectiveStore {
    static let columns = """
        id, trust_id, appraisal_id, state, title, description, success_criteria, milestones, due_date, kind, links, standards,
        proposed_by, agreed_by_reviewee, agreed_by_reviewer, determined_by, assessment_outcome, assessment_reasons,
        assessed_by, assessed_at, version, created_at, updated_at
        """

    public static func decode(_ row: Row) throws -> Objective {
        let content = ObjectiveContent(
            title: try row.decode(String.self, "title"), description: try row.decode(String.self, "description"),
            successCriteria: try row.decode(String.self, "success_criteria"),
            milestones: try SnakeCaseJSON.decode([Objective.Milestone].self, from: try row.decode(String.self, "milestones")),
            dueDate: try row.decode(CalendarDate?.self, "due_date"), kind: try row.decode(String.self, "kind").asEnum(ObjectiveKind.self),
            links: try SnakeCaseJSON.decode([Objective.Link].self, from: try row.decode(String.self, "links")),
            standards: try SnakeCaseJSON.decode([String].self, from: try row.decode(String.self, "standards")))
        let assessment = try row.decode(String?.self, "assessment_outcome").map { outcome in
            Objective.Assessment(outcome: try outcome.asEnum(Objective.Outcome.self), reasons: try row.decode(String?.self, "assessment_reasons"),
                                 assessedBy: try row.decode(UUID?.self, "assessed_by"), assessedAt: try row.decode(Date.self, "assessed_at"))
        }
        return Objective(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                         appraisalId: try row.decode(UUID.self, "appraisal_id"), state: try row.decode(String.self, "state").asEnum(Objective.State.self),
                         content: content, proposedBy: try row.decode(UUID.self, "proposed_by"),
                         agreedByReviewee: try row.decode(Bool.self, "agreed_by_reviewee"), agreedByReviewer: try row.decode(Bool.self, "agreed_by_reviewer"),
                         determinedBy: try row.decode(UUID?.self, "determined_by"), assessment: assessment,
                         version: try row.decode(Int.self, "version"), createdAt: try row.decode(Date.self, "created_at"),
                         updatedAt: try row.decode(Date.self, "updated_at"))
    }

    public static func findQuery(_ id: UUID) -> SQL { "SELECT \(unsafeSQL: columns) FROM objectives WHERE id = \(id)" }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> Objective? {
        try db.query(findQuery(id) + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    /// Whether the objective belongs to this appraisal.
    public static func exists(_ id: UUID, appraisal: UUID, on db: Connection) throws -> Bool {
        try !db.query("SELECT 1 AS one FROM objectives WHERE id = \(id) AND appraisal_id = \(appraisal)").isEmpty
    }

    public static func listQuery(appraisal: UUID, page: PageRequest) -> SQL {
        var sql: SQL = "SELECT \(unsafeSQL: columns) FROM objectives WHERE appraisal_id = \(appraisal)"
        if let after = page.after { sql.append(" AND id > \(after)") }
        sql.append(" ORDER BY id LIMIT \(unsafeSQL: String(page.limit + 1))")
        return sql
    }

    /// The appraisal's objectives that still stand (not withdrawn), for the policy's counts.
    public static func live(appraisal: UUID, on db: Connection) throws -> [Objective] {
        try db.query("SELECT \(unsafeSQL: columns) FROM objectives WHERE appraisal_id = \(appraisal) AND state <> 'withdrawn'").map(decode)
    }

    public static func insert(_ o: Objective, on db: Connection) throws {
        let c = o.content
        _ = try db.query("""
            INSERT INTO objectives (trust_id, id, appraisal_id, state, title, description, success_criteria, milestones, due_date, kind,
                links, standards, proposed_by, agreed_by_reviewee, agreed_by_reviewer, version, created_at, updated_at)
            VALUES (\(o.trustId), \(o.id), \(o.appraisalId), \(o.state.rawValue), \(c.title), \(c.description), \(c.successCriteria),
                \(JSONText(try SnakeCaseJSON.encode(c.milestones)))::jsonb, \(c.dueDate), \(c.kind.rawValue),
                \(JSONText(try SnakeCaseJSON.encode(c.links)))::jsonb, \(JSONText(try SnakeCaseJSON.encode(c.standards)))::jsonb,
                \(o.proposedBy), \(o.agreedByReviewee), \(o.agreedByReviewer), \(o.version), \(o.createdAt), \(o.updatedAt))
            """)
    }

    /// Writes the whole objective as `o` says, if it is still at `expectedVersion`.
    public static func update(_ o: Objective, expectedVersion: Int, on db: Connection) throws -> Bool {
        let c = o.content
        let rows = try db.query("""
            UPDATE objectives SET state = \(o.state.rawValue), title = \(c.title), description = \(c.description),
                success_criteria = \(c.successCriteria), milestones = \(JSONText(try SnakeCaseJSON.encode(c.milestones)))::jsonb,
                due_date = \(c.dueDate), kind = \(c.kind.rawValue), links = \(JSONText(try SnakeCaseJSON.encode(c.links)))::jsonb,
                standards = \(JSONText(try SnakeCaseJSON.encode(c.standards)))::jsonb, proposed_by = \(o.proposedBy),
                agreed_by_reviewee = \(o.agreedByReviewee), agreed_by_reviewer = \(o.agreedByReviewer), determined_by = \(o.determinedBy),
                assessment_outcome = \(o.assessment?.outcome.rawValue), assessment_reasons = \(o.assessment?.reasons),
                assessed_by = \(o.assessment?.assessedBy), assessed_at = \(o.assessment?.assessedAt),
                version = \(o.version), updated_at = \(o.updatedAt)
            WHERE id = \(o.id) AND version = \(expectedVersion)
            RETURNING id
            """)
        return !rows.isEmpty
    }

    /// Appends the objective as it now stands to its history (000 §5.5: revisions keep full history).
    public static func appendHistory(_ o: Objective, action: String, actor: UUID?, comment: String?, at now: Date, on db: Connection) throws {
        let snapshot = ObjectiveSnapshot.current(o)
        _ = try db.query("""
            INSERT INTO objective_history (trust_id, objective_id, version, action, actor_id, comment,
                                           snapshot_schema, snapshot, at)
            VALUES (\(o.trustId), \(o.id), \(o.version), \(action), \(actor), \(comment), \(snapshot.schema),
                    \(JSONText(try SnakeCaseJSON.encode(snapshot)))::jsonb, \(now))
            """)
    }

    public static func historyQuery(_ objective: UUID) -> SQL {
        """
        SELECT version, action, actor_id, comment, snapshot_schema, snapshot, at FROM objective_history
        WHERE objective_id = \(objective) ORDER BY version
        """
    }

    public static func decodeHistory(_ row: Row) throws -> ObjectiveHistoryEntry {
        ObjectiveHistoryEntry(version: try row.decode(Int.self, "version"), action: try row.decode(String.self, "action"),
                              actorId: try row.decode(UUID?.self, "actor_id"), comment: try row.decode(String?.self, "comment"),
                              objective: try snapshot(row),
                              at: try row.decode(Date.self, "at"))
    }

    /// Each row read in the shape it was written in.
    static func snapshot(_ row: Row) throws -> ObjectiveSnapshot {
        let text = try row.decode(String.self, "snapshot")
        switch try row.decode(Int.self, "snapshot_schema") {
        case ObjectiveSnapshotV1.schema: return .v1(try SnakeCaseJSON.decode(ObjectiveSnapshotV1.self, from: text))
        case let schema: throw UnknownSnapshotSchema(table: "objective_history", schema: schema)
        }
    }

    public static func insert(_ note: ProgressNote, trust: UUID, on db: Connection) throws {
        _ = try db.query("""
            INSERT INTO progress_notes (trust_id, id, objective_id, author_id, note, created_at)
            VALUES (\(trust), \(note.id), \(note.objectiveId), \(note.authorId), \(note.note), \(note.createdAt))
            """)
    }

    public static func notesQuery(_ objective: UUID) -> SQL {
        "SELECT id, objective_id, author_id, note, created_at FROM progress_notes WHERE objective_id = \(objective) ORDER BY created_at, id"
    }

    public static func decodeNote(_ row: Row) throws -> ProgressNote {
        ProgressNote(id: try row.decode(UUID.self, "id"), objectiveId: try row.decode(UUID.self, "objective_id"),
                     authorId: try row.decode(UUID?.self, "author_id"), note: try row.decode(String.self, "note"),
                     createdAt: try row.decode(Date.self, "created_at"))
    }
}
