import Domain
import Foundation
import Postgres

/// The reports' counts (issue 17 §1), one query each, grouped by unit, staff group and
/// category in PostgreSQL. Every query starts from the same `scope`: the appraisals the
/// filters and the reader's units select. Completion and overdue need the progress rules, so
/// they read the appraisals' standings, grouped, instead (`standingsQuery`).
public enum ReportStore {
    /// `WITH scope AS (…)`: id, unit, staff group and deadlines of each appraisal in reach.
    static func scope(_ filter: ReportFilter, units: [UUID]?) -> SQL {
        var sql: SQL = """
            WITH scope AS (
                SELECT a.id, a.unit_id, u.name AS unit_name, e.staff_group, a.state, a.deadlines
                FROM appraisals a
                JOIN employments e ON e.id = a.employment_id
                JOIN units u ON u.id = a.unit_id
                WHERE true
            """
        sql.append(conditions(filter, units: units))
        sql.append(")\n")
        return sql
    }

    static func conditions(_ filter: ReportFilter, units: [UUID]?) -> SQL {
        var sql: SQL = ""
        if let cycle = filter.cycleId { sql.append(" AND a.cycle_id = \(cycle)") }
        if let year = filter.year { sql.append(" AND a.year = \(year)") }
        if let unit = filter.unitId { sql.append(" AND a.unit_id = \(unit)") }
        if let group = filter.staffGroup { sql.append(" AND e.staff_group = \(group.rawValue)") }
        if let units { sql.append(" AND a.unit_id = ANY (\(UUIDArray(units))::uuid[])") }
        return sql
    }

    /// The counts of a report computed in SQL; nil for completion and overdue.
    public static func countsQuery(_ kind: ReportKind, _ filter: ReportFilter, units: [UUID]?, now: Date,
                                   today: CalendarDate) -> SQL? {
        let category: SQL
        switch kind {
        case .completion, .overdue: return nil
        case .objectiveOutcomes: category = objectiveOutcome
        case .observationFeedback: category = feedbackTimeliness(now: now, today: today)
        case .statementsOnTime: category = statementTimeliness(today: today)
        case .support: category = supportState
        case .payOutcomes: category = payOutcome
        case .reviewerLoad: category = reviewerLoadBand
        case .outcomesAndPay: category = outcomeAndPay
        }
        var sql = scope(filter, units: units)
        sql.append(category)
        sql.append(" GROUP BY 1, 2, 3, 4")
        return sql
    }

    // Each of these is `SELECT unit_id, unit_name, staff_group, category, count(*) FROM scope …`
    // without its GROUP BY.

    // 000 §7.2, 003 §5.3.3: each agreed objective is assessed at the review.
    static let objectiveOutcome: SQL = """
        SELECT s.unit_id, s.unit_name, s.staff_group, coalesce(o.assessment_outcome, 'not_assessed') AS category,
               count(*) AS count
        FROM scope s JOIN objectives o ON o.appraisal_id = s.id AND o.state IN ('agreed', 'determined')
        """

    /// Each feedback owed after an observation, judged as `Observation.Feedback.isOnTime` does:
    /// by its instant, or by the end of its London day.
    static func feedbackTimeliness(now: Date, today: CalendarDate) -> SQL {
        """
        SELECT s.unit_id, s.unit_name, s.staff_group,
               CASE WHEN f.given_at IS NOT NULL THEN
                         CASE WHEN f.given_at > f.due_at
                                OR (f.due_at IS NULL AND (f.given_at AT TIME ZONE 'Europe/London')::date > f.due_date)
                              THEN 'given_late' ELSE 'on_time' END
                    WHEN \(now)::timestamptz > f.due_at OR (f.due_at IS NULL AND f.due_date < \(today)::date)
                         THEN 'overdue'
                    ELSE 'not_yet_due' END AS category,
               count(*) AS count
        FROM scope s
        JOIN observations o ON o.appraisal_id = s.id
        CROSS JOIN LATERAL jsonb_to_recordset(o.feedback) AS f(due_date date, due_at timestamptz, given_at timestamptz)
        """
    }

    /// 000 §4, 001 "Performance Management Review Meeting", 003 §5.3.3: the statement by the
    /// final deadline — on time if first issued by its London day. Appraisals without one
    /// (004's conversations) are not counted.
    static func statementTimeliness(today: CalendarDate) -> SQL {
        """
        SELECT s.unit_id, s.unit_name, s.staff_group,
               CASE WHEN st.issued IS NOT NULL THEN
                         CASE WHEN (st.issued AT TIME ZONE 'Europe/London')::date <= d.due THEN 'on_time'
                              ELSE 'late' END
                    WHEN d.due < \(today)::date THEN 'overdue'
                    ELSE 'not_yet_due' END AS category,
               count(*) AS count
        FROM scope s
        CROSS JOIN LATERAL (SELECT min(x.due_date) AS due
                            FROM jsonb_to_recordset(s.deadlines) AS x(key text, due_date date)
                            WHERE x.key IN ('final_review', 'annual_review_meeting')) d
        LEFT JOIN LATERAL (SELECT min(issued_at) AS issued FROM statements WHERE appraisal_id = s.id) st ON true
        WHERE d.due IS NOT NULL
        """
    }

