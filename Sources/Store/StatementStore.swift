import Domain
import Foundation
import Postgres

/// Written statements (migration 0015). A statement row is written whole on every step (the
/// steps are few and each changes several columns); a locked row refuses any change but
/// `superseded_by_id` in the database too.
public enum StatementStore {
    static let columns = """
        id, trust_id, appraisal_id, number, corrects_id, correction_reason, superseded_by_id, state,
        objectives_assessment, role_assessment, standards_assessment, evidence_summary, cpd_and_impact,
        development_needs, recommended_action, absence_considered, adviser_consulted_on, interim_exception_reason,
        next_cycle_objectives, next_cycle_development_needs, next_cycle_monitoring, interim_reviews_required,
        interim_reviews_held, drafted_by, issued_at,
        issued_by, comment_due, reviewee_comment, reviewee_commented_at, reviewee_response, responded_at, locked_at,
        version, created_at, updated_at
        """

    /// The columns as `st.<name>`, for queries that join a statement as `st`.
    static let qualifiedColumns = columns.split(separator: ",")
        .map { "st." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")

    public static func decode(_ row: Row) throws -> Statement {
        var content = StatementContent(
            objectivesAssessment: try row.decode(String?.self, "objectives_assessment"),
            roleAssessment: try row.decode(String?.self, "role_assessment"),
            standardsAssessment: try row.decode(String?.self, "standards_assessment"),
            evidenceSummary: try row.decode(String?.self, "evidence_summary"),
            cpdAndImpact: try row.decode(String?.self, "cpd_and_impact"),
            developmentNeeds: try row.decode(String?.self, "development_needs"),
            recommendedAction: try row.decode(String?.self, "recommended_action"),
            absenceConsidered: try row.decode(String?.self, "absence_considered"),
            adviserConsultedOn: try row.decode(CalendarDate?.self, "adviser_consulted_on"),
            interimExceptionReason: try row.decode(String?.self, "interim_exception_reason"))
        content.nextCycleObjectives = try row.decode(String?.self, "next_cycle_objectives")
            .map { try SnakeCaseJSON.decode([ObjectiveContent].self, from: $0) }
        content.nextCycleDevelopmentNeeds = try row.decode(String?.self, "next_cycle_development_needs")
        content.nextCycleMonitoring = try row.decode(String?.self, "next_cycle_monitoring")
        var statement = Statement(id: try row.decode(UUID.self, "id"), trustId: try row.decode(UUID.self, "trust_id"),
                                  appraisalId: try row.decode(UUID.self, "appraisal_id"),
                                  number: try row.decode(Int.self, "number"),
                                  correctsId: try row.decode(UUID?.self, "corrects_id"),
                                  correctionReason: try row.decode(String?.self, "correction_reason"),
                                  content: content, draftedBy: try row.decode(UUID?.self, "drafted_by"),
                                  at: try row.decode(Date.self, "created_at"))
        statement.supersededById = try row.decode(UUID?.self, "superseded_by_id")
        statement.state = try row.decode(String.self, "state").asEnum(Statement.State.self)
        statement.issuedAt = try row.decode(Date?.self, "issued_at")
        statement.issuedBy = try row.decode(UUID?.self, "issued_by")
        statement.commentDue = try row.decode(CalendarDate?.self, "comment_due")
        statement.revieweeComment = try row.decode(String?.self, "reviewee_comment")
        statement.revieweeCommentedAt = try row.decode(Date?.self, "reviewee_commented_at")
        statement.revieweeResponse = try row.decode(String?.self, "reviewee_response")?.asEnum(Statement.Response.self)
        statement.respondedAt = try row.decode(Date?.self, "responded_at")
        statement.interimReviewsRequired = try row.decode(Int?.self, "interim_reviews_required")
        statement.interimReviewsHeld = try row.decode(Int?.self, "interim_reviews_held")
        statement.lockedAt = try row.decode(Date?.self, "locked_at")
        statement.version = try row.decode(Int.self, "version")
        statement.updatedAt = try row.decode(Date.self, "updated_at")
        return statement
    }

    public static func find(_ id: UUID, forUpdate: Bool = false, on db: Connection) throws -> Statement? {
        try db.query("SELECT \(unsafeSQL: columns) FROM statements WHERE id = \(id)"
                     + (forUpdate ? " FOR UPDATE" : "")).first.map(decode)
    }

    /// Every version of the appraisal's statement, the first first.
    public static func listQuery(appraisal: UUID) -> SQL {
        "SELECT \(unsafeSQL: columns) FROM statements WHERE appraisal_id = \(appraisal) ORDER BY number"
    }

    public static func latest(appraisal: UUID, on db: Connection) throws -> Statement? {
        try db.query(listQuery(appraisal: appraisal) + " DESC LIMIT 1").first.map(decode)
    }

    public static func insert(_ s: Statement, on db: Connection) throws {
        let c = s.content
        try db.query("""
            INSERT INTO statements (trust_id, id, appraisal_id, number, corrects_id, correction_reason, state,
                objectives_assessment, role_assessment, standards_assessment, evidence_summary, cpd_and_impact,
                development_needs, recommended_action, absence_considered, adviser_consulted_on,
                interim_exception_reason, next_cycle_objectives, next_cycle_development_needs, next_cycle_monitoring,
                drafted_by, version, created_at, updated_at)
            VALUES (\(s.trustId), \(s.id), \(s.appraisalId), \(s.number), \(s.correctsId), \(s.correctionReason),
                \(s.state.rawValue), \(c.objectivesAssessment), \(c.roleAssessment), \(c.standardsAssessment),
                \(c.evidenceSummary), \(c.cpdAndImpact), \(c.developmentNeeds), \(c.recommendedAction),
                \(c.absenceConsidered), \(c.adviserConsultedOn), \(c.interimExceptionReason),
                \(try nextObjectives(c))::jsonb, \(c.nextCycleDevelopmentNeeds), \(c.nextCycleMonitoring),
                \(s.draftedBy),
                \(s.version), \(s.createdAt), \(s.updatedAt))
            """)
    }

    /// Writes the statement's state and content as `s` has them, if its version is still
    /// `expected`; nil when another change came first.
    public static func update(_ s: Statement, expected: Int, at now: Date, on db: Connection) throws -> Statement? {
        let c = s.content
        return try db.query("""
            UPDATE statements SET state = \(s.state.rawValue), objectives_assessment = \(c.objectivesAssessment),
                role_assessment = \(c.roleAssessment), standards_assessment = \(c.standardsAssessment),
                evidence_summary = \(c.evidenceSummary), cpd_and_impact = \(c.cpdAndImpact),
                development_needs = \(c.developmentNeeds), recommended_action = \(c.recommendedAction),
                absence_considered = \(c.absenceConsidered), adviser_consulted_on = \(c.adviserConsultedOn),
                interim_exception_reason = \(c.interimExceptionReason),
                next_cycle_objectives = \(try nextObjectives(c))::jsonb,
                next_cycle_development_needs = \(c.nextCycleDevelopmentNeeds),
                next_cycle_monitoring = \(c.nextCycleMonitoring),
                interim_reviews_required = \(s.interimReviewsRequired), interim_reviews_held = \(s.interimReviewsHeld),
                issued_at = \(s.issuedAt), issued_by = \(s.issuedBy), comment_due = \(s.commentDue),
                reviewee_comment = \(s.revieweeComment), reviewee_commented_at = \(s.revieweeCommentedAt),
                reviewee_response = \(s.revieweeResponse?.rawValue), responded_at = \(s.respondedAt),
                locked_at = \(s.lockedAt), version = version + 1, updated_at = \(now)
            WHERE id = \(s.id) AND version = \(expected)
            RETURNING \(unsafeSQL: columns)
            """).first.map(decode)
    }

    /// Formal interim reviews held by `today` (002 §2.2.5, 003 §5.3.2): the appraisal's interim
    /// meetings that have taken place, and its interim reviews recorded without a meeting.
    public static func interimReviewsHeld(appraisal: UUID, by today: CalendarDate, on db: Connection) throws -> Int {
        try db.query("""
            SELECT (SELECT count(*) FROM meetings
                     WHERE appraisal_id = \(appraisal) AND kind = 'interim' AND held_on <= \(today))
                 + (SELECT count(*) FROM interim_reviews
                     WHERE appraisal_id = \(appraisal) AND meeting_id IS NULL AND held_on <= \(today)) AS held
            """).first?.decode(Int.self, "held") ?? 0
    }

    /// Names the correction that supersedes a locked statement (the one change a locked row takes).
    public static func supersede(_ id: UUID, by correction: UUID, at now: Date, on db: Connection) throws {
        try db.query("""
            UPDATE statements SET superseded_by_id = \(correction), version = version + 1, updated_at = \(now)
            WHERE id = \(id)
            """)
    }

    static func nextObjectives(_ content: StatementContent) throws -> JSONText? {
        try content.nextCycleObjectives.map { JSONText(try SnakeCaseJSON.encode($0)) }
    }
}
