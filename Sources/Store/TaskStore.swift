import Domain
import Foundation
import Postgres

public enum TaskStore {
    /// How the caller comes to an appraisal they may have to act on: it is theirs, they are
    /// its reviewer (or panel member, or adviser), or they are the CEO and it is a head's.
    public enum Side: String, Sendable {
        case own, reviewer, ceo
    }

    /// The appraisals `me` is a side of, each with how (an appraisal may come twice), found
    /// from the person's side: their own by the person index, those they review by the
    /// member index, heads' only for a CEO. `appraisalsQuery` then reads them by id: one
    /// query with three ORs over every appraisal of the running cycles read all of them,
    /// 5,000 rows a cycle, on each call (issue 12).
    public static func sidesQuery(of me: UUID) -> SQL {
        var sql: SQL = """
            SELECT id, 'own' AS side FROM appraisals WHERE person_id = \(me)
            UNION SELECT id, 'ceo' FROM appraisals WHERE category = 'headteacher'
              AND EXISTS (SELECT 1 FROM grants WHERE person_id = \(me) AND role = 'ceo')
            UNION SELECT appraisal_id, 'reviewer' FROM (
            """
        sql.append(EmploymentStore.currentlyReviewedQuery(by: me))
        sql.append(") reviewed")
        return sql
    }

    /// Those of the appraisals, by id, in running cycles that the caller acts on: every one
    /// in `sideOf`, and a head's in `ceoLed` when its policy has the CEO lead the
    /// conversations (004 §6.2).
    public static func appraisalsQuery(sideOf: [UUID], ceoLed: [UUID]) -> SQL {
        """
        SELECT a.id, a.person_id, a.deadlines, pv.document->>'model' AS model, lead.ceo_leads,
               lead.ceo_leads AND a.id = ANY (\(UUIDArray(ceoLed))::uuid[]) AS i_lead_as_ceo,
               \(unsafeSQL: RecordStore.currentReviewers) AS reviewers
        FROM appraisals a JOIN cycles c ON c.id = a.cycle_id JOIN policy_versions pv ON pv.id = c.policy_version_id
        CROSS JOIN LATERAL (
          SELECT a.category = 'headteacher'
                 AND pv.document->'conversations'->>'headteacher_lead' = 'ceo' AS ceo_leads) lead
        WHERE (a.id = ANY (\(UUIDArray(sideOf))::uuid[])
               OR (a.id = ANY (\(UUIDArray(ceoLed))::uuid[]) AND lead.ceo_leads))
          AND c.state IN ('open', 'closing')
          -- Issue 14 §4: a suspended appraisal's deadlines stop, and so do its tasks.
          AND a.state NOT IN ('suspended', 'withdrawn')
        """
    }

    public static func objectivesQuery(appraisals: [UUID]) -> SQL {
        """
        SELECT \(unsafeSQL: ObjectiveStore.columns) FROM objectives
        WHERE appraisal_id = ANY (\(UUIDArray(appraisals))::uuid[]) AND state <> 'withdrawn'
        """
    }

    public static func conversationKindsQuery(appraisals: [UUID]) -> SQL {
        "SELECT appraisal_id, kind FROM conversations WHERE appraisal_id = ANY (\(UUIDArray(appraisals))::uuid[])"
    }

    /// The appraisals among these that have had a formal interim review meeting.
    public static func interimMeetingsQuery(appraisals: [UUID]) -> SQL {
        """
        SELECT DISTINCT appraisal_id FROM meetings
        WHERE appraisal_id = ANY (\(UUIDArray(appraisals))::uuid[]) AND kind = 'interim'
        UNION SELECT appraisal_id FROM interim_reviews WHERE appraisal_id = ANY (\(UUIDArray(appraisals))::uuid[])
        """
    }

    public static func observationsQuery(observer me: UUID) -> SQL {
        "SELECT \(unsafeSQL: ObservationStore.columns) FROM observations WHERE observer_id = \(me)"
    }

