import Domain
import Foundation
import Postgres

/// The reports' counts (issue 17 §1), one query each, grouped by unit, staff group and
/// category in PostgreSQL. Every query starts from the same `scope`: the appraisals the
/// filters and the reader's units select, as their `appraisal_facts` (migrations/0032: one row
/// per appraisal of what the reports count, kept by triggers), so a report on a cycle of
/// 170,000 reads one table (issue 17 §6). Completion and overdue need the progress rules, so
/// they read the appraisals' standings, grouped, instead (`standingsQuery`).
public enum ReportStore {
    /// Run first in a report's read: its sorts and groupings of a whole cycle (170,000 rows)
    /// fit in memory, for this transaction only, instead of spilling to disk (4 MB by default).
    public static let memory: SQL = "SELECT set_config('work_mem', '64MB', true)"

    /// `WITH scope AS (…)`: each appraisal in reach, its unit's name and the `facts` a report
    /// counts — only those, as a scope read twice is kept in memory.
    static func scope(_ filter: ReportFilter, units: [UUID]?, facts: [String]) -> SQL {
        var sql: SQL = """
            WITH scope AS (
                SELECT f.appraisal_id AS id, f.unit_id, u.name AS unit_name, f.staff_group
                       \(unsafeSQL: facts.map { ", f." + $0 }.joined())
                FROM appraisal_facts f
                JOIN units u ON u.id = f.unit_id
                WHERE true
            """
        sql.append(conditions(filter, units: units))
        sql.append(")\n")
        return sql
    }

    static func conditions(_ filter: ReportFilter, units: [UUID]?) -> SQL {
        var sql: SQL = ""
        if let cycle = filter.cycleId { sql.append(" AND f.cycle_id = \(cycle)") }
        if let year = filter.year { sql.append(" AND f.year = \(year)") }
        if let unit = filter.unitId { sql.append(" AND f.unit_id = \(unit)") }
        if let group = filter.staffGroup { sql.append(" AND f.staff_group = \(group.rawValue)") }
        if let units { sql.append(" AND f.unit_id = ANY (\(UUIDArray(units))::uuid[])") }
        return sql
    }

    /// The counts of a report computed in SQL; nil for completion and overdue.
    public static func countsQuery(_ kind: ReportKind, _ filter: ReportFilter, units: [UUID]?, now: Date,
                                   today: CalendarDate) -> SQL? {
        let category: SQL, facts: [String]
        switch kind {
        case .completion, .overdue: return nil
        case .objectiveOutcomes: (category, facts) = (objectiveOutcome, ["objective_outcomes"])
        case .observationFeedback: (category, facts) = (feedbackTimeliness(now: now, today: today), ["feedback"])
        case .statementsOnTime:
            (category, facts) = (statementTimeliness(today: today), ["deadlines", "first_issued_at"])
        case .support: (category, facts) = (supportState, ["support"])
        case .payOutcomes: (category, facts) = (payOutcome, ["pay_state", "pay_decided_outcome"])
        case .reviewerLoad: (category, facts) = (reviewerLoadBand, ["reviewers"])
        case .outcomesAndPay:
            (category, facts) = (outcomeAndPay, ["objective_outcomes", "pay_state", "pay_decided_outcome"])
        }
        var sql = scope(filter, units: units, facts: facts)
        sql.append(category)
        sql.append(" GROUP BY 1, 2, 3, 4")
        // Grouping a whole cycle or year of the trust: planned for the trust in hand.
        return sql.plannedEachRun()
    }

    // Each of these is `SELECT unit_id, unit_name, staff_group, category, count(*) FROM scope …`
    // without its GROUP BY.

    // 000 §7.2, 003 §5.3.3: each agreed objective is assessed at the review.
    static let objectiveOutcome: SQL = """
        SELECT s.unit_id, s.unit_name, s.staff_group, o.key AS category, sum(o.value::int) AS count
        FROM scope s CROSS JOIN LATERAL jsonb_each_text(s.objective_outcomes) o
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
        CROSS JOIN LATERAL jsonb_to_recordset(s.feedback) AS f(due_date date, due_at timestamptz, given_at timestamptz)
        """
    }

    /// 000 §4, 001 "Performance Management Review Meeting", 003 §5.3.3: the statement by the
    /// final deadline — on time if first issued by its London day. Appraisals without one
    /// (004's conversations) are not counted.
    static func statementTimeliness(today: CalendarDate) -> SQL {
        """
        SELECT s.unit_id, s.unit_name, s.staff_group,
               CASE WHEN s.first_issued_at IS NOT NULL THEN
                         CASE WHEN (s.first_issued_at AT TIME ZONE 'Europe/London')::date <= d.due THEN 'on_time'
                              ELSE 'late' END
                    WHEN d.due < \(today)::date THEN 'overdue'
                    ELSE 'not_yet_due' END AS category,
               count(*) AS count
        FROM scope s
        CROSS JOIN LATERAL (SELECT min(x.due_date) AS due
                            FROM jsonb_to_recordset(s.deadlines) AS x(key text, due_date date)
                            WHERE x.key IN ('final_review', 'annual_review_meeting')) d
        WHERE d.due IS NOT NULL
        """
    }

    /// Capability first (003 §7, 004 §11), else the latest support plan's state, else none
    /// (decided in `appraisal_facts_source`).
    static let supportState: SQL = """
        SELECT s.unit_id, s.unit_name, s.staff_group, s.support AS category, count(*) AS count
        FROM scope s
        """

    static let payOutcome: SQL = """
        SELECT s.unit_id, s.unit_name, s.staff_group,
               CASE WHEN s.pay_state = 'decided' THEN s.pay_decided_outcome ELSE 'pending' END AS category,
               count(*) AS count
        FROM scope s WHERE s.pay_state IS NOT NULL
        """

    /// 003 §1.8: each appraisal with a decided pay recommendation, by its objectives' outcome
    /// (every assessed one met, none assessed, any not met, or else partly met) and the decision.
    static let outcomeAndPay: SQL = """
        SELECT s.unit_id, s.unit_name, s.staff_group, o.outcome || '/' || s.pay_decided_outcome AS category,
               count(*) AS count
        FROM scope s
        CROSS JOIN LATERAL (
            SELECT CASE WHEN coalesce(sum(x.value::int) FILTER (WHERE x.key <> 'not_assessed'), 0) = 0
                             THEN 'not_assessed'
                        WHEN bool_and(x.key = 'met') FILTER (WHERE x.key <> 'not_assessed') THEN 'all_met'
                        WHEN bool_or(x.key = 'not_met') THEN 'some_not_met'
                        ELSE 'partly_met' END AS outcome
            FROM jsonb_each_text(s.objective_outcomes) x) o
        WHERE s.pay_state = 'decided'
        """

    /// 004 §5.2: each appraisal in the band of its busiest current reviewer's load, counted
    /// within the same filters (a panel's busiest member). Hash joins throughout: a lateral
    /// lookup into `members` per appraisal was quadratic on a large trust. An appraisal's
    /// `reviewers` are distinct, so counting members counts appraisals.
    static let reviewerLoadBand: SQL = """
        , members AS (
            SELECT s.id AS appraisal_id, m.person_id
            FROM scope s CROSS JOIN LATERAL unnest(s.reviewers) AS m(person_id))
        , loads AS (SELECT person_id, count(*) AS load FROM members GROUP BY person_id)
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
