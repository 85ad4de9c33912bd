import Domain
import Foundation
import Postgres

/// A cycle's appraisals as its progress reads them (issue 13 §4): one row each, with what each
/// step needs — a reviewer, an objective set, the current statement, an interim review, the
/// conversations recorded — in one round trip.
public enum CycleProgressStore {
    public static func standingsQuery(cycle: UUID, units: [UUID]?) -> SQL {
        var conditions: SQL = " AND f.cycle_id = \(cycle)"
        if let units { conditions.append(" AND f.unit_id = ANY (\(UUIDArray(units))::uuid[])") }
        return standingsQuery(where: conditions)
    }

    /// The standings of the appraisals `conditions` (`AND …` over `f`, their `appraisal_facts`)
    /// select. The facts are kept by triggers in the same transaction as every write
    /// (migrations/0032), so a cycle of 170,000 is one indexed read, not ten lookups each.
    public static func standingsQuery(where conditions: SQL) -> SQL {
        // Each cycle's model is read once: taken per row, the policy document (tens of kB) was
        // detoasted 170,000 times.
        var sql: SQL = """
            WITH models AS MATERIALIZED (
                SELECT c.id AS cycle_id, pv.document->>'model' AS model
                FROM cycles c JOIN policy_versions pv ON pv.id = c.policy_version_id)
            SELECT f.appraisal_id AS id, f.person_id, f.unit_id, f.staff_group, m.model,
                   -- Issue 14 §4: a suspended appraisal's deadlines stop: nothing of it is overdue.
                   CASE WHEN f.state IN ('suspended', 'withdrawn') THEN '[]'::jsonb ELSE f.deadlines END AS deadlines,
                   f.has_reviewer, f.objectives_set, f.statement_state, f.comment_due,
                   f.interim_held, f.conversation_kinds
            FROM appraisal_facts f JOIN models m ON m.cycle_id = f.cycle_id
            WHERE true
            """
        sql.append(conditions)
        // A whole cycle's rows, as many as the trust has: planned for the trust in hand
        // (`SQL.plannedEachRun`), never with a plan made for a smaller one.
        return sql.plannedEachRun()
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