    /// Disputed objectives of running cycles that the caller might determine: in units they
    /// head or govern, central staff's if they are operations director, or those they review.
    /// Whether they may is the policy's (resolved per appraisal by the caller of this query).
    /// Found from the few disputed objectives (their partial index), then kept by `scope`.
    public static func disputedObjectivesQuery(for me: UUID, scope: TaskScope) -> SQL {
        """
        SELECT o.id AS objective_id, a.deadlines, \(unsafeSQL: RecordStore.factsColumns)
        FROM objectives o JOIN appraisals a ON a.id = o.appraisal_id JOIN employments e ON e.id = a.employment_id
        JOIN cycles c ON c.id = a.cycle_id
        WHERE o.state = 'disputed' AND c.state IN ('open', 'closing') AND a.state NOT IN ('suspended', 'withdrawn')
          AND a.person_id <> \(me)
          AND (a.unit_id = ANY (\(UUIDArray(scope.governedUnits))::uuid[]) OR \(scope.governsEveryUnit)
               OR (a.category = 'central_staff' AND \(scope.operationsDirector))
               OR a.id = ANY (\(UUIDArray(scope.reviewed))::uuid[]))
        """
    }

    public static func meetingsQuery(appraisals: [UUID]) -> SQL {
        """
        SELECT \(unsafeSQL: MeetingStore.columns) FROM meetings
        WHERE appraisal_id = ANY (\(UUIDArray(appraisals))::uuid[]) AND record_written_at IS NULL
        """
    }

    /// Each appraisal's latest statement (its current version), by appraisal.
    public static func latestStatementsQuery(appraisals: [UUID]) -> SQL {
        """
        SELECT DISTINCT ON (appraisal_id) \(unsafeSQL: StatementStore.columns) FROM statements
        WHERE appraisal_id = ANY (\(UUIDArray(appraisals))::uuid[]) ORDER BY appraisal_id, number DESC
        """
    }

    /// Items of open moderation rounds the caller moderates (pending) or reviews (returned).
    public static func moderationQuery(for me: UUID) -> SQL {
        SQL("""
        SELECT i.id, i.appraisal_id, i.state, a.person_id, x.i_moderate, x.i_review
          FROM moderation_items i
          JOIN moderation_rounds r ON r.id = i.round_id
          JOIN appraisals a ON a.id = i.appraisal_id
          CROSS JOIN LATERAL (
            SELECT EXISTS (SELECT 1 FROM jsonb_array_elements_text(r.moderators) m WHERE m::uuid = \(me)) AS i_moderate,
                   EXISTS (SELECT 1 FROM reviewer_appointments ap
                             JOIN reviewer_appointment_members rm ON rm.appointment_id = ap.id
                            WHERE ap.appraisal_id = a.id AND ap.ended_at IS NULL
                              AND rm.person_id = \(me)) AS i_review) x
         WHERE r.state = 'open' AND ((i.state = 'pending' AND x.i_moderate) OR (i.state = 'returned' AND x.i_review))
        """).plannedEachRun()
    }

    /// Concerns answered with informal support or capability whose next step is not yet taken
    /// (no plan, no case): `told` when the caller holds a role the raiser had to tell, for the
    /// appraisal's unit or trust-wide (003 §6.3–6.4); `awaits_plan` when the caller raised one
    /// answered with informal support.
    public static func concernsToActOnQuery(for me: UUID) -> SQL {
        SQL("""
        SELECT c.id, c.appraisal_id,
               c.raised_by IS DISTINCT FROM \(me) AND EXISTS (
                 SELECT 1 FROM grants g WHERE g.person_id = \(me) AND c.notified ? g.role
                    AND (g.unit_id IS NULL OR g.unit_id = a.unit_id)) AS told,
               c.raised_by = \(me) AND c.response = 'informal_support' AS awaits_plan
          FROM concerns c JOIN appraisals a ON a.id = c.appraisal_id
         WHERE c.response IN ('informal_support', 'formal_capability') AND a.state NOT IN ('suspended', 'withdrawn')
           -- Only a raiser, or someone with a grant, can have one to act on.
           AND (c.raised_by = \(me) OR EXISTS (SELECT 1 FROM grants g WHERE g.person_id = \(me)))
           AND NOT EXISTS (SELECT 1 FROM support_plans p WHERE p.concern_id = c.id)
           AND NOT EXISTS (SELECT 1 FROM capability_cases k WHERE k.concern_id = c.id)
        """).plannedEachRun()
    }

