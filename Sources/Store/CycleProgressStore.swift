import Domain
import Foundation
import Postgres

/// A cycle's appraisals as its progress reads them (issue 13 §4): one row each, with what each
/// step needs — a reviewer, an objective set, the current statement, an interim review, the
/// conversations recorded — in one round trip.
public enum CycleProgressStore {
    public static func standingsQuery(cycle: UUID, units: [UUID]?) -> SQL {
        var conditions: SQL = " AND a.cycle_id = \(cycle)"
        if let units { conditions.append(" AND a.unit_id = ANY (\(UUIDArray(units))::uuid[])") }
        return standingsQuery(where: conditions)
    }

    /// The standings of the appraisals `conditions` (`AND …` over `a`, `e`) select.
    public static func standingsQuery(where conditions: SQL) -> SQL {
        var sql: SQL = """
            SELECT a.id, a.person_id, a.unit_id, e.staff_group, pv.document->>'model' AS model,
                   -- Issue 14 §4: a suspended appraisal's deadlines stop: nothing of it is overdue.
                   CASE WHEN a.state IN ('suspended', 'withdrawn') THEN '[]'::jsonb ELSE a.deadlines END AS deadlines,
                   EXISTS (SELECT 1 FROM reviewer_appointments ap
                            WHERE ap.appraisal_id = a.id AND ap.ended_at IS NULL) AS has_reviewer,
                   EXISTS (SELECT 1 FROM objectives o
                            WHERE o.appraisal_id = a.id AND o.state IN ('agreed', 'determined')) AS objectives_set,
                   s.state AS statement_state, s.comment_due,
                   EXISTS (SELECT 1 FROM meetings m WHERE m.appraisal_id = a.id AND m.kind = 'interim')
                     OR EXISTS (SELECT 1 FROM interim_reviews r WHERE r.appraisal_id = a.id) AS interim_held,
                   (SELECT coalesce(jsonb_agg(DISTINCT v.kind), '[]') FROM conversations v
                     WHERE v.appraisal_id = a.id) AS conversation_kinds
            FROM appraisals a
            JOIN employments e ON e.id = a.employment_id
            JOIN cycles c ON c.id = a.cycle_id
            JOIN policy_versions pv ON pv.id = c.policy_version_id
            LEFT JOIN LATERAL (SELECT state, comment_due FROM statements
                                WHERE appraisal_id = a.id ORDER BY number DESC LIMIT 1) s ON true
            WHERE true
            """
        sql.append(conditions)
        return sql
    }

    public static func decode(_ row: Row) throws -> AppraisalStanding {
        AppraisalStanding(
            appraisalId: try row.decode(UUID.self, "id"), personId: try row.decode(UUID.self, "person_id"),
            unitId: try row.decode(UUID.self, "unit_id"),
            staffGroup: try row.decode(String.self, "staff_group").asEnum(Employment.StaffGroup.self),
            model: try row.decode(String.self, "model").asEnum(AppraisalModel.self),
            hasReviewer: try row.decode(Bool.self, "has_reviewer"),
            objectivesSet: try row.decode(Bool.self, "objectives_set"),
            statementState: try row.decode(String?.self, "statement_state")?.asEnum(Statement.State.self),
            commentDue: try row.decode(CalendarDate?.self, "comment_due"),
            interimReviewHeld: try row.decode(Bool.self, "interim_held"),
            conversationKinds: Set(try SnakeCaseJSON.decode([String].self,
                                                            from: try row.decode(String.self, "conversation_kinds"))),
            deadlines: try SnakeCaseJSON.decode([Deadline].self, from: try row.decode(String.self, "deadlines")))
    }
}