    /// Capability first (003 §7, 004 §11), else the latest support plan's state, else none.
    static let supportState: SQL = """
        SELECT s.unit_id, s.unit_name, s.staff_group,
               CASE WHEN EXISTS (SELECT 1 FROM capability_cases c WHERE c.appraisal_id = s.id) THEN 'capability'
                    ELSE coalesce((SELECT CASE WHEN p.state IN ('active', 'paused') THEN 'support_active'
                                               ELSE 'support_' || p.state END
                                   FROM support_plans p WHERE p.appraisal_id = s.id
                                   ORDER BY p.created_at DESC LIMIT 1), 'none') END AS category,
               count(*) AS count
        FROM scope s
        """

    static let payOutcome: SQL = """
        SELECT s.unit_id, s.unit_name, s.staff_group,
               CASE WHEN p.state = 'decided' THEN p.decided_outcome ELSE 'pending' END AS category,
               count(*) AS count
        FROM scope s JOIN pay_recommendations p ON p.appraisal_id = s.id
        """

    /// 003 §1.8: each appraisal with a decided pay recommendation, by its objectives' outcome
    /// (every assessed one met, none assessed, any not met, or else partly met) and the decision.
    static let outcomeAndPay: SQL = """
        SELECT s.unit_id, s.unit_name, s.staff_group, o.outcome || '/' || p.decided_outcome AS category,
               count(*) AS count
        FROM scope s
        JOIN pay_recommendations p ON p.appraisal_id = s.id AND p.state = 'decided'
        CROSS JOIN LATERAL (
            SELECT CASE WHEN count(x.assessment_outcome) = 0 THEN 'not_assessed'
                        WHEN bool_and(x.assessment_outcome = 'met') THEN 'all_met'
                        WHEN bool_or(x.assessment_outcome = 'not_met') THEN 'some_not_met'
                        ELSE 'partly_met' END AS outcome
            FROM objectives x WHERE x.appraisal_id = s.id AND x.state IN ('agreed', 'determined')) o
        """

    /// 004 §5.2: each appraisal in the band of its busiest current reviewer's load, counted
    /// within the same filters (a panel's busiest member). Hash joins throughout: a lateral
    /// lookup into `members` per appraisal was quadratic on a large trust.
    static let reviewerLoadBand: SQL = """
        , members AS (
            SELECT s.id AS appraisal_id, m.person_id
            FROM scope s
            JOIN reviewer_appointments r ON r.appraisal_id = s.id AND r.ended_at IS NULL
            JOIN reviewer_appointment_members m ON m.appointment_id = r.id)
        , loads AS (SELECT person_id, count(DISTINCT appraisal_id) AS load FROM members GROUP BY person_id)
        , busiest AS (SELECT m.appraisal_id, max(l.load) AS load FROM members m JOIN loads l USING (person_id)
                      GROUP BY m.appraisal_id)
        SELECT s.unit_id, s.unit_name, s.staff_group,
               CASE WHEN b.load IS NULL THEN 'no_reviewer' WHEN b.load <= 3 THEN '1_to_3' WHEN b.load <= 6 THEN '4_to_6'
                    WHEN b.load <= 9 THEN '7_to_9' ELSE '10_or_more' END AS category,
               count(*) AS count
        FROM scope s LEFT JOIN busiest b ON b.appraisal_id = s.id
        """

    public static func decodeCount(_ row: Row) throws -> ReportCount {
        ReportCount(unitId: try row.decode(UUID.self, "unit_id"), unitName: try row.decode(String.self, "unit_name"),
                    staffGroup: try row.decode(String.self, "staff_group").asEnum(Employment.StaffGroup.self),
                    category: try row.decode(String.self, "category"), count: try row.decode(Int.self, "count"))
    }

    /// The trust's units' names, for the tables built from standings.
    public static let unitNamesQuery: SQL = "SELECT id, name FROM units"

    /// The standings of the appraisals in reach, as the cycle's progress reads them — one row
    /// per distinct standing with how many share it (`count`), so a cycle of 150,000 reaches
    /// Swift as a few hundred rows and the progress rules still decide each step there. `id`
    /// and `person_id` are one appraisal's of the group, only to make a whole standing.
    public static func standingsQuery(_ filter: ReportFilter, units: [UUID]?) -> SQL {
        let shape = "unit_id, staff_group, model, deadlines, has_reviewer, objectives_set, statement_state, "
            + "comment_due, interim_held, conversation_kinds"
        var sql: SQL = """
            SELECT (array_agg(id))[1] AS id, (array_agg(person_id))[1] AS person_id, \(unsafeSQL: shape),
                   count(*) AS count
            FROM (
            """
        sql.append(CycleProgressStore.standingsQuery(where: conditions(filter, units: units)))
        sql.append(") standing GROUP BY \(unsafeSQL: shape)")
        return sql
    }

    public static func decodeStanding(_ row: Row) throws -> (standing: AppraisalStanding, count: Int) {
        (try CycleProgressStore.decode(row), try row.decode(Int.self, "count"))
    }
}