    /// Plans the caller monitors that are running, or improved with their sustain window open.
    public static func supportPlansQuery(monitor me: UUID, today: CalendarDate) -> SQL {
        """
        SELECT \(unsafeSQL: SupportPlanStore.columns) FROM support_plans
        WHERE monitored_by = \(me)
          AND (state IN ('active', 'paused') OR (state = 'improved' AND sustain_until >= \(today)))
        """
    }

    /// Live capability cases the caller started whose formal meeting is still ahead.
    public static func capabilityMeetingsQuery(startedBy me: UUID, today: CalendarDate) -> SQL {
        """
        SELECT \(unsafeSQL: CapabilityStore.columns) FROM capability_cases
        WHERE started_by = \(me) AND ended_on IS NULL AND meeting_on >= \(today)
        """
    }

    /// Issue 15 §7: appraisals `me` may have to recommend pay for — as their reviewer, the head
    /// of their unit or (central staff) the operations director — whose statement is issued and
    /// that have no recommendation yet. The policy decides which of them are the caller's.
    public static func payToRecommendQuery(for me: UUID, scope: TaskScope) -> SQL {
        """
        SELECT a.period_start, a.period_end, \(unsafeSQL: RecordStore.factsColumns)
        FROM appraisals a JOIN employments e ON e.id = a.employment_id JOIN cycles c ON c.id = a.cycle_id
        WHERE a.person_id <> \(me)
          AND NOT EXISTS (SELECT 1 FROM pay_recommendations r WHERE r.appraisal_id = a.id)
          AND EXISTS (SELECT 1 FROM statements s WHERE s.appraisal_id = a.id AND s.state <> 'draft')
          AND (a.unit_id = ANY (\(UUIDArray(scope.headedUnits))::uuid[])
               OR (a.category = 'central_staff' AND \(scope.operationsDirector))
               OR a.id = ANY (\(UUIDArray(scope.reviewed))::uuid[]))
        """
    }

    /// Issue 15 §7: the pay steps waiting for `me` — approving as the head of the unit (the
    /// operations director for central staff), deciding and hearing appeals as a member of the
    /// pay committee of the trust or the unit (never an appeal against their own decision).
    public static func payQuery(for me: UUID) -> SQL {
        SQL("""
        WITH mine AS (SELECT role, unit_id FROM grants WHERE person_id = \(me)
                       AND role IN ('headteacher', 'operations_director', 'pay_committee_member'))
        SELECT 'approve_pay' AS kind, r.appraisal_id, '/v1/pay-recommendations/' || r.id || '/approval' AS path,
               r.decision_due_on AS due
          FROM pay_recommendations r JOIN appraisals a ON a.id = r.appraisal_id
         WHERE r.state = 'awaiting_approval' AND EXISTS (SELECT 1 FROM mine m
               WHERE (m.role = 'headteacher' AND m.unit_id = a.unit_id AND a.category = 'school_staff')
                  OR (m.role = 'operations_director' AND a.category = 'central_staff'))
        UNION ALL
        SELECT 'decide_pay', r.appraisal_id, '/v1/pay-recommendations/' || r.id || '/decision', r.decision_due_on
          FROM pay_recommendations r JOIN appraisals a ON a.id = r.appraisal_id
         WHERE r.state = 'referred' AND EXISTS (SELECT 1 FROM mine m WHERE m.role = 'pay_committee_member'
               AND (m.unit_id IS NULL OR m.unit_id = a.unit_id))
        UNION ALL
        SELECT 'hear_pay_appeal', p.appraisal_id, '/v1/pay-appeals/' || p.id || '/outcome', p.hearing_on
          FROM pay_appeals p JOIN pay_recommendations r ON r.id = p.recommendation_id
          JOIN appraisals a ON a.id = p.appraisal_id
         WHERE p.outcome IS NULL AND r.decided_by IS DISTINCT FROM \(me) AND EXISTS (SELECT 1 FROM mine m
               WHERE m.role = 'pay_committee_member' AND (m.unit_id IS NULL OR m.unit_id = a.unit_id))
        """).plannedEachRun()
    }
}
